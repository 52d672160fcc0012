/**
 * The pieces the routes' OpenAPI operations share: the response helpers, the headers and the
 * problem responses many routes answer with. Core's `/api` subpath exports the four the server's
 * own routes use, prefixed `openApi` (`openApiProblem`, `openApiJson`, `openApiWwwAuthenticate`, `openApiAnyone`).
 */
import type { HeaderObject, JsonSchema, ParameterObject, ResponseObject } from './openapi-types.js';

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const isoTime: JsonSchema = { type: 'string', format: 'date-time' };

/**
 * A problem+json response whose `code` is one of `codes`.
 *
 * @example
 * problem('Too many attempts.', ['rate_limited'], { 'Retry-After': retryAfter })
 */
export function problem(
  description: string,
  codes: readonly string[],
  headers?: Record<string, HeaderObject>,
): ResponseObject {
  const response: ResponseObject = {
    description: `${description} Problem \`code\`: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
    content: {
      'application/problem+json': {
        schema: { allOf: [ref('Problem'), { properties: { code: { enum: codes } } }] },
      },
    },
  };
  return headers === undefined ? response : { ...response, headers };
}

/**
 * A JSON response with `schema`.
 *
 * @example
 * json('The signed-in user.', ref('SignedIn'))
 */
export function json(
  description: string,
  schema: JsonSchema,
  headers?: Record<string, HeaderObject>,
): ResponseObject {
  const response: ResponseObject = { description, content: { 'application/json': { schema } } };
  return headers === undefined ? response : { ...response, headers };
}

/** A JSON request body. */
export const jsonBody = (schema: JsonSchema, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

export const setCookie: HeaderObject = {
  description:
    'Cookie mode: the session cookie, or in jwt cookie mode the access and refresh cookies (HttpOnly, Secure, SameSite=Lax).',
  schema: { type: 'string' },
};
/**
 * The answer of every route that signs in (password, second step, passkey, ID token, register):
 * the `SignedIn` body and, in cookie transport, the cookies.
 *
 * @example
 * responses: { '200': signedInAnswer, '400': badRequest }
 */
export const signedInAnswer = json('Signed in.', ref('SignedIn'), { 'Set-Cookie': setCookie });
export const clearingCookies: HeaderObject = {
  description: 'Expiring `Set-Cookie`s for every Tessera cookie (browser clients only).',
  schema: { type: 'string' },
};
/**
 * The `WWW-Authenticate` header of a 401 (RFC 6750 §3).
 *
 * @example
 * responses: { 401: problem('Not signed in.', ['unauthenticated'], { 'WWW-Authenticate': wwwAuthenticate }) }
 */
export const wwwAuthenticate: HeaderObject = {
  description:
    '`Bearer realm="tessera"`, with `error="invalid_token"` when a token was presented (RFC 6750 §3).',
  schema: { type: 'string' },
};
export const retryAfter: HeaderObject = {
  description: 'Seconds until the throttle window reopens.',
  schema: { type: 'string', pattern: '^[0-9]+$' },
};

export const badRequest = problem('The body is not the JSON object described, or a field is malformed.', [
  'invalid_request',
]);
export const tooLarge = problem('The body is over the limit (64 KiB).', ['payload_too_large']);
export const wrongMediaType = problem('The body is not `application/json`.', ['unsupported_media_type']);
export const csrf = problem(
  '`Origin` or `Sec-Fetch-Site` says the request comes from another site (cookie-authenticated unsafe requests, login and register).',
  ['csrf_rejected'],
);
export const unauthenticated = problem(
  'No valid proof of session: none was presented, the session is unknown or expired, or the access token is malformed, expired or revoked.',
  ['unauthenticated', 'invalid_token', 'token_expired', 'session_revoked'],
  { 'WWW-Authenticate': wwwAuthenticate },
);
export const storeDown = problem('A backing store is not answering.', ['store_unavailable']);
export const authenticatedDown = problem(
  'A backing store, the signing keys or the revocation feed is unavailable.',
  ['store_unavailable', 'key_set_unavailable', 'revocation_feed_unavailable'],
);
export const sessionLimit = problem(
  'The user has the maximum number of sessions and the policy is `refuse` (`TESSERA_SESSION_LIMIT_POLICY`).',
  ['session_limit_reached'],
);

/**
 * No credential needed.
 *
 * @example
 * const operation = { summary: 'Liveness', security: [...anyone], responses: {} };
 */
export const anyone = [{}] as const;
/** Any one of the three proofs of a session. */
export const signedIn = [{ sessionCookie: [] }, { accessCookie: [] }, { bearerToken: [] }] as const;

/** The body of login and register. */
export const credentialsBody = (passwordHint: string): JsonSchema => ({
  type: 'object',
  required: ['email', 'password'],
  properties: {
    email: { type: 'string', description: 'Trimmed, NFKC-normalized and lower-cased before use.' },
    password: { type: 'string', description: passwordHint },
    transport: {
      type: 'string',
      enum: ['cookie', 'bearer'],
      description: '`cookie` (default): cookies as `TESSERA_COOKIE_MODE` says; `bearer`: tokens in the body.',
    },
  },
});

export const adminBadRequest = problem('A query parameter or the body is malformed, unknown or repeated.', [
  'invalid_request',
]);
export const adminForbidden = problem('Signed in without the `admin` role.', ['forbidden']);
export const adminForbiddenOrCsrf = problem(
  'Signed in without the `admin` role, or a cookie-authenticated request from another site.',
  ['forbidden', 'csrf_rejected'],
);
export const userNotFound = problem('No such user.', ['user_not_found']);
export const lastAdmin = problem(
  'The user is the last enabled administrator: the change would leave nobody who can reach the admin API.',
  ['last_admin'],
);
export const userIdParameter: ParameterObject = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'A user id.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};
export const adminUserResponse = json('The user.', {
  type: 'object',
  required: ['user'],
  properties: { user: ref('AdminUser') },
});
