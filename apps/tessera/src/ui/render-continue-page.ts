import { html } from './html.js';
import { renderPage } from './render-page.js';

/** Where the no-JavaScript refresh form posts: under the refresh cookie's path, so the cookie goes along. */
export const CONTINUE_PATH = '/auth/refresh/continue';

/**
 * jwt cookie mode, access cookie gone but a refresh cookie present: one button renews the sign-in
 * (the page's script presses it for you, through `@tessera/client`).
 *
 * @example
 * renderContinuePage()
 */
export function renderContinuePage(): string {
  const content = html`<h1>Welcome back</h1>
    <p class="lead">Your sign-in on this browser needs renewing. This takes a moment.</p>
    <div class="card">
      <form id="continue-form" method="post" action="${CONTINUE_PATH}">
        <button type="submit" class="full">Continue</button>
      </form>
    </div>
    <p class="switch">Not you? <a href="/login">Sign in with another account</a></p>`;
  return renderPage({
    title: 'Continue',
    current: null,
    signedIn: false,
    narrow: true,
    scripts: ['/ui/js/browser/keep-signed-in.js'],
    data: { 'auto-refresh': 'true' },
    content,
  });
}
