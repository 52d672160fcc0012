/**
 * Parses `TESSERA_TRUSTED_ORIGINS` (comma-separated origins) into the exact strings browsers send in `Origin`.
 *
 * @example
 * parseTrustedOrigins('https://app.example.com, HTTP://localhost:5173', 'TESSERA_TRUSTED_ORIGINS');
 * // Set { 'https://app.example.com', 'http://localhost:5173' }
 */
export function parseTrustedOrigins(value: string | undefined, variableName: string): ReadonlySet<string> {
  const origins = new Set<string>();
  if (value === undefined || value.trim() === '') return origins;
  for (const rawEntry of value.split(',')) {
    origins.add(parseOrigin(rawEntry.trim(), variableName));
  }
  return origins;
}

// scheme "://" host [":" port], nothing else: no userinfo, path (not even "/"), query, fragment,
// whitespace or control characters. The WHATWG URL parser would quietly drop or rewrite those, and
// an entry that does not mean what it says is a configuration bug.
const originShape = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@\\\s\p{Cc}]+$/u;

function parseOrigin(entry: string, variableName: string): string {
  const fail = (reason: string): never => {
    throw new TypeError(
      `${variableName}: ${JSON.stringify(entry)} is not a valid origin (${reason}); expected scheme://host[:port] such as https://app.example.com.`,
    );
  };
  if (entry === '') fail('empty entry');
  if (entry.includes('*')) fail('wildcards are not supported');
  if (!originShape.test(entry))
    fail('only scheme://host[:port]: no path, query, fragment, credentials or trailing slash');
  if (entry.endsWith(':')) fail('empty port');
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return fail('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('scheme must be http or https');
  // `origin` is the RFC 6454 §6.1 serialization browsers put in the Origin header: lower-case scheme and
  // host, IDN as punycode, and the port only when it is not the scheme's default.
  return url.origin;
}
