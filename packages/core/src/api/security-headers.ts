import type { AuthResponse } from './auth-request.js';

/**
 * Headers on every server response. The API serves JSON only, so the CSP forbids everything;
 * HSTS is ignored by browsers on plain http, so sending it always is harmless and right behind TLS.
 */
export const securityHeaders: readonly (readonly [string, string])[] = [
  [
    'content-security-policy',
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  ],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['strict-transport-security', 'max-age=63072000; includeSubDomains'],
  ['cache-control', 'no-store'],
];

/**
 * Adds the security headers to a response (once). The auth handler applies it to every answer;
 * adapters apply it to the few they produce themselves (a body over the size limit).
 *
 * @example
 * withSecurityHeaders(problemResponse(new PayloadTooLargeError(65536)))
 */
export function withSecurityHeaders(response: AuthResponse): AuthResponse {
  for (const [name, value] of securityHeaders) {
    if (!response.headers.some(([header]) => header === name)) response.headers.push([name, value]);
  }
  return response;
}
