/**
 * An OpenID Connect provider, found by discovery at `<issuer>/.well-known/openid-configuration`.
 *
 * @example
 * const google: OidcProviderConfig = {
 *   kind: 'oidc', id: 'google', issuer: 'https://accounts.google.com', clientId, clientSecret,
 *   scopes: ['openid', 'email', 'profile'], audiences: [],
 * };
 */
export interface OidcProviderConfig {
  kind: 'oidc';
  /** The provider's id: in the routes (`/auth/oauth/<id>`) and stored with each identity. */
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Default `openid email profile`. */
  scopes: readonly string[];
  /** Other client ids whose ID tokens `POST /auth/oauth/:provider/id-token` accepts (native apps). */
  audiences: readonly string[];
}

/**
 * GitHub's OAuth 2.0 (no OpenID Connect): the user API and the verified primary address. The endpoints
 * default to github.com; they can be set for GitHub Enterprise Server (or a test server).
 *
 * @example
 * const github: GithubProviderConfig = {
 *   kind: 'github', id: 'github', clientId, clientSecret, scopes: ['read:user', 'user:email'],
 *   authorizationEndpoint: 'https://github.com/login/oauth/authorize', tokenEndpoint: 'https://github.com/login/oauth/access_token', apiUrl: 'https://api.github.com',
 * };
 */
export interface GithubProviderConfig {
  kind: 'github';
  id: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The REST API's base URL, without a trailing slash (`https://api.github.com`). */
  apiUrl: string;
}

/**
 * One entry of `TESSERA_OAUTH_PROVIDERS`, validated.
 *
 * @example
 * const providers: OAuthProviderConfig[] = parseOAuthProviders(JSON.parse(env.TESSERA_OAUTH_PROVIDERS ?? '[]'), 'TESSERA_OAUTH_PROVIDERS');
 */
export type OAuthProviderConfig = OidcProviderConfig | GithubProviderConfig;
