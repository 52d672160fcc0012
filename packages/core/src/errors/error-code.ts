// The union of every public error code, apart from the classes so that each area's file can name it
// without importing errors.ts (which re-exports them all).
/**
 * Every rejection Tessera can make, as a class with a stable `code`.
 *
 * Codes are public: clients and logs depend on them, so a code is never renamed or reused.
 * Messages describe what happened in words and never contain a token, cookie, password or hash.
 * The HTTP status of each code is mapped once, in `api/problem.ts`. A new code is added here, next
 * to the others of its area, and its class in that area's file.
 *
 * @example
 * const code: ErrorCode = 'ERR_RATE_LIMITED';
 */
export type ErrorCode =
  // ./errors/request-errors.ts
  | 'ERR_INVALID_REQUEST'
  | 'ERR_NOT_FOUND'
  | 'ERR_METHOD_NOT_ALLOWED'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_CSRF_REJECTED'
  | 'ERR_STORE_UNAVAILABLE'
  // ./errors/session-errors.ts
  | 'ERR_WEAK_PASSWORD'
  | 'ERR_EMAIL_TAKEN'
  | 'ERR_INVALID_CREDENTIALS'
  | 'ERR_RATE_LIMITED'
  | 'ERR_UNAUTHENTICATED'
  | 'ERR_SESSION_NOT_FOUND'
  | 'ERR_SESSION_LIMIT_REACHED'
  | 'ERR_FORBIDDEN'
  // ./errors/token-errors.ts (ERR_INVALID_TOKEN is shared with @tessera/verify's InvalidTokenError)
  | 'ERR_INVALID_TOKEN'
  | 'ERR_REFRESH_TOKEN_REUSED'
  | 'ERR_REVOCATION_FEED_BUSY'
  // @tessera/verify's access-token errors, answered by the same HTTP layer
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_SESSION_REVOKED'
  | 'ERR_KEY_SET_UNAVAILABLE'
  | 'ERR_REVOCATION_FEED_UNAVAILABLE'
  // ./errors/admin-errors.ts
  | 'ERR_USER_NOT_FOUND'
  | 'ERR_UNKNOWN_SESSION'
  | 'ERR_LAST_ADMIN'
  // ./errors/email-errors.ts (DESIGN §7)
  | 'ERR_INVALID_EMAIL_TOKEN'
  | 'ERR_EMAIL_NOT_VERIFIED'
  | 'ERR_EMAIL_UNAVAILABLE'
  // ./errors/oauth-errors.ts (DESIGN §8)
  | 'ERR_ACCOUNT_EXISTS'
  | 'ERR_ACCOUNT_DISABLED'
  | 'ERR_OAUTH_FAILED'
  | 'ERR_PROVIDER_UNAVAILABLE'
  | 'ERR_LAST_SIGN_IN_METHOD'
  // ./errors/second-factor-errors.ts (DESIGN §9)
  | 'ERR_REAUTHENTICATION_REQUIRED'
  | 'ERR_MFA_REQUIRED'
  | 'ERR_INVALID_CODE'
  | 'ERR_INVALID_ENROLMENT_CODE'
  | 'ERR_INVALID_MFA_TOKEN'
  | 'ERR_SECOND_FACTOR_REQUIRED'
  | 'ERR_PASSKEY_NOT_FOUND'
  | 'ERR_PASSKEYS_DISABLED';
