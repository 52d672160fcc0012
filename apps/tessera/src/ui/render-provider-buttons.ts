import { html, type SafeHtml } from './html.js';

/** A configured sign-in provider, as the pages show it. */
export interface UiProvider {
  id: string;
  /** What the button says: "Continue with <name>". */
  name: string;
}

/** Names of well-known provider ids; any other id is shown as configured. */
const KNOWN_NAMES: Readonly<Record<string, string>> = {
  google: 'Google',
  github: 'GitHub',
  microsoft: 'Microsoft',
  entra: 'Microsoft',
  apple: 'Apple',
  gitlab: 'GitLab',
  keycloak: 'Keycloak',
  auth0: 'Auth0',
  okta: 'Okta',
};

/**
 * The display name of a provider id (`google` → `Google`).
 *
 * @example
 * providerName('github'); // 'GitHub'
 */
export function providerName(id: string): string {
  return KNOWN_NAMES[id.toLowerCase()] ?? id;
}

/**
 * "Continue with …" links (plain links: the flow starts with a GET, no script needed), each with a
 * simple letter mark; nothing is loaded from the providers.
 *
 * @example
 * renderProviderButtons([{ id: 'google', name: 'Google' }])
 */
export function renderProviderButtons(providers: readonly UiProvider[]): SafeHtml | string {
  if (providers.length === 0) return '';
  return html`<div class="providers" id="providers">
    <p class="divider"><span>or</span></p>
    ${providers.map(
      (provider) =>
        html`<a class="provider-button" href="/auth/oauth/${provider.id}?return_to=/account"
          ><span class="provider-mark" aria-hidden="true">${provider.name.slice(0, 1)}</span> Continue with
          ${provider.name}</a
        >`,
    )}
  </div>`;
}
