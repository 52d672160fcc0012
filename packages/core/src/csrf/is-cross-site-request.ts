import type { CsrfRequestHeaders } from './csrf-request-headers.js';

/**
 * Whether an unsafe request must be refused as cross-site (DESIGN §3.1 "CSRF"); never throws.
 *
 * `ownOrigin` is the server's public origin (`TESSERA_PUBLIC_URL`): when given, it is the only
 * origin that counts as the server's own, scheme included (DESIGN §3.1 "Own origin"). When `null`
 * (development), an `Origin` whose host and port equal the `Host` header counts as the server's own.
 *
 * @example
 * isCrossSiteRequest({ origin: 'https://evil.example', secFetchSite: 'cross-site', host: 'app.example.com' }, new Set()); // true
 * isCrossSiteRequest({ origin: 'https://auth.example.com', secFetchSite: null, host: 'auth.example.com' }, new Set(), 'http://auth.example.com'); // true
 */
export function isCrossSiteRequest(
  request: CsrfRequestHeaders,
  trustedOrigins: ReadonlySet<string>,
  ownOrigin: string | null = null,
): boolean {
  const { origin, secFetchSite, host } = request;
  if (origin !== null) {
    // Browsers send `Origin: null` for opaque origins (sandboxed frames, data: URLs, some redirects):
    // it identifies no one, so it never matches, even if a caller put "null" in the set.
    if (origin === 'null') return true;
    // A trusted origin passes whatever Sec-Fetch-Site says: a separate front end is "same-site" or
    // "cross-site" to the API by design.
    if (trustedOrigins.has(origin)) return false;
    if (typeof ownOrigin === 'string') return origin !== ownOrigin;
    return !isHostOrigin(origin, host);
  }
  if (secFetchSite !== null) {
    // Fetch Metadata defines Sec-Fetch-Site as a structured-header token with four lower-case values,
    // compared as sent. "same-site" (a sibling subdomain) and any unknown value count as cross-site.
    return secFetchSite !== 'same-origin' && secFetchSite !== 'none';
  }
  // Neither header: a non-browser client (current browsers send Origin on every request that is not
  // GET or HEAD), so no ambient cookie is being used on someone else's behalf.
  return false;
}

// Browsers also send Origin on same-origin POSTs. Without TESSERA_PUBLIC_URL, an Origin whose host[:port]
// equals the Host header is taken as the server's own origin: a page on another site cannot make the
// browser send a forged Host, so this is the same-origin case and needs no entry in
// TESSERA_TRUSTED_ORIGINS. The Origin must be exactly the serialization browsers send (RFC 6454 §6.1), so
// "https://app.example.com/path" or "https://APP.example.com" never take this path. The scheme cannot be
// compared here (behind a TLS-terminating proxy the server does not see it), which is why a deployment
// sets TESSERA_PUBLIC_URL and gets the exact comparison above (docs/decisions/0006-csrf-own-origin.md).
function isHostOrigin(origin: string, host: string | null): boolean {
  if (typeof host !== 'string' || host === '') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.origin !== origin) return false;
  // Host names are case-insensitive (RFC 9110 §4.2.3); lower-case ASCII only, so no Unicode case
  // folding (the Kelvin sign lower-cases to "k") can turn one host into another.
  return url.host === host.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
