import { serializeCookie } from '../cookie/serialize-cookie.js';
import { MFA_TOKEN_TTL_SECONDS } from '../defaults.js';

/**
 * The cookie that carries a pending login's `mfaToken` from a browser redirect (a provider sign-in's
 * callback, DESIGN §8) to the code page: host-only, HttpOnly, and only as long as the token lives, so
 * the token never appears in a URL, a `Referer` or the history.
 *
 * @example
 * const mfaToken = cookies[PENDING_SECOND_STEP_COOKIE_NAME];
 */
export const PENDING_SECOND_STEP_COOKIE_NAME = '__Host-tessera-mfa';

/**
 * `Set-Cookie` for a pending login's `mfaToken` (empty `mfaToken` with `maxAgeSeconds` 0 drops it).
 *
 * @example
 * appendCookies(response, [createPendingSecondStepCookie(error.mfaToken, now)]);
 */
export function createPendingSecondStepCookie(mfaToken: string, now: Date): string {
  return serializeCookie(
    PENDING_SECOND_STEP_COOKIE_NAME,
    mfaToken,
    {
      path: '/',
      domain: null,
      maxAgeSeconds: mfaToken === '' ? 0 : MFA_TOKEN_TTL_SECONDS,
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
    },
    now,
  );
}
