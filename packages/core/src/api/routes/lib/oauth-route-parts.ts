import { NotFoundError } from '../../../errors.js';
import type { OAuthService } from '../../../oauth/create-oauth-service.js';
import type { OAuthProviderClient } from '../../../oauth/oauth-provider-client.js';
import type { HeaderObject, ParameterObject } from '../../openapi/openapi-types.js';
import type { AuthResponse } from '../../auth-request.js';
import type { RouteContext } from '../../router/route.js';

/**
 * The configured provider named by the path, or 404 `not_found` (also when no provider is configured).
 *
 * @example
 * const { oauth, client } = findProvider(context);
 */
export function findProvider(context: RouteContext): { oauth: OAuthService; client: OAuthProviderClient } {
  const { oauth } = context.services;
  const client = oauth?.providers.get(context.params['provider'] ?? '');
  if (oauth === null || client === undefined) throw new NotFoundError();
  return { oauth, client };
}

/**
 * `return_to` as a same-origin path: exactly one leading `/` (so not `//host` nor `/\host`, which
 * browsers read as another origin), no control characters, no backslash; anything else is `/`.
 *
 * @example
 * safeReturnTo('//evil.com'); // '/'
 */
export function safeReturnTo(value: string | null): string {
  if (value === null || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  return value;
}

/**
 * A redirect without a body; `Cache-Control: no-store` since it carries one-time values.
 *
 * @example
 * redirectResponse(303, '/account');
 */
export function redirectResponse(status: 302 | 303, location: string): AuthResponse {
  return {
    status,
    headers: [
      ['location', location],
      ['cache-control', 'no-store'],
    ],
    body: null,
  };
}

/**
 * Where a failed browser sign-in ends (DESIGN §8).
 *
 * @example
 * failedSignInLocation('account_exists'); // '/login?error=account_exists'
 */
export function failedSignInLocation(code: 'oauth_failed' | 'account_exists' | 'account_disabled'): string {
  return `/login?error=${code}`;
}

/** The `:provider` path parameter, as OpenAPI describes it. */
export const providerParameter: ParameterObject = {
  name: 'provider',
  in: 'path',
  required: true,
  description: 'A provider id from `TESSERA_OAUTH_PROVIDERS`.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};

/** The `Location` header of a redirect, as OpenAPI describes it. */
export const locationHeader: HeaderObject = {
  description: 'Where the browser goes next.',
  schema: { type: 'string' },
};
