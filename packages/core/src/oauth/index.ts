// `@tessera/core/oauth`: sign-in with other providers (DESIGN §8).
export { createOAuthService, type OAuthService, type OAuthServiceOptions } from './create-oauth-service.js';
export type {
  GithubProviderConfig,
  OAuthProviderConfig,
  OidcProviderConfig,
} from './oauth-provider-config.js';
export { isLoopbackHost, parseOAuthProviders } from './parse-oauth-providers.js';
