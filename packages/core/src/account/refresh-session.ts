import { InvalidRefreshTokenError, RefreshTokenReusedError } from '../errors.js';
import { addSeconds, isActivityWriteDue, isSessionExpired } from '../session/session-expiry.js';
import { hashTokenSecret, secretHashesMatch } from '../session/session-token.js';
import type { SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { deriveSuccessorSecret, formatRefreshToken, parseRefreshToken } from '../token/refresh-token.js';
import type { IssuedAccessToken } from '../token/token-service.js';
import { recordAuditEvent } from './record-audit-event.js';
import { revokeSessions } from './revoke-sessions.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * The result of a refresh: a new access token and the chain's next refresh token.
 *
 * @example
 * const { accessToken, refreshToken }: RefreshedSession = await refreshSession(deps, presented, origin);
 * const body = { access_token: accessToken.token, expires_in: accessToken.expiresInSeconds, refresh_token: refreshToken };
 */
export interface RefreshedSession {
  user: UserRecord;
  session: SessionRecord;
  accessToken: IssuedAccessToken;
  refreshToken: string;
}

/** How far back a replayed token is traced along the chain to tell "stolen and reused" from "forged". */
const MAX_CHAIN_WALK = 64;

/**
 * Rotates a session's refresh token and issues a new access token (DESIGN §1, §3.1 "Refresh races").
 *
 * - The current token rotates: its successor is derived (HMAC) and stored with a compare-and-set,
 *   so of two racing requests exactly one writes; the other finds its token is now the previous one.
 * - The previous token, within `refreshReuseGraceSeconds` of the rotation (counted from the first
 *   rotation, not restarted by replays), yields the **same** successor: two tabs or a retry never
 *   fork the chain and never log the user out.
 * - An older genuine token of the chain, or the previous one after the grace, is reuse: the session
 *   is revoked and `RefreshTokenReusedError` thrown.
 * - Anything else (malformed, unknown, expired, revoked session, forged secret) is
 *   `InvalidRefreshTokenError`, and revokes nothing.
 *
 * @example
 * const { accessToken, refreshToken } = await refreshSession(deps, presented, origin);
 */
export async function refreshSession(
  deps: TesseraDeps,
  presented: string,
  origin: RequestOrigin,
): Promise<RefreshedSession> {
  const parts = parseRefreshToken(presented);
  if (parts === null) throw new InvalidRefreshTokenError();
  const { sessionId, secret } = parts;
  const presentedHash = hashTokenSecret(secret);

  // Two passes at most: a lost compare-and-set means a concurrent request rotated this very token,
  // and the second pass takes the grace path with the session as it now is.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const session = await liveSession(deps, sessionId);
    const { refreshTokenHash, previousRefreshTokenHash, refreshRotatedAt } = session;
    if (refreshTokenHash === null) throw new InvalidRefreshTokenError();

    if (secretHashesMatch(refreshTokenHash, presentedHash)) {
      const successor = deriveSuccessorSecret(currentChainKey(deps), sessionId, secret);
      const now = deps.clock.now();
      const next = {
        refreshTokenHash: hashTokenSecret(successor),
        previousRefreshTokenHash: refreshTokenHash,
        refreshRotatedAt: now,
        refreshGeneration: session.refreshGeneration + 1,
      };
      if (await deps.store.rotateSessionRefreshToken(sessionId, refreshTokenHash, next)) {
        return issue(deps, { ...session, ...next }, successor);
      }
      continue;
    }

    if (previousRefreshTokenHash !== null && secretHashesMatch(previousRefreshTokenHash, presentedHash)) {
      const withinGrace =
        refreshRotatedAt !== null &&
        deps.clock.now().getTime() - refreshRotatedAt.getTime() <=
          deps.tokens.policy.refreshReuseGraceSeconds * 1000;
      if (withinGrace) {
        const successor = successorMatching(deps, sessionId, secret, refreshTokenHash);
        if (successor !== null) return issue(deps, session, successor);
      }
      return detectReuse(deps, session, origin);
    }

    if (isOlderTokenOfChain(deps, session, secret)) return detectReuse(deps, session, origin);
    throw new InvalidRefreshTokenError();
  }
  throw new InvalidRefreshTokenError();
}

async function liveSession(deps: TesseraDeps, sessionId: string): Promise<SessionRecord> {
  // A revoked session whose delete failed is still in the store: the revocation set decides.
  if (deps.sessionCache.isRevoked(sessionId)) throw new InvalidRefreshTokenError();
  const session = await deps.store.getSession(sessionId);
  if (session === null) throw new InvalidRefreshTokenError();
  if (isSessionExpired(session, deps.clock.now())) {
    await deps.store.deleteSession(session.id);
    throw new InvalidRefreshTokenError();
  }
  return session;
}

function currentChainKey(deps: TesseraDeps): Buffer {
  const [key] = deps.tokens.refreshChainKeys;
  if (key === undefined) throw new TypeError('no refresh-chain key');
  return key;
}

/** The successor that was handed out, under whichever configured secret derived it. */
function successorMatching(deps: TesseraDeps, sessionId: string, secret: string, expectedHash: string) {
  for (const key of deps.tokens.refreshChainKeys) {
    const successor = deriveSuccessorSecret(key, sessionId, secret);
    if (secretHashesMatch(expectedHash, hashTokenSecret(successor))) return successor;
  }
  return null;
}

/** True when walking the chain forward from `secret` reaches the previous or current token. */
function isOlderTokenOfChain(deps: TesseraDeps, session: SessionRecord, secret: string): boolean {
  const targets = [session.previousRefreshTokenHash, session.refreshTokenHash].filter(
    (hash): hash is string => hash !== null,
  );
  const steps = Math.min(session.refreshGeneration, MAX_CHAIN_WALK);
  for (const key of deps.tokens.refreshChainKeys) {
    let walked = secret;
    for (let step = 0; step < steps; step += 1) {
      walked = deriveSuccessorSecret(key, session.id, walked);
      const hash = hashTokenSecret(walked);
      if (targets.some((target) => secretHashesMatch(target, hash))) return true;
    }
  }
  return false;
}

async function detectReuse(deps: TesseraDeps, session: SessionRecord, origin: RequestOrigin): Promise<never> {
  await recordAuditEvent(deps, {
    type: 'refresh_token.reused',
    userId: session.userId,
    sessionId: session.id,
    ip: origin.ip,
    userAgent: origin.userAgent,
    detail: { generation: session.refreshGeneration },
  });
  await revokeSessions(deps, [session.id], {
    userId: session.userId,
    reason: 'refresh-token-reused',
    actorSessionId: null,
    origin,
  });
  throw new RefreshTokenReusedError();
}

async function issue(
  deps: TesseraDeps,
  session: SessionRecord,
  successor: string,
): Promise<RefreshedSession> {
  const user = await deps.store.getUserById(session.userId);
  if (user === null || user.disabledAt !== null) throw new InvalidRefreshTokenError();
  // A refresh is activity: slide the idle expiry (at most once per interval, like requests).
  const now = deps.clock.now();
  let current = session;
  if (isActivityWriteDue(session, now, deps.policy)) {
    const idleExpiresAt = addSeconds(now, deps.policy.idleTimeoutSeconds);
    await deps.store.updateSessionActivity(session.id, now, idleExpiresAt);
    current = { ...session, lastSeenAt: now, idleExpiresAt };
  }
  return {
    user,
    session: current,
    accessToken: await deps.tokens.issueAccessToken(user, current),
    refreshToken: formatRefreshToken({ sessionId: session.id, secret: successor }),
  };
}
