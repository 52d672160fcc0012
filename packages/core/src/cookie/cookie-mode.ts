/**
 * How browsers carry a sign-in (`TESSERA_COOKIE_MODE`): a session cookie, or an access JWT and a
 * refresh token in cookies.
 *
 * @example
 * const cookieMode: CookieMode = checkCookieMode(env['TESSERA_COOKIE_MODE'] ?? 'session');
 * const handle = createAuthHandler({ ...options, cookieMode });
 */
export type CookieMode = 'session' | 'jwt';

/**
 * Every `CookieMode`, for checking a value that was not type-checked (environment, JavaScript).
 *
 * @example
 * cookieModes.includes(process.env.TESSERA_COOKIE_MODE as CookieMode)
 */
export const cookieModes: readonly CookieMode[] = ['session', 'jwt'];

/**
 * Whether `value` names a cookie mode.
 *
 * @example
 * if (!isCookieMode(env['TESSERA_COOKIE_MODE'])) throw new TypeError('…');
 */
export function isCookieMode(value: unknown): value is CookieMode {
  return value === 'session' || value === 'jwt';
}

/**
 * Checks a cookie mode at start-up: JavaScript callers and environment parsers pass plain strings,
 * and a wrong one must not surface on the first sign-in.
 *
 * @example
 * checkCookieMode(options.cookieMode); // TypeError unless "session" or "jwt"
 */
export function checkCookieMode(value: string): CookieMode {
  if (!isCookieMode(value)) throw new TypeError('cookieMode must be "session" or "jwt"');
  return value;
}
