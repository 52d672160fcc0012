import type { OAuthProviderConfig } from './oauth-provider-config.js';
import type { ProviderProfile } from './provider-profile.js';

/** What an authorization request carries besides the client's own settings. */
export interface AuthorizationParameters {
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
}

/** The browser flow's secrets, as kept in the sealed cookie. */
export interface CodeExchange {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * One configured provider, as the routes use it. OpenID Connect providers and GitHub implement it;
 * every network call is bounded by the configured timeout.
 */
export interface OAuthProviderClient {
  readonly config: OAuthProviderConfig;
  /** The provider's authorization URL for this request (discovery first, for OpenID Connect). */
  authorizationUrl(parameters: AuthorizationParameters): Promise<URL>;
  /**
   * Checks the callback's query (state, provider error, `iss`), exchanges the code (with the PKCE
   * verifier) and returns who signed in. Throws `OAuthFailedError` or `ProviderUnavailableError`.
   */
  finishAuthorization(callback: URLSearchParams, exchange: CodeExchange, now: Date): Promise<ProviderProfile>;
  /**
   * Verifies an ID token a native app got from the provider's SDK (`aud` may be any configured client
   * id). `null` when the provider has no ID tokens (GitHub).
   */
  verifyIdToken: ((idToken: string, nonce: string | null, now: Date) => Promise<ProviderProfile>) | null;
}
