import type { ErrorCode, TesseraError } from '../errors.js';
import { MethodNotAllowedError, RateLimitedError } from '../errors.js';
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
 */
export const problemByErrorCode: Record<ErrorCode, ProblemMapping> = {
  ERR_INVALID_REQUEST: { status: 400, code: 'invalid_request', title: 'Bad Request' },
  ERR_WEAK_PASSWORD: { status: 400, code: 'weak_password', title: 'Bad Request' },
  ERR_EMAIL_TAKEN: { status: 409, code: 'email_taken', title: 'Conflict' },
  ERR_INVALID_CREDENTIALS: { status: 401, code: 'invalid_credentials', title: 'Unauthorized' },
  ERR_RATE_LIMITED: { status: 429, code: 'rate_limited', title: 'Too Many Requests' },
  ERR_UNAUTHENTICATED: { status: 401, code: 'unauthenticated', title: 'Unauthorized' },
  ERR_CSRF_REJECTED: { status: 403, code: 'csrf_rejected', title: 'Forbidden' },
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
};

/** `WWW-Authenticate` for every 401 (RFC 6750 §3; `error` only when a token was presented). */
export function wwwAuthenticate(tokenPresented: boolean): string {
  return tokenPresented ? 'Bearer realm="tessera", error="invalid_token"' : 'Bearer realm="tessera"';
}

/**
 * An RFC 9457 problem response for a coded error. `detail` is the error's message, which by
 * contract never holds a secret; a store fault's cause is logged, not sent.
 *
 * @example
 * problemResponse(new InvalidCredentialsError())
 */
export function problemResponse(error: TesseraError): AuthResponse {
  const mapping = problemByErrorCode[error.code];
  const headers: [string, string][] = [['content-type', 'application/problem+json']];
  if (error instanceof RateLimitedError) headers.push(['retry-after', String(error.retryAfterSeconds)]);
  if (error instanceof MethodNotAllowedError) headers.push(['allow', error.allow.join(', ')]);
  if (mapping.status === 401) headers.push(['www-authenticate', wwwAuthenticate(false)]);
  const detail =
    error.code === 'ERR_STORE_UNAVAILABLE'
      ? 'A backing store is not answering; try again shortly.'
      : error.message;
  return {
    status: mapping.status,
    headers,
    body: JSON.stringify({
      type: 'about:blank',
      title: mapping.title,
      status: mapping.status,
      code: mapping.code,
      detail,
    }),
  };
}

/** The answer to a bug: 500 with nothing inside (the error goes to the log). */
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
