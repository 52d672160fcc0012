import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import * as oauth from 'oauth4webapi';
import { OAuthFailedError, ProviderUnavailableError } from '../errors.js';
import type { OidcProviderConfig } from './oauth-provider-config.js';
import type { OAuthProviderClient } from './oauth-provider-client.js';
import { isLoopbackHost } from './parse-oauth-providers.js';
import { verifyProviderIdToken } from './verify-provider-id-token.js';

/** How the provider clients talk to providers. */
export interface ProviderHttpPolicy {
  /** Every request to a provider (discovery, keys, token, API) is aborted after this long. */
  timeoutSeconds: number;
  /** A discovery document is reused this long before it is fetched again. */
  discoveryTtlSeconds: number;
  /** After fetching the JWKS, an unknown `kid` refetches it only once this long has passed. */
  jwksCooldownSeconds: number;
  clockSkewSeconds: number;
}

/**
 * A client of one OpenID Connect provider: discovery (cached; a failure is not cached, so the next
 * sign-in tries again), the authorization code flow with PKCE S256, `state` and `nonce` (oauth4webapi),
 * and ID tokens verified with the provider's JWKS (jose; cached and refetched on rotation).
 *
 * @example
 * const client = createOidcProviderClient(config, { timeoutSeconds: 5, discoveryTtlSeconds: 3600, jwksCooldownSeconds: 5, clockSkewSeconds: 60 });
 */
export function createOidcProviderClient(
  config: OidcProviderConfig,
  policy: ProviderHttpPolicy,
): OAuthProviderClient {
  const insecure = new URL(config.issuer).protocol === 'http:';
  const client: oauth.Client = {
    client_id: config.clientId,
    [oauth.clockTolerance]: policy.clockSkewSeconds,
  };
  let discovered: { server: oauth.AuthorizationServer; keys: JWTVerifyGetKey; at: number } | null = null;
  let pending: Promise<{ server: oauth.AuthorizationServer; keys: JWTVerifyGetKey }> | null = null;

  const requestOptions = () => ({
    signal: AbortSignal.timeout(policy.timeoutSeconds * 1000),
    // http: issuers pass configuration only on a loopback address (development and tests).
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
  });

  async function discover(): Promise<{ server: oauth.AuthorizationServer; keys: JWTVerifyGetKey }> {
    if (discovered !== null && Date.now() - discovered.at < policy.discoveryTtlSeconds * 1000)
      return discovered;
    // Concurrent sign-ins share one request.
    pending ??= (async () => {
      try {
        const issuer = new URL(config.issuer);
        const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions() });
        const server = await oauth.processDiscoveryResponse(issuer, response);
        if (server.jwks_uri === undefined || server.authorization_endpoint === undefined)
          throw new TypeError('The discovery document has no jwks_uri or authorization_endpoint.');
        const jwksUri = new URL(server.jwks_uri);
        if (
          jwksUri.protocol !== 'https:' &&
          !(jwksUri.protocol === 'http:' && isLoopbackHost(jwksUri.hostname))
        )
          throw new TypeError('The discovery document names a jwks_uri that is not https.');
        // Keep the key set across refreshes of the document when its address did not change.
        const keys =
          discovered !== null && discovered.server.jwks_uri === server.jwks_uri
            ? discovered.keys
            : createRemoteJWKSet(jwksUri, {
                timeoutDuration: policy.timeoutSeconds * 1000,
                cooldownDuration: policy.jwksCooldownSeconds * 1000,
              });
        discovered = { server, keys, at: Date.now() };
        return discovered;
      } catch (error) {
        throw new ProviderUnavailableError(config.id, error);
      } finally {
        pending = null;
      }
    })();
    return pending;
  }

  return {
    config,

    async authorizationUrl(parameters) {
      const { server } = await discover();
      const url = new URL(server.authorization_endpoint as string);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('redirect_uri', parameters.redirectUri);
      url.searchParams.set('scope', config.scopes.join(' '));
      url.searchParams.set('state', parameters.state);
      url.searchParams.set('nonce', parameters.nonce);
      url.searchParams.set('code_challenge', parameters.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return url;
    },

    async finishAuthorization(callback, exchange, now) {
      const { server, keys } = await discover();
      let parameters: URLSearchParams;
      try {
        // Checks state, a provider `error`, and `iss` when the provider sends it (RFC 9207).
        parameters = oauth.validateAuthResponse(server, client, callback, exchange.state);
      } catch (error) {
        throw new OAuthFailedError(describeOAuthError('The provider did not authorize the sign-in', error), {
          cause: error,
        });
      }
      let response: Response;
      try {
        response = await oauth.authorizationCodeGrantRequest(
          server,
          client,
          clientAuthentication(server, config.clientSecret),
          parameters,
          exchange.redirectUri,
          exchange.codeVerifier,
          requestOptions(),
        );
      } catch (error) {
        throw new ProviderUnavailableError(config.id, error);
      }
      // Signature first: the ID token is read from a copy and verified before anything else uses it.
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { id_token?: unknown } | null;
      if (!response.ok || body === null || typeof body.id_token !== 'string')
        throw new OAuthFailedError(`The code exchange failed (HTTP ${response.status}, or no ID token).`);
      const profile = await verifyProviderIdToken(body.id_token, keys, {
        provider: config.id,
        issuer: server.issuer,
        audiences: [config.clientId],
        nonce: exchange.nonce,
        clockSkewSeconds: policy.clockSkewSeconds,
        now,
      });
      try {
        // oauth4webapi's own checks of the token response, the nonce again included.
        await oauth.processAuthorizationCodeResponse(server, client, response, {
          expectedNonce: exchange.nonce,
          requireIdToken: true,
        });
      } catch (error) {
        throw new OAuthFailedError(describeOAuthError('The token response was refused', error), {
          cause: error,
        });
      }
      return profile;
    },

    async verifyIdToken(idToken, nonce, now) {
      const { server, keys } = await discover();
      return verifyProviderIdToken(idToken, keys, {
        provider: config.id,
        issuer: server.issuer,
        audiences: [config.clientId, ...config.audiences],
        nonce,
        clockSkewSeconds: policy.clockSkewSeconds,
        now,
      });
    },
  };
}

/** client_secret_basic unless the provider supports only client_secret_post (RFC 8414 §2). */
function clientAuthentication(server: oauth.AuthorizationServer, secret: string): oauth.ClientAuth {
  const supported = server.token_endpoint_auth_methods_supported;
  if (
    supported !== undefined &&
    !supported.includes('client_secret_basic') &&
    supported.includes('client_secret_post')
  )
    return oauth.ClientSecretPost(secret);
  return oauth.ClientSecretBasic(secret);
}

/** A short reason for the log and the problem detail: the OAuth error code, never a token. */
function describeOAuthError(prefix: string, error: unknown): string {
  if (error instanceof oauth.AuthorizationResponseError) return `${prefix}: ${error.error}.`;
  if (error instanceof oauth.ResponseBodyError) return `${prefix}: ${error.error}.`;
  if (error instanceof oauth.OperationProcessingError) return `${prefix} (${error.code ?? 'invalid'}).`;
  return `${prefix}.`;
}
