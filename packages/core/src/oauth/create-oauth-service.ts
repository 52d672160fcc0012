import {
  checkSetting,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_OAUTH_DISCOVERY_TTL_SECONDS,
  DEFAULT_OAUTH_FLOW_TTL_SECONDS,
  DEFAULT_OAUTH_JWKS_COOLDOWN_SECONDS,
  DEFAULT_OAUTH_TIMEOUT_SECONDS,
} from '../defaults.js';
import { silentLogger, type Logger } from '../logger.js';
import type { ServerSecrets } from '../secret/server-secrets.js';
import { createGithubProviderClient } from './create-github-provider-client.js';
import { createOidcProviderClient } from './create-oidc-provider-client.js';
import type { OAuthProviderConfig } from './oauth-provider-config.js';
import type { OAuthProviderClient } from './oauth-provider-client.js';

/**
 * Options of `createOAuthService`.
 *
 * @example
 * const options: OAuthServiceOptions = { providers, publicUrl: 'https://auth.example.com', secrets, linkVerifiedEmail: true };
 * const oauth = createOAuthService(options);
 */
export interface OAuthServiceOptions {
  /** `TESSERA_OAUTH_PROVIDERS`, validated by `parseOAuthProviders`. */
  providers: readonly OAuthProviderConfig[];
  /** `TESSERA_PUBLIC_URL` as an origin: redirect URIs are `<publicUrl>/auth/oauth/<id>/callback`. */
  publicUrl: string;
  /** Seal the browser flow's cookie. */
  secrets: ServerSecrets;
  /** `TESSERA_OAUTH_LINK_VERIFIED_EMAIL`: link a new identity to the account with its address when the provider verified it (default false). */
  linkVerifiedEmail?: boolean;
  /** `TESSERA_OAUTH_TIMEOUT`: bound of every request to a provider (default 5 s). */
  timeoutSeconds?: number;
  /** Leeway for the ID token's `exp` and `iat` (default 60 s, as for access tokens). */
  clockSkewSeconds?: number;
  /** Told why a sign-in failed (never a token). */
  logger?: Logger;
}

/**
 * The configured providers and what the OAuth routes need besides the engine.
 *
 * @example
 * const oauth: OAuthService = createOAuthService({ providers, publicUrl: 'https://auth.example.com', secrets });
 * oauth.redirectUri('google'); // 'https://auth.example.com/auth/oauth/google/callback'
 */
export interface OAuthService {
  readonly providers: ReadonlyMap<string, OAuthProviderClient>;
  readonly secrets: ServerSecrets;
  readonly linkVerifiedEmail: boolean;
  readonly flowTtlSeconds: number;
  readonly logger: Logger;
  /** `<publicUrl>/auth/oauth/<id>/callback`: what is registered at the provider. */
  redirectUri(providerId: string): string;
}

/**
 * Builds the provider clients (nothing is fetched yet: discovery happens on first use, so a provider
 * that is down does not stop the server from starting).
 *
 * @example
 * const oauth = createOAuthService({ providers, publicUrl: 'https://auth.example.com', secrets });
 */
export function createOAuthService(options: OAuthServiceOptions): OAuthService {
  const publicUrl = new URL(options.publicUrl).origin;
  const policy = {
    timeoutSeconds: checkSetting(
      'oauthTimeoutSeconds',
      options.timeoutSeconds ?? DEFAULT_OAUTH_TIMEOUT_SECONDS,
    ),
    discoveryTtlSeconds: DEFAULT_OAUTH_DISCOVERY_TTL_SECONDS,
    jwksCooldownSeconds: DEFAULT_OAUTH_JWKS_COOLDOWN_SECONDS,
    clockSkewSeconds: checkSetting(
      'clockSkewSeconds',
      options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
    ),
  };
  const providers = new Map<string, OAuthProviderClient>();
  for (const config of options.providers) {
    if (providers.has(config.id)) throw new TypeError(`Two OAuth providers have the id "${config.id}".`);
    providers.set(
      config.id,
      config.kind === 'github'
        ? createGithubProviderClient(config, policy)
        : createOidcProviderClient(config, policy),
    );
  }
  return {
    providers,
    secrets: options.secrets,
    linkVerifiedEmail: options.linkVerifiedEmail ?? false,
    flowTtlSeconds: DEFAULT_OAUTH_FLOW_TTL_SECONDS,
    logger: options.logger ?? silentLogger,
    redirectUri: (providerId) => `${publicUrl}/auth/oauth/${providerId}/callback`,
  };
}
