/**
 * The attributes of a `Set-Cookie` we send; every one explicit, `null` where the attribute is omitted.
 *
 * @example
 * const attributes: CookieAttributes = {
 *   path: '/', domain: null, maxAgeSeconds: 7200, httpOnly: true, secure: true, sameSite: 'lax',
 * };
 */
export interface CookieAttributes {
  /** Must start with "/"; "/" for `__Host-` cookies. */
  readonly path: string;
  /** `null` for a host-only cookie (required for `__Host-`). */
  readonly domain: string | null;
  /** `null` for a session cookie; `0` expires the cookie now. Also emitted as `Expires`. */
  readonly maxAgeSeconds: number | null;
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite: 'strict' | 'lax' | 'none';
}
