import type { AuthResponse } from './auth-request.js';

/**
 * Headers on every server response. The API serves JSON only, so the CSP forbids everything;
 * HSTS is ignored by browsers on plain http, so sending it always is harmless and right behind TLS.
 */
export const securityHeaders: readonly (readonly [string, string])[] = Object.freeze(
  (
    [
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
    ] as const
  ).map((pair) => Object.freeze(pair)),
);
const securityHeaderNames: ReadonlySet<string> = new Set(securityHeaders.map(([name]) => name));

/**
 * Adds the security headers to a response (once). The auth handler applies it to every answer;
 * adapters apply it to the few they produce themselves (a body over the size limit).
 *
 * @example
 * withSecurityHeaders(problemResponse(new PayloadTooLargeError(65536)))
 */
export function withSecurityHeaders(response: AuthResponse): AuthResponse {
  const { headers } = response;
  // This runs on every response: one pass over the response's own headers, and the (frozen, shared)
  // pairs appended as they are unless the response set one of them itself (the UI pages' CSP).
  let ownSecurityHeader = false;
  for (const [name] of headers) {
    if (securityHeaderNames.has(name)) {
      ownSecurityHeader = true;
      break;
    }
  }
  for (const pair of securityHeaders) {
    if (!ownSecurityHeader || !headers.some(([header]) => header === pair[0])) {
      headers.push(pair as [string, string]);
    }
  }
  return response;
}
