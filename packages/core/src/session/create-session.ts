import { SessionLimitReachedError } from '../errors.js';
import type { AuthenticationMethod, SessionRecord, SessionTransport } from '../store/session-store.js';
import type { SessionDeps } from './session-deps.js';
import { addSeconds } from './session-expiry.js';
import { listUserSessions } from './list-user-sessions.js';
import { formatRefreshToken, generateRefreshSecret } from '../token/refresh-token.js';
import { generateSessionToken, hashTokenSecret } from './session-token.js';

/**
 * Who is logging in, from where.
 *
 * @example
 * const input: NewSessionInput = { userId: user.id, ip: origin.ip, userAgent: origin.userAgent, transport: 'bearer' };
 * const { token, refreshToken } = await createSession(deps, input);
 */
export interface NewSessionInput {
  userId: string;
  ip: string | null;
  userAgent: string | null;
  transport: SessionTransport;
  /** How the user proved who they are (RFC 8176): `['pwd']`, `['fed']`, `['hwk']`, `['pwd', 'otp', 'mfa']`… */
  amr: readonly AuthenticationMethod[];
}

/**
 * The new session, the tokens to hand to the client (once), and any sessions evicted by the cap.
 *
 * @example
 * const { session, token }: CreatedSession = await createSession(deps, { userId, ip, userAgent, transport: 'cookie' });
 * headers.push(['set-cookie', createSessionCookie(token, sessionExpiresAt(session), now)]);
 */
export interface CreatedSession {
  session: SessionRecord;
  /** The `<id>.<secret>` session token (the session cookie's value in `cookie` transport). */
  token: string;
  /** The first refresh token of the chain, for `jwt-cookie` and `bearer` sessions; else `null`. */
  refreshToken: string | null;
  evictedSessionIds: string[];
}

/** Longest user agent kept: enough to name a browser, not a place to store a payload. */
const MAX_USER_AGENT_LENGTH = 512;

/**
 * Creates a new session (every login gets a new one: no fixation) and enforces the per-user cap.
 *
 * @example
 * const { token } = await createSession(deps, { userId, ip, userAgent, transport: 'cookie', amr: ['pwd'] });
 */
export async function createSession(deps: SessionDeps, input: NewSessionInput): Promise<CreatedSession> {
  const { store, clock, randomBytes, policy } = deps;
  const evictedSessionIds: string[] = [];
  if (policy.maxSessionsPerUser !== null) {
    const live = await listUserSessions(deps, input.userId);
    const excess = live.length - policy.maxSessionsPerUser + 1;
    if (excess > 0) {
      if (policy.sessionLimitPolicy === 'refuse')
        throw new SessionLimitReachedError(policy.maxSessionsPerUser);
      for (const oldest of live.slice(0, excess)) {
        if (await store.deleteSession(oldest.id)) evictedSessionIds.push(oldest.id);
      }
    }
  }
  const now = clock.now();
  const { token, sessionId, secretHash } = generateSessionToken(randomBytes);
  const refreshSecret = input.transport === 'cookie' ? null : generateRefreshSecret(randomBytes);
  const session: SessionRecord = {
    id: sessionId,
    secretHash,
    userId: input.userId,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: addSeconds(now, policy.idleTimeoutSeconds),
    absoluteExpiresAt: addSeconds(now, policy.absoluteTimeoutSeconds),
    ip: input.ip,
    userAgent: input.userAgent === null ? null : input.userAgent.slice(0, MAX_USER_AGENT_LENGTH),
    transport: input.transport,
    authenticatedAt: now,
    amr: checkAmr(input.amr),
    refreshTokenHash: refreshSecret === null ? null : hashTokenSecret(refreshSecret),
    previousRefreshTokenHash: null,
    refreshRotatedAt: null,
    refreshGeneration: 0,
  };
  await store.insertSession(session);
  const refreshToken =
    refreshSecret === null ? null : formatRefreshToken({ sessionId, secret: refreshSecret });
  return { session, token, refreshToken, evictedSessionIds };
}

const AUTHENTICATION_METHODS: ReadonlySet<string> = new Set(['pwd', 'otp', 'hwk', 'swk', 'fed', 'mfa']);

/**
 * Checks an `amr` list (a caller bug throws `TypeError`): at least one RFC 8176 value we issue,
 * no duplicates. Returns a frozen copy.
 *
 * @example
 * checkAmr(['pwd', 'otp', 'mfa']);
 */
export function checkAmr(amr: readonly AuthenticationMethod[]): readonly AuthenticationMethod[] {
  const value: unknown = amr;
  if (!Array.isArray(value) || amr.length === 0 || new Set(amr).size !== amr.length) {
    throw new TypeError('amr must be a non-empty list of distinct authentication methods');
  }
  for (const method of amr) {
    if (!AUTHENTICATION_METHODS.has(method))
      throw new TypeError(`amr: unknown authentication method ${method}`);
  }
  return Object.freeze([...amr]);
}
