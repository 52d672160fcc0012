/**
 * `TESSERA_COOKIE_MODE`: browsers get a session cookie, or an access JWT + refresh token in cookies.
 *
 * @example
 * const cookieMode: CookieMode = isCookieMode(value) ? value : 'session';
 */
export type CookieMode = 'session' | 'jwt';

/**
 * Every cookie mode, for the run-time checks of configuration read from strings.
 *
 * @example
 * throw new Error(`cookieMode must be one of ${COOKIE_MODES.join(', ')}`);
 */
export const COOKIE_MODES: readonly CookieMode[] = ['session', 'jwt'];

/**
 * Whether `value` names a cookie mode (JavaScript callers and environment parsers pass plain strings).
 *
 * @example
 * if (!isCookieMode(env['TESSERA_COOKIE_MODE'])) throw new TypeError('…');
 */
export function isCookieMode(value: unknown): value is CookieMode {
  return value === 'session' || value === 'jwt';
}
