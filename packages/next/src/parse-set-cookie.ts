/**
 * One `Set-Cookie` line of Tessera's, as the options Next.js's `cookies().set()` takes. Tessera's
 * serializer writes every attribute explicitly, so this reads exactly those.
 *
 * @example
 * const cookie: ParsedSetCookie | null = parseSetCookie(line);
 * if (cookie !== null) (await cookies()).set(cookie);
 */
export interface ParsedSetCookie {
  name: string;
  value: string;
  path: string;
  domain?: string;
  maxAge?: number;
  expires?: Date;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
}

/**
 * Parses a `Set-Cookie` line written by Tessera (`name=value; Max-Age=…; Domain=…; Path=…; Expires=…;
 * HttpOnly; Secure; SameSite=Lax`); `null` for a line without `name=`.
 *
 * @example
 * const cookie = parseSetCookie('__Host-tessera-session=abc; Max-Age=7200; Path=/; HttpOnly; Secure; SameSite=Lax');
 * (await cookies()).set(cookie);
 */
export function parseSetCookie(line: string): ParsedSetCookie | null {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
  const equals = pair.indexOf('=');
  if (equals <= 0) return null;
  const cookie: ParsedSetCookie = {
    name: pair.slice(0, equals),
    value: decodeURIComponent(pair.slice(equals + 1)),
    path: '/',
    httpOnly: false,
    secure: false,
  };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).toLowerCase();
    const value = at === -1 ? '' : attribute.slice(at + 1);
    if (key === 'path') cookie.path = value;
    else if (key === 'domain') cookie.domain = value;
    else if (key === 'max-age') cookie.maxAge = Number(value);
    else if (key === 'expires') cookie.expires = new Date(value);
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'samesite') {
      const lower = value.toLowerCase();
      if (lower === 'lax' || lower === 'strict' || lower === 'none') cookie.sameSite = lower;
    }
  }
  return cookie;
}
