import { json, problem, retryAfter, wwwAuthenticate } from '../../openapi/openapi-parts.js';

/** 403 of a sensitive route (DESIGN §9), or a cross-site cookie request. */
export const recentAuthOrCsrf = problem(
  'The session last authenticated longer ago than `TESSERA_REAUTH_MAX_AGE` (reauthenticate first), or a cookie-authenticated request from another site.',
  ['reauthentication_required', 'csrf_rejected'],
);

/** 429 of the login throttle, which counts wrong codes. */
export const throttled = problem('Too many failed attempts.', ['rate_limited'], {
  'Retry-After': retryAfter,
});

/** A 401 of a signed-in route that checks a code or password. */
export const signedInOr = (description: string, codes: readonly string[]) =>
  problem(description, ['unauthenticated', 'invalid_token', 'token_expired', 'session_revoked', ...codes], {
    'WWW-Authenticate': wwwAuthenticate,
  });

/** `{recoveryCodes}`: shown once. */
export const recoveryCodesResponse = json(
  'New recovery codes, shown this once (stored hashed); the old ones are dead.',
  {
    type: 'object',
    required: ['recoveryCodes'],
    properties: {
      recoveryCodes: { type: 'array', items: { type: 'string' }, description: 'Ten single-use codes.' },
    },
  },
);
