import { OAuthFailedError, ProviderUnavailableError } from '../errors.js';
import type { ProviderHttpPolicy } from './create-oidc-provider-client.js';
import type { GithubProviderConfig } from './oauth-provider-config.js';
import type { OAuthProviderClient } from './oauth-provider-client.js';
import type { ProviderProfile } from './provider-profile.js';

/** Bigger answers than this are not what GitHub sends for one user; reading stops there. */
const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * A client of GitHub's OAuth 2.0 (GitHub is not an OpenID Connect provider): the authorization code
 * flow with `state` and PKCE S256, then `GET /user` for the stable numeric id (the subject) and
 * `GET /user/emails` for the primary address, used only when GitHub marks it verified. Endpoints as
 * documented at docs.github.com ("Authorizing OAuth apps", "REST API endpoints for emails").
 *
 * @example
 * const client = createGithubProviderClient(config, policy);
 */
export function createGithubProviderClient(
  config: GithubProviderConfig,
  policy: ProviderHttpPolicy,
): OAuthProviderClient {
  async function call(url: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(policy.timeoutSeconds * 1000) });
      text = await readLimited(response);
    } catch (error) {
      throw new ProviderUnavailableError(config.id, error);
    }
    if (response.status >= 500)
      throw new ProviderUnavailableError(config.id, new Error(`HTTP ${response.status}`));
    if (!response.ok) throw new OAuthFailedError(`GitHub answered HTTP ${response.status}.`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new OAuthFailedError('GitHub answered with something other than JSON.');
    }
  }

  return {
    config,

    authorizationUrl(parameters) {
      const url = new URL(config.authorizationEndpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('redirect_uri', parameters.redirectUri);
      url.searchParams.set('scope', config.scopes.join(' '));
      url.searchParams.set('state', parameters.state);
      // GitHub ignores it (no ID token); sent so every provider's request has the same shape.
      url.searchParams.set('nonce', parameters.nonce);
      url.searchParams.set('code_challenge', parameters.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      url.searchParams.set('allow_signup', 'true');
      return Promise.resolve(url);
    },

    async finishAuthorization(callback, exchange): Promise<ProviderProfile> {
      const error = callback.get('error');
      if (error !== null)
        throw new OAuthFailedError(`GitHub did not authorize the sign-in: ${error.slice(0, 64)}.`);
      if (callback.get('state') !== exchange.state) throw new OAuthFailedError('The state does not match.');
      const code = callback.get('code');
      if (code === null || code === '') throw new OAuthFailedError('The callback carries no code.');
      const token = (await call(config.tokenEndpoint, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: config.clientId,
          client_secret: config.clientSecret,
          code,
          redirect_uri: exchange.redirectUri,
          code_verifier: exchange.codeVerifier,
        }).toString(),
      })) as { access_token?: unknown; error?: unknown } | null;
      // GitHub answers a refused code with 200 and an `error` member.
      if (token === null || typeof token.access_token !== 'string' || token.access_token === '') {
        const reason = typeof token?.error === 'string' ? token.error.slice(0, 64) : 'no access token';
        throw new OAuthFailedError(`The code exchange failed: ${reason}.`);
      }
      const headers = {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token.access_token}`,
        'user-agent': 'tessera',
        'x-github-api-version': '2022-11-28',
      };
      const user = (await call(`${config.apiUrl}/user`, { headers })) as { id?: unknown } | null;
      if (user === null || typeof user.id !== 'number' || !Number.isSafeInteger(user.id) || user.id <= 0)
        throw new OAuthFailedError('GitHub did not say who signed in.');
      const emails = await call(`${config.apiUrl}/user/emails`, { headers });
      const primary = Array.isArray(emails)
        ? (emails as { email?: unknown; primary?: unknown; verified?: unknown }[]).find(
            (entry) => entry.primary === true && typeof entry.email === 'string',
          )
        : undefined;
      // Only a verified address: an unverified one is a claim anyone can type into their GitHub profile.
      if (primary === undefined || primary.verified !== true)
        throw new OAuthFailedError('The GitHub account has no verified primary email address.');
      return { subject: String(user.id), email: primary.email as string, emailVerified: true };
    },

    verifyIdToken: null,
  };
}

async function readLimited(response: Response): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_RESPONSE_BYTES) throw new Error('The response is too large.');
  const text = await response.text();
  if (text.length > MAX_RESPONSE_BYTES) throw new Error('The response is too large.');
  return text;
}
