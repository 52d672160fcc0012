import { parse } from 'cookie';

/**
 * Parses a `Cookie` request header into a null-prototype record of name → value; never throws.
 *
 * @example
 * parseCookieHeader('__Host-tessera-session=abc.def; theme=dark')['__Host-tessera-session']; // 'abc.def'
 */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  // A null prototype makes a cookie named `__proto__` or `constructor` plain data, never a prototype
  // lookup or a prototype change.
  const cookies = Object.create(null) as Record<string, string>;
  // The header is request input: anything that is not a string (a JS caller passing an array) is "no cookies".
  if (typeof header !== 'string') return cookies;
  // When a name repeats, `cookie` keeps the FIRST value. Browsers list longer paths first, then older
  // cookies first (RFC 6265bis §5.8.3 step 4), so a sibling subdomain's cookie with a longer Path comes
  // before ours: which one is kept is the attacker's choice. Where a repeat matters (Tessera's own
  // cookies), callers refuse it with `findRepeatedCookieNames` (DESIGN §3.2). The library's decoder
  // returns malformed percent-encoding as is instead of throwing.
  const parsed = parse(header);
  for (const name of Object.keys(parsed)) {
    const value = parsed[name];
    if (value !== undefined) cookies[name] = value;
  }
  return cookies;
}
