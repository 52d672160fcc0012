/**
 * The OpenAPI 3.1 description of every route the server answers (DESIGN §3). A test compares its
 * (method, path) pairs with the route table of the running server, probes every operation, and
 * checks real responses against these schemas; `npm run docs:api` renders it to
 * docs/api-reference.md.
 */

/** The subset of JSON Schema 2020-12 this document uses (and the tests' checker understands). */
export interface JsonSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null' | readonly JsonTypeName[];
  description?: string;
  format?: string;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  allOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  examples?: readonly unknown[];
}

type JsonTypeName = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** A response header. */
export interface HeaderObject {
  description: string;
  schema: JsonSchema;
}

/** One documented response of an operation. */
export interface ResponseObject {
  description: string;
  headers?: Readonly<Record<string, HeaderObject>>;
  content?: Readonly<Record<string, { schema: JsonSchema }>>;
}

/** A path, query or header parameter. */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

/** One operation (method + path). */
export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** Alternatives: any one of them is enough; `{}` means "no credential needed". */
  security?: readonly Readonly<Record<string, readonly string[]>>[];
  parameters?: readonly ParameterObject[];
  requestBody?: {
    required: boolean;
    description?: string;
    content: Readonly<Record<string, { schema: JsonSchema }>>;
  };
  responses: Readonly<Record<string, ResponseObject>>;
}

/** The methods Tessera serves. */
export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** A security scheme (cookie or bearer). */
export type SecuritySchemeObject =
  | { type: 'apiKey'; in: 'cookie' | 'header'; name: string; description: string }
  | { type: 'http'; scheme: 'bearer'; bearerFormat?: string; description: string };

/** The whole document. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: {
    title: string;
    version: string;
    description: string;
    license: { name: string; identifier: string };
  };
  tags: readonly { name: string; description: string }[];
  paths: Readonly<Record<string, Partial<Record<HttpMethod, OperationObject>>>>;
  components: {
    schemas: Readonly<Record<string, JsonSchema>>;
    securitySchemes: Readonly<Record<string, SecuritySchemeObject>>;
  };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const isoTime: JsonSchema = { type: 'string', format: 'date-time' };

/** A problem+json response whose `code` is one of `codes`. */
function problem(description: string, codes: readonly string[], headers?: Record<string, HeaderObject>) {
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

function json(description: string, schema: JsonSchema, headers?: Record<string, HeaderObject>) {
  const response: ResponseObject = { description, content: { 'application/json': { schema } } };
  return headers === undefined ? response : { ...response, headers };
}

const setCookie: HeaderObject = {
  description:
    'Cookie mode: the session cookie, or in jwt cookie mode the access and refresh cookies (HttpOnly, Secure, SameSite=Lax).',
  schema: { type: 'string' },
};
const clearingCookies: HeaderObject = {
  description: 'Expiring `Set-Cookie`s for every Tessera cookie (browser clients only).',
  schema: { type: 'string' },
};
const wwwAuthenticate: HeaderObject = {
  description:
    '`Bearer realm="tessera"`, with `error="invalid_token"` when a token was presented (RFC 6750 §3).',
  schema: { type: 'string' },
};
const retryAfter: HeaderObject = {
  description: 'Seconds until the throttle window reopens.',
  schema: { type: 'string', pattern: '^[0-9]+$' },
};

const badRequest = problem('The body is not the JSON object described, or a field is malformed.', [
  'invalid_request',
]);
const tooLarge = problem('The body is over the limit (64 KiB).', ['payload_too_large']);
const wrongMediaType = problem('The body is not `application/json`.', ['unsupported_media_type']);
const csrf = problem(
  '`Origin` or `Sec-Fetch-Site` says the request comes from another site (cookie-authenticated unsafe requests, login and register).',
  ['csrf_rejected'],
);
const unauthenticated = problem(
  'No valid proof of session: none was presented, the session is unknown or expired, or the access token is malformed, expired or revoked.',
  ['unauthenticated', 'invalid_token', 'token_expired', 'session_revoked'],
  { 'WWW-Authenticate': wwwAuthenticate },
);
const storeDown = problem('A backing store is not answering.', ['store_unavailable']);
const authenticatedDown = problem(
  'A backing store, the signing keys or the revocation feed is unavailable.',
  ['store_unavailable', 'key_set_unavailable', 'revocation_feed_unavailable'],
);
const sessionLimit = problem(
  'The user has the maximum number of sessions and the policy is `refuse` (`TESSERA_SESSION_LIMIT_POLICY`).',
  ['session_limit_reached'],
);

/** Any one of the three proofs of a session. */
const adminBadRequest = problem('A query parameter or the body is malformed, unknown or repeated.', [
  'invalid_request',
]);
const adminForbidden = problem('Signed in without the `admin` role.', ['forbidden']);
const adminForbiddenOrCsrf = problem(
  'Signed in without the `admin` role, or a cookie-authenticated request from another site.',
  ['forbidden', 'csrf_rejected'],
);
const userNotFound = problem('No such user.', ['user_not_found']);
const lastAdmin = problem(
  'The user is the last enabled administrator: the change would leave nobody who can reach the admin API.',
  ['last_admin'],
);
const userIdParameter: ParameterObject = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'A user id.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};
const adminUserResponse = json('The user.', {
  type: 'object',
  required: ['user'],
  properties: { user: ref('AdminUser') },
});
const signedIn = [{ sessionCookie: [] }, { accessCookie: [] }, { bearerToken: [] }] as const;

const credentialsBody = (passwordHint: string): JsonSchema => ({
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

const jsonBody = (schema: JsonSchema, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

/**
 * The OpenAPI 3.1 document of the Tessera server (served at `GET /openapi.json`).
 *
 * @example
 * const operations = Object.keys(openApiDocument.paths);
 */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Tessera auth server',
    version: '0.1.0',
    description:
      'Sessions, JWTs and cookies done right. JSON in, JSON out; errors are RFC 9457 problem details with a stable `code`. ' +
      'On every route: an unknown path answers 404 `not_found`, a known path with another method 405 `method_not_allowed` ' +
      '(with `Allow`), a bug 500 `internal_error`; every response carries the security headers and `Cache-Control: no-store` ' +
      '(except the JWKS). Times are ISO 8601 strings; durations are seconds.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  tags: [
    { name: 'auth', description: 'Sign in, refresh, sign out, and manage your own sessions.' },
    { name: 'keys', description: 'What verifiers need: public keys and the revocation feed.' },
    { name: 'operations', description: 'Health, metrics and this document.' },
    {
      name: 'admin',
      description:
        'Administration (docs/admin-api.md): callers need the `admin` role, checked against the stored user on every request; every change is audited with the actor.',
    },
  ],
  paths: {
    '/auth/register': {
      post: {
        operationId: 'register',
        summary: 'Create an account and sign in',
        description:
          'Answers like a login (201 instead of 200). A valid session presented with the request is revoked and replaced. ' +
          'After `TESSERA_REGISTER_MAX_PER_IP` attempts per client IP in an hour (failed ones included), attempts get 429.',
        tags: ['auth'],
        security: [{}],
        requestBody: jsonBody(
          credentialsBody('8 to 256 code points after NFKC, no NUL, not a common password.'),
        ),
        responses: {
          '201': json('Signed in.', ref('SignedIn'), { 'Set-Cookie': setCookie }),
          '400': problem('Malformed body or email, or a password the policy refuses.', [
            'invalid_request',
            'weak_password',
          ]),
          '403': csrf,
          '409': problem('The email is taken, or the session limit refuses a new session.', [
            'email_taken',
            'session_limit_reached',
          ]),
          '413': tooLarge,
          '415': wrongMediaType,
          '429': problem('Too many registrations from this client IP.', ['rate_limited'], {
            'Retry-After': retryAfter,
          }),
          '503': storeDown,
        },
      },
    },
    '/auth/login': {
      post: {
        operationId: 'login',
        summary: 'Sign in with email and password',
        description:
          'Creates a session. Cookie transport sets cookies; bearer transport returns an access and a refresh token. ' +
          'An unknown email and a wrong password get the same answer. After `TESSERA_LOGIN_MAX_FAILURES` failures per ' +
          '(account, client IP) in 15 minutes, or `TESSERA_LOGIN_MAX_FAILURES_PER_IP` per client IP, attempts get 429.',
        tags: ['auth'],
        security: [{}],
        requestBody: jsonBody(credentialsBody('The password as typed.')),
        responses: {
          '200': json('Signed in.', ref('SignedIn'), { 'Set-Cookie': setCookie }),
          '400': badRequest,
          '401': problem('Unknown email, wrong password or disabled account (one answer for all).', [
            'invalid_credentials',
          ]),
          '403': csrf,
          '409': sessionLimit,
          '413': tooLarge,
          '415': wrongMediaType,
          '429': problem('Too many failed attempts.', ['rate_limited'], { 'Retry-After': retryAfter }),
          '503': storeDown,
        },
      },
    },
    '/auth/refresh': {
      post: {
        operationId: 'refresh',
        summary: 'Exchange a refresh token for a new access token and refresh token',
        description:
          'The token comes from the body (bearer clients) or the refresh cookie (jwt cookie mode). Rotation is idempotent ' +
          'within `TESSERA_REFRESH_REUSE_GRACE` seconds; an older token is reuse and revokes the session.',
        tags: ['auth'],
        security: [{}, { refreshCookie: [] }],
        requestBody: jsonBody(
          {
            type: 'object',
            properties: { refresh_token: { type: 'string' } },
          },
          false,
        ),
        responses: {
          '200': json('New tokens (bearer) or new cookies (jwt cookie mode).', ref('SignedIn'), {
            'Set-Cookie': setCookie,
          }),
          '400': badRequest,
          '401': problem(
            'No refresh token; an unknown, expired or revoked one; or a reused one (the session is now revoked).',
            ['unauthenticated', 'invalid_token', 'refresh_token_reused'],
            { 'WWW-Authenticate': wwwAuthenticate },
          ),
          '403': csrf,
          '413': tooLarge,
          '415': wrongMediaType,
          '503': authenticatedDown,
        },
      },
    },
    '/auth/logout': {
      post: {
        operationId: 'logout',
        summary: 'Sign out: revoke the current session',
        tags: ['auth'],
        security: signedIn,
        responses: {
          '204': { description: 'Signed out.', headers: { 'Set-Cookie': clearingCookies } },
          '401': unauthenticated,
          '403': csrf,
          '503': authenticatedDown,
        },
      },
    },
    '/auth/logout-all': {
      post: {
        operationId: 'logoutAll',
        summary: 'Sign out everywhere: revoke every session of the user',
        tags: ['auth'],
        security: signedIn,
        responses: {
          '204': { description: 'Every session revoked.', headers: { 'Set-Cookie': clearingCookies } },
          '401': unauthenticated,
          '403': csrf,
          '503': authenticatedDown,
        },
      },
    },
    '/auth/me': {
      get: {
        operationId: 'getMe',
        summary: 'The signed-in user and session',
        tags: ['auth'],
        security: signedIn,
        responses: {
          '200': json(
            'The caller.',
            {
              type: 'object',
              required: ['user', 'session'],
              properties: { user: ref('User'), session: ref('Session') },
            },
            {
              'Set-Cookie': {
                description: 'A sliding session cookie when its expiry moved.',
                schema: { type: 'string' },
              },
            },
          ),
          '401': unauthenticated,
          '503': authenticatedDown,
        },
      },
    },
    '/auth/sessions': {
      get: {
        operationId: 'listSessions',
        summary: "The user's sessions (devices)",
        tags: ['auth'],
        security: signedIn,
        responses: {
          '200': json('Every session of the user, oldest first.', {
            type: 'object',
            required: ['sessions'],
            properties: { sessions: { type: 'array', items: ref('Device') } },
          }),
          '401': unauthenticated,
          '503': authenticatedDown,
        },
      },
    },
    '/auth/sessions/{id}': {
      delete: {
        operationId: 'revokeSession',
        summary: 'Revoke one of your sessions (your current one: a logout)',
        tags: ['auth'],
        security: signedIn,
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: 'A session id from `GET /auth/sessions`.',
            schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          },
        ],
        responses: {
          '204': { description: 'Revoked.', headers: { 'Set-Cookie': clearingCookies } },
          '401': unauthenticated,
          '403': csrf,
          '404': problem("No such session among the caller's (another user's session answers the same).", [
            'not_found',
          ]),
          '503': authenticatedDown,
        },
      },
    },
    '/auth/password': {
      post: {
        operationId: 'changePassword',
        summary: 'Change the password; every other session is revoked',
        description:
          'The current session stays signed in: a session cookie is rotated, jwt cookie mode re-issues both cookies (204). ' +
          'A bearer client gets 200 with new tokens, like a login: its access token stays valid, its old refresh token is dead. ' +
          'A wrong current password counts as a failed login.',
        tags: ['auth'],
        security: signedIn,
        requestBody: jsonBody({
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string' } },
        }),
        responses: {
          '200': json(
            'Changed (bearer): the session with a new access token and refresh token.',
            ref('SignedIn'),
          ),
          '204': { description: 'Changed (cookies).', headers: { 'Set-Cookie': setCookie } },
          '400': problem('Malformed body, or a new password the policy refuses.', [
            'invalid_request',
            'weak_password',
          ]),
          '401': problem(
            'Not signed in, or the current password is wrong.',
            ['unauthenticated', 'invalid_token', 'token_expired', 'session_revoked', 'invalid_credentials'],
            { 'WWW-Authenticate': wwwAuthenticate },
          ),
          '403': csrf,
          '413': tooLarge,
          '415': wrongMediaType,
          '429': problem('Too many failed attempts.', ['rate_limited'], { 'Retry-After': retryAfter }),
          '503': authenticatedDown,
        },
      },
    },
    '/auth/revocations': {
      get: {
        operationId: 'followRevocations',
        summary: 'The revocation feed as Server-Sent Events',
        description:
          'Every live revocation, then new ones as they happen: `id: <cursor>`, `event: revocation`, `data: {"sessionId","revokedAt","expiresAt"}`. ' +
          'Reconnect with `Last-Event-ID` to resume without a gap. Session ids are public identifiers, not credentials. ' +
          'A block with only an `id:` moves the cursor past a log entry that is not a revocation; `: ping` comments come every 15 s.',
        tags: ['keys'],
        security: [{}],
        parameters: [
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            description: 'The cursor of the last event received.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'An endless event stream.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          '400': problem('`Last-Event-ID` is not a cursor this server issued.', ['invalid_request']),
          '503': problem(
            'A backing store is not answering, or the feed has as many subscribers as it allows.',
            ['store_unavailable', 'revocation_feed_busy'],
            { 'Retry-After': retryAfter },
          ),
        },
      },
    },
    '/.well-known/jwks.json': {
      get: {
        operationId: 'getJwks',
        summary: 'The public signing keys (JWK set)',
        description: 'Cacheable for 300 seconds; readable from any origin.',
        tags: ['keys'],
        security: [{}],
        responses: { '200': json('Public keys only.', ref('JwkSet')) },
      },
    },
    '/livez': {
      get: {
        operationId: 'getLiveness',
        summary: 'Liveness: the process answers',
        tags: ['operations'],
        security: [{}],
        responses: { '200': json('Alive.', ref('Status')) },
      },
    },
    '/healthz': {
      get: {
        operationId: 'getHealth',
        summary: 'Readiness: the store answers',
        tags: ['operations'],
        security: [{}],
        responses: { '200': json('Ready.', ref('Status')), '503': storeDown },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getMetrics',
        summary: 'Prometheus metrics (text format 0.0.4)',
        description:
          'Counts only: no user id, email, address or token in any label. Open when `TESSERA_METRICS_TOKEN` is unset ' +
          '(the server binds 127.0.0.1 by default); otherwise the token is required as a bearer token.',
        tags: ['operations'],
        security: [{}, { metricsToken: [] }],
        responses: {
          '200': {
            description: 'The metrics.',
            content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' } } },
          },
          '401': problem(
            '`TESSERA_METRICS_TOKEN` is set and the request does not carry it.',
            ['unauthenticated'],
            {
              'WWW-Authenticate': wwwAuthenticate,
            },
          ),
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        tags: ['operations'],
        security: [{}],
        responses: { '200': json('OpenAPI 3.1.', { type: 'object', required: ['openapi', 'paths'] }) },
      },
    },
    '/admin/users': {
      get: {
        operationId: 'adminListUsers',
        summary: 'List and search users, in email order, a page at a time',
        tags: ['admin'],
        security: signedIn,
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: false,
            description: 'A substring of the (normalized) email.',
            schema: { type: 'string' },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: '1 to 100 (default 50).',
            schema: { type: 'integer', minimum: 1, maximum: 100 },
          },
          {
            name: 'after',
            in: 'query',
            required: false,
            description: 'The `next` cursor of the previous page.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': json('A page of users.', {
            type: 'object',
            required: ['users', 'next'],
            properties: {
              users: { type: 'array', items: ref('AdminUser') },
              next: { type: ['string', 'null'] },
            },
          }),
          '400': adminBadRequest,
          '401': unauthenticated,
          '403': adminForbidden,
          '503': authenticatedDown,
        },
      },
    },
    '/admin/users/{id}': {
      get: {
        operationId: 'adminGetUser',
        summary: 'One user',
        tags: ['admin'],
        security: signedIn,
        parameters: [userIdParameter],
        responses: {
          '200': adminUserResponse,
          '401': unauthenticated,
          '403': adminForbidden,
          '404': userNotFound,
          '503': authenticatedDown,
        },
      },
    },
    '/admin/users/{id}/disable': {
      post: {
        operationId: 'adminDisableUser',
        summary: 'Disable a user: sign-in refused and every session revoked at once',
        tags: ['admin'],
        security: signedIn,
        parameters: [userIdParameter],
        responses: {
          '200': adminUserResponse,
          '401': unauthenticated,
          '403': adminForbiddenOrCsrf,
          '404': userNotFound,
          '409': lastAdmin,
          '503': authenticatedDown,
        },
      },
    },
    '/admin/users/{id}/enable': {
      post: {
        operationId: 'adminEnableUser',
        summary: 'Enable a disabled user again',
        tags: ['admin'],
        security: signedIn,
        parameters: [userIdParameter],
        responses: {
          '200': adminUserResponse,
          '401': unauthenticated,
          '403': adminForbiddenOrCsrf,
          '404': userNotFound,
          '503': authenticatedDown,
        },
      },
    },
    '/admin/users/{id}/roles': {
      put: {
        operationId: 'adminSetUserRoles',
        summary: "Replace a user's roles; the next access token carries them, no session is revoked",
        tags: ['admin'],
        security: signedIn,
        parameters: [userIdParameter],
        requestBody: jsonBody({
          type: 'object',
          required: ['roles'],
          properties: {
            roles: {
              type: 'array',
              description: 'At most 32 roles.',
              items: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' },
            },
          },
        }),
        responses: {
          '200': adminUserResponse,
          '400': adminBadRequest,
          '401': unauthenticated,
          '403': adminForbiddenOrCsrf,
          '404': userNotFound,
          '409': lastAdmin,
          '413': tooLarge,
          '415': wrongMediaType,
          '503': authenticatedDown,
        },
      },
    },
    '/admin/users/{id}/sessions': {
      get: {
        operationId: 'adminListUserSessions',
        summary: "A user's live sessions",
        tags: ['admin'],
        security: signedIn,
        parameters: [userIdParameter],
        responses: {
          '200': json("The user's sessions.", {
            type: 'object',
            required: ['sessions'],
            properties: { sessions: { type: 'array', items: ref('AdminSession') } },
          }),
          '401': unauthenticated,
          '403': adminForbidden,
          '404': userNotFound,
          '503': authenticatedDown,
        },
      },
      delete: {
        operationId: 'adminRevokeUserSessions',
        summary: 'Revoke every session of a user',
        tags: ['admin'],
        security: signedIn,
        parameters: [userIdParameter],
        responses: {
          '204': { description: 'Revoked.' },
          '401': unauthenticated,
          '403': adminForbiddenOrCsrf,
          '404': userNotFound,
          '503': authenticatedDown,
        },
      },
    },
    '/admin/sessions/{id}': {
      delete: {
        operationId: 'adminRevokeSession',
        summary: 'Revoke one session of any user',
        tags: ['admin'],
        security: signedIn,
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: 'A session id.',
            schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          },
        ],
        responses: {
          '204': { description: 'Revoked.' },
          '401': unauthenticated,
          '403': adminForbiddenOrCsrf,
          '404': problem('No such session.', ['session_not_found']),
          '503': authenticatedDown,
        },
      },
    },
    '/admin/audit': {
      get: {
        operationId: 'adminReadAudit',
        summary: 'The audit log, newest first, a page at a time',
        tags: ['admin'],
        security: signedIn,
        parameters: [
          {
            name: 'userId',
            in: 'query',
            required: false,
            description: 'Only events about this user.',
            schema: { type: 'string' },
          },
          {
            name: 'type',
            in: 'query',
            required: false,
            description: 'Only events of this type.',
            schema: { type: 'string' },
          },
          {
            name: 'before',
            in: 'query',
            required: false,
            description: 'Only events older than this time (the `next` of the previous page).',
            schema: isoTime,
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: '1 to 200 (default 50).',
            schema: { type: 'integer', minimum: 1, maximum: 200 },
          },
        ],
        responses: {
          '200': json('A page of events.', {
            type: 'object',
            required: ['events', 'next'],
            properties: {
              events: { type: 'array', items: ref('AuditEvent') },
              next: { type: ['string', 'null'] },
            },
          }),
          '400': adminBadRequest,
          '401': unauthenticated,
          '403': adminForbidden,
          '503': authenticatedDown,
        },
      },
    },
  },
  components: {
    schemas: {
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details with a stable `code` (public, never reused).',
        required: ['type', 'title', 'status', 'code', 'detail'],
        properties: {
          type: { type: 'string', const: 'about:blank' },
          title: { type: 'string' },
          status: { type: 'integer', minimum: 400, maximum: 599 },
          code: { type: 'string' },
          detail: { type: 'string' },
        },
      },
      User: {
        type: 'object',
        required: ['id', 'email', 'roles', 'createdAt'],
        properties: {
          id: { type: 'string', description: 'Opaque; the `sub` of access tokens.' },
          email: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
          createdAt: isoTime,
        },
      },
      Session: {
        type: 'object',
        required: ['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'transport'],
        properties: {
          id: { type: 'string', description: 'Public id (the `sid` of access tokens).' },
          createdAt: isoTime,
          lastSeenAt: isoTime,
          expiresAt: { ...isoTime, description: 'The earlier of the idle and the absolute expiry.' },
          transport: { type: 'string', enum: ['cookie', 'jwt-cookie', 'bearer'] },
        },
      },
      Device: {
        description: 'A session as the device list shows it.',
        allOf: [
          ref('Session'),
          {
            type: 'object',
            required: ['ip', 'userAgent', 'current'],
            properties: {
              ip: { type: ['string', 'null'] },
              userAgent: { type: ['string', 'null'] },
              current: { type: 'boolean', description: 'The session that made this request.' },
            },
          },
        ],
      },
      SignedIn: {
        type: 'object',
        description:
          'Bearer transport adds `access_token`, `token_type`, `expires_in` and `refresh_token`; cookie transports get cookies instead.',
        required: ['user', 'session'],
        properties: {
          user: ref('User'),
          session: ref('Session'),
          access_token: { type: 'string', description: 'An `at+jwt` access token.' },
          token_type: { type: 'string', const: 'Bearer' },
          expires_in: { type: 'integer', description: 'Seconds until the access token expires.' },
          refresh_token: { type: 'string', description: 'Opaque; rotated on every use.' },
        },
      },
      JwkSet: {
        type: 'object',
        required: ['keys'],
        properties: {
          keys: {
            type: 'array',
            items: {
              type: 'object',
              required: ['kty', 'kid', 'alg', 'use'],
              properties: {
                kty: { type: 'string' },
                kid: { type: 'string' },
                alg: { type: 'string', enum: ['EdDSA', 'ES256', 'RS256'] },
                use: { type: 'string', const: 'sig' },
              },
            },
          },
        },
      },
      AdminUser: {
        type: 'object',
        required: ['id', 'email', 'roles', 'createdAt', 'disabledAt'],
        properties: {
          id: { type: 'string' },
          email: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
          createdAt: isoTime,
          disabledAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
      AdminSession: {
        type: 'object',
        required: ['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent', 'transport'],
        properties: {
          id: { type: 'string' },
          createdAt: isoTime,
          lastSeenAt: isoTime,
          expiresAt: isoTime,
          ip: { type: ['string', 'null'] },
          userAgent: { type: ['string', 'null'] },
          transport: { type: 'string', enum: ['cookie', 'jwt-cookie', 'bearer'] },
        },
      },
      AuditEvent: {
        type: 'object',
        required: ['id', 'type', 'at', 'userId', 'sessionId', 'ip', 'userAgent', 'detail'],
        properties: {
          id: { type: 'string' },
          type: { type: 'string' },
          at: isoTime,
          userId: { type: ['string', 'null'] },
          sessionId: { type: ['string', 'null'] },
          ip: { type: ['string', 'null'] },
          userAgent: { type: ['string', 'null'] },
          detail: { type: 'object', description: 'Small scalar facts; never a secret.' },
        },
      },
      Status: {
        type: 'object',
        required: ['status'],
        properties: { status: { type: 'string', const: 'ok' } },
      },
    },
    securitySchemes: {
      sessionCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: '__Host-tessera-session',
        description: 'Session cookie mode (default): an opaque `<id>.<secret>` token.',
      },
      accessCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: '__Host-tessera-access',
        description: 'jwt cookie mode: a short-lived access JWT.',
      },
      refreshCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: '__Secure-tessera-refresh',
        description: 'jwt cookie mode: the opaque refresh token, sent only to `/auth/refresh`.',
      },
      bearerToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An access JWT (`typ: at+jwt`) in `Authorization: Bearer`.',
      },
      metricsToken: {
        type: 'http',
        scheme: 'bearer',
        description: '`TESSERA_METRICS_TOKEN`, when set.',
      },
    },
  },
};
