import { serialize } from 'cookie';
import type { CookieAttributes } from './cookie-attributes.js';

/**
 * Serializes a `Set-Cookie` header value, refusing attribute sets that browsers would silently drop.
 *
 * @example
 * serializeCookie('__Host-tessera-session', token, {
 *   path: '/', domain: null, maxAgeSeconds: 7200, httpOnly: true, secure: true, sameSite: 'lax',
 * }, new Date());
 * // '__Host-tessera-session=…; Max-Age=7200; Path=/; Expires=…; HttpOnly; Secure; SameSite=Lax'
 */
export function serializeCookie(
  name: string,
  value: string,
  attributes: CookieAttributes,
  now: Date,
): string {
  assertAttributesAccepted(name, attributes);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new TypeError('serializeCookie: `now` must be a valid Date.');
  }
  const { maxAgeSeconds } = attributes;
  try {
    return serialize(name, value, {
      path: attributes.path,
      ...(attributes.domain === null ? {} : { domain: attributes.domain }),
      ...(maxAgeSeconds === null
        ? {}
        : {
            maxAge: maxAgeSeconds,
            // Expires is for clients that predate Max-Age; where both are present Max-Age wins
            // (RFC 6265bis §5.7 step 6). Max-Age=0 expires the cookie at once (§5.6.2 step 7), so its
            // Expires is the Unix epoch rather than `now`, which would not be in the past.
            expires: maxAgeSeconds === 0 ? new Date(0) : new Date(now.getTime() + maxAgeSeconds * 1000),
          }),
      httpOnly: attributes.httpOnly,
      secure: attributes.secure,
      sameSite: attributes.sameSite,
    });
  } catch (error) {
    throw describeRejection(name, value, error);
  }
}

// Name prefixes: RFC 6265bis §4.1.3. Browsers match them case-insensitively (§5.4), so we do too.
const hostPrefix = '__host-';
const securePrefix = '__secure-';

function assertAttributesAccepted(name: string, attributes: CookieAttributes): void {
  const lowerName = name.toLowerCase();
  const { path, domain, maxAgeSeconds, secure, sameSite } = attributes;
  if (lowerName.startsWith(hostPrefix) && (!secure || path !== '/' || domain !== null)) {
    // §4.1.3.2, §5.7 step 21: a __Host- cookie is ignored unless Secure, Path=/ and no Domain.
    throw new TypeError(
      `Cookie "${name}": the __Host- prefix requires secure: true, path "/" and domain null.`,
    );
  }
  if (lowerName.startsWith(securePrefix) && !secure) {
    // §4.1.3.1, §5.7 step 20: a __Secure- cookie is ignored unless Secure.
    throw new TypeError(`Cookie "${name}": the __Secure- prefix requires secure: true.`);
  }
  if (sameSite === 'none' && !secure) {
    // RFC 6265bis §5.7 step 19: a SameSite=None cookie without Secure is ignored.
    throw new TypeError(`Cookie "${name}": sameSite "none" requires secure: true.`);
  }
  if (!path.startsWith('/')) {
    // §5.6.4: a Path that does not start with "/" is replaced by the default path, not what the caller meant.
    throw new TypeError(`Cookie "${name}": path must start with "/".`);
  }
  if (domain === '') {
    throw new TypeError(`Cookie "${name}": use domain null, not an empty string, for a host-only cookie.`);
  }
  if (maxAgeSeconds !== null && (!Number.isSafeInteger(maxAgeSeconds) || maxAgeSeconds < 0)) {
    throw new TypeError(`Cookie "${name}": maxAgeSeconds must be a non-negative integer or null.`);
  }
}

// The library's own messages quote the value, and a cookie value is a credential that must never reach
// an error message or a log (DESIGN §2), so we work out which input it rejected and say so in our words.
// The cause is dropped for the same reason.
function describeRejection(name: string, value: string, error: unknown): TypeError {
  if (rejects(() => serialize(name, ''))) {
    return new TypeError(`Cookie name "${name}" is not a valid cookie-name (RFC 6265bis §4.1.1).`);
  }
  if (rejects(() => serialize(name, value))) {
    return new TypeError(`The value of cookie "${name}" cannot be serialized (RFC 6265bis §4.1.1).`);
  }
  // Otherwise an attribute (path, domain, expiry) was refused: configuration, not a secret.
  const reason = error instanceof Error ? error.message : 'invalid attribute';
  return new TypeError(`Cookie "${name}": ${reason}.`, { cause: error });
}

function rejects(operation: () => unknown): boolean {
  try {
    operation();
    return false;
  } catch {
    return true;
  }
}
