import type { ErrorCode } from '../errors.js';
import {
  MethodNotAllowedError,
  MfaRequiredError,
  RateLimitedError,
  RevocationFeedBusyError,
} from '../errors.js';
import type { AuthResponse } from './auth-request.js';

/** The HTTP face of each error code: status and the stable problem `code` member (DESIGN §3). */
interface ProblemMapping {
  status: number;
  code: string;
  title: string;
}

/**
 * The one place where error codes meet HTTP. A `Record` over the `ErrorCode` union: a new code does
 * not compile until it is mapped here.
 *
 * @example
 * const { status, code } = problemByErrorCode[error.code]; // 429, 'rate_limited'
 */
export const problemByErrorCode: Record<ErrorCode, ProblemMapping> = {
  ERR_INVALID_REQUEST: { status: 400, code: 'invalid_request', title: 'Bad Request' },
  ERR_WEAK_PASSWORD: { status: 400, code: 'weak_password', title: 'Bad Request' },
  ERR_EMAIL_TAKEN: { status: 409, code: 'email_taken', title: 'Conflict' },
  ERR_INVALID_CREDENTIALS: { status: 401, code: 'invalid_credentials', title: 'Unauthorized' },
  ERR_RATE_LIMITED: { status: 429, code: 'rate_limited', title: 'Too Many Requests' },
  ERR_UNAUTHENTICATED: { status: 401, code: 'unauthenticated', title: 'Unauthorized' },
  ERR_CSRF_REJECTED: { status: 403, code: 'csrf_rejected', title: 'Forbidden' },
  ERR_FORBIDDEN: { status: 403, code: 'forbidden', title: 'Forbidden' },
  ERR_SESSION_NOT_FOUND: { status: 404, code: 'not_found', title: 'Not Found' },
  ERR_SESSION_LIMIT_REACHED: { status: 409, code: 'session_limit_reached', title: 'Conflict' },
  ERR_NOT_FOUND: { status: 404, code: 'not_found', title: 'Not Found' },
  ERR_METHOD_NOT_ALLOWED: { status: 405, code: 'method_not_allowed', title: 'Method Not Allowed' },
  ERR_PAYLOAD_TOO_LARGE: { status: 413, code: 'payload_too_large', title: 'Content Too Large' },
  ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported Media Type',
  },
  ERR_STORE_UNAVAILABLE: { status: 503, code: 'store_unavailable', title: 'Service Unavailable' },
  ERR_INVALID_TOKEN: { status: 401, code: 'invalid_token', title: 'Unauthorized' },
  ERR_TOKEN_EXPIRED: { status: 401, code: 'token_expired', title: 'Unauthorized' },
  ERR_SESSION_REVOKED: { status: 401, code: 'session_revoked', title: 'Unauthorized' },
  ERR_REFRESH_TOKEN_REUSED: { status: 401, code: 'refresh_token_reused', title: 'Unauthorized' },
  ERR_KEY_SET_UNAVAILABLE: { status: 503, code: 'key_set_unavailable', title: 'Service Unavailable' },
  ERR_REVOCATION_FEED_UNAVAILABLE: {
    status: 503,
    code: 'revocation_feed_unavailable',
    title: 'Service Unavailable',
  },
  ERR_USER_NOT_FOUND: { status: 404, code: 'user_not_found', title: 'Not Found' },
  ERR_UNKNOWN_SESSION: { status: 404, code: 'session_not_found', title: 'Not Found' },
  ERR_LAST_ADMIN: { status: 409, code: 'last_admin', title: 'Conflict' },
  ERR_REVOCATION_FEED_BUSY: { status: 503, code: 'revocation_feed_busy', title: 'Service Unavailable' },
  ERR_REAUTHENTICATION_REQUIRED: { status: 403, code: 'reauthentication_required', title: 'Forbidden' },
  ERR_MFA_REQUIRED: { status: 401, code: 'mfa_required', title: 'Unauthorized' },
  ERR_INVALID_CODE: { status: 401, code: 'invalid_code', title: 'Unauthorized' },
  ERR_INVALID_ENROLMENT_CODE: { status: 400, code: 'invalid_code', title: 'Bad Request' },
  ERR_INVALID_MFA_TOKEN: { status: 401, code: 'invalid_token', title: 'Unauthorized' },
  ERR_SECOND_FACTOR_REQUIRED: { status: 403, code: 'second_factor_required', title: 'Forbidden' },
  ERR_INVALID_EMAIL_TOKEN: { status: 400, code: 'invalid_email_token', title: 'Bad Request' },
  ERR_EMAIL_NOT_VERIFIED: { status: 403, code: 'email_not_verified', title: 'Forbidden' },
  ERR_EMAIL_UNAVAILABLE: { status: 503, code: 'email_unavailable', title: 'Service Unavailable' },
  ERR_ACCOUNT_EXISTS: { status: 409, code: 'account_exists', title: 'Conflict' },
  ERR_ACCOUNT_DISABLED: { status: 403, code: 'account_disabled', title: 'Forbidden' },
  ERR_OAUTH_FAILED: { status: 401, code: 'invalid_token', title: 'Unauthorized' },
  ERR_PROVIDER_UNAVAILABLE: { status: 503, code: 'provider_unavailable', title: 'Service Unavailable' },
  ERR_LAST_SIGN_IN_METHOD: { status: 409, code: 'last_sign_in_method', title: 'Conflict' },
  ERR_PASSKEY_NOT_FOUND: { status: 404, code: 'not_found', title: 'Not Found' },
  ERR_PASSKEYS_DISABLED: { status: 404, code: 'passkeys_disabled', title: 'Not Found' },
};

/**
 * What a problem response is made from: any coded error (ours, or `@tessera/verify`'s).
 *
 * @example
 * const error: CodedError = new RateLimitedError(60, 'ip');
 * const response = problemResponse(error); // 429, `Retry-After: 60`, code `rate_limited`
 */
export interface CodedError {
  code: ErrorCode;
  message: string;
}

/** `WWW-Authenticate` for every 401 (RFC 6750 §3; `error` only when a token was presented). */
export function wwwAuthenticate(tokenPresented: boolean): string {
  return tokenPresented ? 'Bearer realm="tessera", error="invalid_token"' : 'Bearer realm="tessera"';
}

/** Codes whose 503 detail must not echo an infrastructure message. */
const INFRASTRUCTURE_DETAIL: Partial<Record<ErrorCode, string>> = {
  ERR_STORE_UNAVAILABLE: 'A backing store is not answering; try again shortly.',
  ERR_KEY_SET_UNAVAILABLE: 'The signing keys could not be loaded; try again shortly.',
  ERR_REVOCATION_FEED_UNAVAILABLE: 'Revocations cannot be checked right now; try again shortly.',
  ERR_EMAIL_UNAVAILABLE: 'The email could not be sent right now; try again shortly.',
};

/**
 * An RFC 9457 problem response for a coded error. `detail` is the error's message, which by
 * contract never holds a secret; an infrastructure fault's cause is logged, not sent.
 * A 401 carries `WWW-Authenticate`, with `error="invalid_token"` when a token was presented
 * (RFC 6750 §3.1).
 *
 * @example
 * problemResponse(new InvalidCredentialsError())
 */
export function problemResponse(error: CodedError, tokenPresented = false): AuthResponse {
  const mapping = problemByErrorCode[error.code];
  const headers: [string, string][] = [['content-type', 'application/problem+json']];
  if (error instanceof RateLimitedError || error instanceof RevocationFeedBusyError) {
    headers.push(['retry-after', String(error.retryAfterSeconds)]);
  }
  if (error instanceof MethodNotAllowedError) headers.push(['allow', error.allow.join(', ')]);
  if (mapping.status === 401) headers.push(['www-authenticate', wwwAuthenticate(tokenPresented)]);
  const detail = INFRASTRUCTURE_DETAIL[error.code] ?? error.message;
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: mapping.title,
    status: mapping.status,
    code: mapping.code,
    detail,
  };
  // RFC 9457 §3.2 extension members: the second step of a login (DESIGN §9).
  if (error instanceof MfaRequiredError)
    Object.assign(body, { mfaToken: error.mfaToken, methods: [...error.methods] });
  return { status: mapping.status, headers, body: JSON.stringify(body) };
}

/**
 * The answer to a bug: 500 with nothing inside (the error goes to the log).
 *
 * @example
 * return error instanceof TesseraError ? problemResponse(error) : internalErrorResponse();
 */
export function internalErrorResponse(): AuthResponse {
  return {
    status: 500,
    headers: [['content-type', 'application/problem+json']],
    body: JSON.stringify({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal_error',
      detail: 'Something went wrong on our side.',
    }),
  };
}

/**
 * True for any coded error Tessera answers with a problem: ours (`TesseraError`) and
 * `@tessera/verify`'s (same code space).
 *
 * @example
 * if (isCodedError(error)) return problemResponse(error);
 */
export function isCodedError(error: unknown): error is Error & { code: ErrorCode; cause?: unknown } {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(problemByErrorCode, code);
}
