import { serializeCookie } from '../cookie/serialize-cookie.js';
import { seal, unseal } from '../secret/seal.js';
import type { ServerSecrets } from '../secret/server-secrets.js';

/**
 * The cookie that binds a provider sign-in to the browser that started it: `__Host-` (Secure,
 * host-only, `Path=/`), HttpOnly, SameSite=Lax (sent on the provider's top-level redirect back).
 *
 * @example
 * const sealed = parseCookieHeader(request.headers.cookie)[OAUTH_FLOW_COOKIE_NAME];
 */
export const OAUTH_FLOW_COOKIE_NAME = '__Host-tessera-oauth';

/** What the browser flow must find again at the callback, sealed (encrypted and authenticated). */
export interface OAuthFlow {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A same-origin path (checked when the flow started). */
  returnTo: string;
  /** Linking (`link=true`): the signed-in session that asked; `null` for a sign-in. */
  linkSessionId: string | null;
  expiresAt: Date;
}

const SEAL_CONTEXT = 'oauth-flow';

/**
 * The flow, sealed under the current server secret (bound to its purpose).
 *
 * @example
 * const sealed = sealOAuthFlow(secrets, { provider: 'google', state, nonce, codeVerifier, returnTo: '/', linkSessionId: null, expiresAt });
 */
export function sealOAuthFlow(secrets: ServerSecrets, flow: OAuthFlow): string {
  return seal(
    secrets,
    JSON.stringify({
      p: flow.provider,
      s: flow.state,
      n: flow.nonce,
      v: flow.codeVerifier,
      r: flow.returnTo,
      l: flow.linkSessionId,
      e: flow.expiresAt.getTime(),
    }),
    SEAL_CONTEXT,
  );
}

/**
 * The flow in a cookie value, or `null` when it is missing, tampered with, sealed under a dropped secret, or expired.
 *
 * @example
 * const flow = openOAuthFlow(secrets, cookies[OAUTH_FLOW_COOKIE_NAME], now);
 */
export function openOAuthFlow(
  secrets: ServerSecrets,
  value: string | undefined,
  now: Date,
): OAuthFlow | null {
  if (value === undefined || value.length > 4096) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(unseal(secrets, value, SEAL_CONTEXT)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { p, s, n, v, r, l, e } = parsed;
  if (
    typeof p !== 'string' ||
    typeof s !== 'string' ||
    typeof n !== 'string' ||
    typeof v !== 'string' ||
    typeof r !== 'string' ||
    (l !== null && typeof l !== 'string') ||
    typeof e !== 'number' ||
    e <= now.getTime()
  )
    return null;
  return {
    provider: p,
    state: s,
    nonce: n,
    codeVerifier: v,
    returnTo: r,
    linkSessionId: l,
    expiresAt: new Date(e),
  };
}

/**
 * `Set-Cookie` for a sealed flow living `maxAgeSeconds`.
 *
 * @example
 * appendCookies(response, [createOAuthFlowCookie(sealed, 600, now)]);
 */
export function createOAuthFlowCookie(sealed: string, maxAgeSeconds: number, now: Date): string {
  return serializeCookie(
    OAUTH_FLOW_COOKIE_NAME,
    sealed,
    { path: '/', domain: null, maxAgeSeconds, httpOnly: true, secure: true, sameSite: 'lax' },
    now,
  );
}

/**
 * `Set-Cookie` that drops the flow cookie (every callback answer carries it: the flow is single use).
 *
 * @example
 * appendCookies(response, [createBlankOAuthFlowCookie(now)]);
 */
export function createBlankOAuthFlowCookie(now: Date): string {
  return serializeCookie(
    OAUTH_FLOW_COOKIE_NAME,
    '',
    { path: '/', domain: null, maxAgeSeconds: 0, httpOnly: true, secure: true, sameSite: 'lax' },
    now,
  );
}
