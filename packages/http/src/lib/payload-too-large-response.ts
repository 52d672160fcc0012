import { PayloadTooLargeError, type AuthResponse } from '@tessera/core';
import { problemResponse, withSecurityHeaders } from '@tessera/core/api';

/**
 * The 413 `payload_too_large` problem an adapter answers when a body passes the limit before core
 * ever sees the request.
 *
 * @example
 * if (body === null) return writeNodeResponse(res, payloadTooLargeResponse(65536), { closeConnection: true });
 */
export function payloadTooLargeResponse(limitBytes: number): AuthResponse {
  return withSecurityHeaders(problemResponse(new PayloadTooLargeError(limitBytes)));
}
