import { AccessTokenError } from '@tessera/verify';
import {
  authenticateCachedSessionToken,
  authenticateSessionToken,
  type Authenticated,
} from '../account/authenticate-session-token.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { findRepeatedCookieNames } from '../cookie/find-repeated-cookie-names.js';
import { isSessionExpired } from '../session/session-expiry.js';
import { hostOnlyAuthCookies, type AuthCookies } from './auth-cookies.js';
import type { AuthRequest } from './auth-request.js';
import type { ProofKind } from './proof-kind.js';

export type { ProofKind } from './proof-kind.js';

/** The outcome of authenticating a request. */
export type RequestAuthentication =
  | { kind: 'authenticated'; auth: Authenticated; proof: ProofKind }
  /** Nothing was presented. */
  | { kind: 'anonymous' }
  /** A credential was presented and refused; `code` is the error to answer with. */
  | {
      kind: 'refused';
      proof: ProofKind;
      code: 'ERR_UNAUTHENTICATED' | 'ERR_INVALID_TOKEN' | 'ERR_TOKEN_EXPIRED' | 'ERR_SESSION_REVOKED';
      /** Tessera cookies the request carried more than once (cookie tossing): all of ours are cleared. */
      repeatedCookies?: readonly string[];
    };

const BEARER_PATTERN = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Finds the client's proof of a session and checks it. One proof is used, in this order: an
 * `Authorization: Bearer` access token, the access-token cookie, the session cookie.
 *
 * A request that carries one of Tessera's cookies twice is refused (`ERR_UNAUTHENTICATED`, with
 * `repeatedCookies`) whatever else it carries: a sibling subdomain can plant a second cookie of
 * our name that browsers list first, so using either value would let it choose who the user is
 * (DESIGN §3.2, cookie tossing).
 *
 * An access token is checked by signature, claims and the revocation set only (DESIGN §1); the
 * session and user are then read because the routes answer with them. Infrastructure faults
 * (store, key set, revocation feed) propagate as errors: they are never a silent logout.
 * Each presented proof is reported to `deps.observer` with its outcome and how long checking took.
 *
 * @example
 * const result = await authenticateRequest(deps, request, cookies);
 */
export async function authenticateRequest(
  deps: TesseraDeps,
  request: AuthRequest,
  cookies: Readonly<Record<string, string>>,
  authCookies: AuthCookies = hostOnlyAuthCookies,
): Promise<RequestAuthentication> {
  const startedAt = performance.now();
  const result = await checkPresentedProof(deps, findPresentedProof(request, cookies, authCookies));
  reportProof(deps, result, startedAt);
  return result;
}

/**
 * `authenticateRequest` without waiting, where memory alone can answer: a session cookie whose
 * session and user are cached and accept it with nothing to read or write (most requests of a
 * signed-in user). `undefined` otherwise: call `authenticateRequest`, which decides everything
 * else (every refusal included) the same way whether or not this was tried first.
 *
 * @example
 * const result = authenticateRequestFromCache(deps, request, cookies, authCookies, deps.clock.now())
 *   ?? (await authenticateRequest(deps, request, cookies, authCookies));
 */
export function authenticateRequestFromCache(
  deps: TesseraDeps,
  request: AuthRequest,
  cookies: Readonly<Record<string, string>>,
  authCookies: AuthCookies,
  now: Date,
): RequestAuthentication | undefined {
  const startedAt = performance.now();
  const presented = findPresentedProof(request, cookies, authCookies);
  if (presented.kind !== 'session-cookie') return undefined;
  const auth = authenticateCachedSessionToken(deps, presented.token, now);
  if (auth === undefined) return undefined;
  const result: RequestAuthentication = { kind: 'authenticated', auth, proof: 'session-cookie' };
  reportProof(deps, result, startedAt);
  return result;
}

function reportProof(deps: TesseraDeps, result: RequestAuthentication, startedAt: number): void {
  if (result.kind === 'anonymous') return;
  deps.observer.sessionAuthenticated(
    result.proof,
    result.kind === 'authenticated' ? 'authenticated' : 'refused',
    (performance.now() - startedAt) / 1000,
  );
}

/** The one proof a request is judged by, in the order of `authenticateRequest`. */
type PresentedProof =
  | { kind: 'repeated-cookies'; proof: ProofKind; names: readonly string[] }
  | { kind: 'malformed-bearer' }
  | { kind: 'bearer' | 'access-cookie' | 'session-cookie'; token: string }
  | { kind: 'none' };

function findPresentedProof(
  request: AuthRequest,
  cookies: Readonly<Record<string, string>>,
  authCookies: AuthCookies,
): PresentedProof {
  const repeatedCookies = findRepeatedCookieNames(request.headers['cookie'], authCookies.all);
  if (repeatedCookies.length > 0) {
    const proof = repeatedCookies.includes(authCookies.session) ? 'session-cookie' : 'access-cookie';
    return { kind: 'repeated-cookies', proof, names: repeatedCookies };
  }
  const authorization = request.headers['authorization'];
  if (authorization !== undefined) {
    // RFC 6750 §2.1: a malformed header is a token we cannot accept.
    const match = BEARER_PATTERN.exec(authorization.trim());
    return match === null ? { kind: 'malformed-bearer' } : { kind: 'bearer', token: match[1] ?? '' };
  }
  const accessToken = cookies[authCookies.access];
  if (accessToken !== undefined && accessToken !== '') return { kind: 'access-cookie', token: accessToken };
  const sessionToken = cookies[authCookies.session];
  if (sessionToken !== undefined && sessionToken !== '')
    return { kind: 'session-cookie', token: sessionToken };
  return { kind: 'none' };
}

async function checkPresentedProof(
  deps: TesseraDeps,
  presented: PresentedProof,
): Promise<RequestAuthentication> {
  switch (presented.kind) {
    case 'repeated-cookies':
      return {
        kind: 'refused',
        proof: presented.proof,
        code: 'ERR_UNAUTHENTICATED',
        repeatedCookies: presented.names,
      };
    case 'malformed-bearer':
      return { kind: 'refused', proof: 'bearer', code: 'ERR_INVALID_TOKEN' };
    case 'bearer':
    case 'access-cookie':
      return authenticateAccessToken(deps, presented.token, presented.kind);
    case 'session-cookie': {
      const auth = await authenticateSessionToken(deps, presented.token);
      return auth === null
        ? { kind: 'refused', proof: 'session-cookie', code: 'ERR_UNAUTHENTICATED' }
        : { kind: 'authenticated', auth, proof: 'session-cookie' };
    }
    case 'none':
      return { kind: 'anonymous' };
  }
}

async function authenticateAccessToken(
  deps: TesseraDeps,
  token: string,
  proof: ProofKind,
): Promise<RequestAuthentication> {
  let claims;
  try {
    claims = await deps.tokens.verifyAccessToken(token);
  } catch (error) {
    if (error instanceof AccessTokenError) {
      const { code } = error;
      if (code === 'ERR_INVALID_TOKEN' || code === 'ERR_TOKEN_EXPIRED' || code === 'ERR_SESSION_REVOKED') {
        return { kind: 'refused', proof, code };
      }
    }
    throw error;
  }
  const { record: session } = await deps.sessionCache.getSession(claims.sid);
  // Gone without a revocation (expired, swept): the token outlived its session.
  if (session === null || isSessionExpired(session, deps.clock.now()) || session.userId !== claims.sub) {
    return { kind: 'refused', proof, code: 'ERR_SESSION_REVOKED' };
  }
  const user = await deps.sessionCache.getUser(session.userId);
  if (user === null || user.disabledAt !== null)
    return { kind: 'refused', proof, code: 'ERR_SESSION_REVOKED' };
  return { kind: 'authenticated', auth: { user, session, refreshed: false }, proof };
}
