import type { CsrfRequestHeaders } from './csrf-request-headers.js';

/**
 * Whether an unsafe request must be refused as cross-site (DESIGN §3.1 "CSRF"); never throws.
 *
 * @example
 * isCrossSiteRequest({ origin: 'https://evil.example', secFetchSite: 'cross-site', host: 'app.example.com' }, new Set()); // true
 */
export function isCrossSiteRequest(
  request: CsrfRequestHeaders,
  trustedOrigins: ReadonlySet<string>,
): boolean {
  const { origin, secFetchSite, host } = request;
  if (origin !== null) {
    // Browsers send `Origin: null` for opaque origins (sandboxed frames, data: URLs, some redirects):
    // it identifies no one, so it never matches, even if a caller put "null" in the set.
    if (origin === 'null') return true;
    // A trusted origin passes whatever Sec-Fetch-Site says: a separate front end is "same-site" or
    // "cross-site" to the API by design.
    if (trustedOrigins.has(origin)) return false;
    return !isServerOwnOrigin(origin, host);
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

// Browsers also send Origin on same-origin POSTs. An Origin whose host[:port] equals the Host header is the
// server's own origin: a page on another site cannot make the browser send a forged Host, so this is the
// same-origin case and needs no entry in TESSERA_TRUSTED_ORIGINS. Behind a proxy that rewrites Host, list
// the public origin instead. The Origin must be exactly the serialization browsers send (RFC 6454 §6.1),
// so "https://app.example.com/path" or "https://APP.example.com" never take this path. The scheme is not
// compared: behind a TLS-terminating proxy the server cannot tell which one the browser used.
function isServerOwnOrigin(origin: string, host: string | null): boolean {
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
