/**
 * How a session proves itself on each request.
 *
 * @example
 * const transport: SessionTransport = body.transport === 'bearer' ? 'bearer' : cookieMode === 'jwt' ? 'jwt-cookie' : 'cookie';
 */
export type SessionTransport = 'cookie' | 'jwt-cookie' | 'bearer';

/**
 * How the user proved who they are (RFC 8176 §2): `pwd` password, `otp` one-time code (TOTP or a
 * recovery code), `hwk`/`swk` a hardware- or software-bound key (passkeys), `fed` another provider,
 * `mfa` more than one factor.
 *
 * @example
 * const amr: AuthenticationMethod[] = ['pwd', 'otp', 'mfa'];
 */
export type AuthenticationMethod = 'pwd' | 'otp' | 'hwk' | 'swk' | 'fed' | 'mfa';

/**
 * One login on one device. The secret half of the token is never stored, only its SHA-256.
 *
 * @example
 * const session: SessionRecord | null = await store.getSession(sessionId);
 * const expiresAt = session === null ? null : sessionExpiresAt(session);
 */
export interface SessionRecord {
  id: string;
  /** Lower-case hex SHA-256 of the token secret. */
  secretHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  transport: SessionTransport;
  /** When the user last proved who they are on this session: sign-in, or a reauthentication (DESIGN §9). */
  authenticatedAt: Date;
  /** How they proved it then (RFC 8176 values, at least one). */
  amr: readonly AuthenticationMethod[];
  /**
   * The refresh-token chain of a `jwt-cookie` or `bearer` session (all `null`/0 for `cookie`).
   * Hex SHA-256 of the current refresh token's secret.
   */
  refreshTokenHash: string | null;
  /** Hex SHA-256 of the token that `refreshTokenHash` replaced (replayable within the grace). */
  previousRefreshTokenHash: string | null;
  /** When the current token replaced the previous one. */
  refreshRotatedAt: Date | null;
  /** How many rotations the chain has had (0 for the token issued at login). */
  refreshGeneration: number;
}

/**
 * The refresh-chain fields that one rotation writes.
 *
 * @example
 * const next: RefreshChainState = {
 *   refreshTokenHash: nextHash,
 *   previousRefreshTokenHash: session.refreshTokenHash,
 *   refreshRotatedAt: now,
 *   refreshGeneration: session.refreshGeneration + 1,
 * };
 * const won = await store.rotateSessionRefreshToken(session.id, presentedHash, next);
 */
export type RefreshChainState = Pick<
  SessionRecord,
  'refreshTokenHash' | 'previousRefreshTokenHash' | 'refreshRotatedAt' | 'refreshGeneration'
>;

/**
 * Sessions. Expiry is enforced by core; stores only keep and drop records.
 *
 * @example
 * const sessions: SessionStore = openSqliteStore({ path: 'data/tessera.db' });
 * const devices = await sessions.listUserSessions(user.id);
 * const swept = await sessions.deleteExpiredSessions(new Date());
 */
export interface SessionStore {
  insertSession(session: SessionRecord): Promise<void>;
  getSession(sessionId: string): Promise<SessionRecord | null>;
  updateSessionActivity(sessionId: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void>;
  updateSessionSecretHash(sessionId: string, secretHash: string): Promise<void>;
  /** Records a new authentication on a live session (a reauthentication, DESIGN §9). */
  updateSessionAuthentication(
    sessionId: string,
    authenticatedAt: Date,
    amr: readonly AuthenticationMethod[],
  ): Promise<void>;
  /** Resolves `true` when a session was deleted by this call. */
  deleteSession(sessionId: string): Promise<boolean>;
  /** Deletes every session of the user except `exceptSessionId`; resolves the deleted ids. */
  deleteUserSessions(userId: string, exceptSessionId: string | null): Promise<string[]>;
  /** Every stored session of the user, oldest `createdAt` first (expired ones included). */
  listUserSessions(userId: string): Promise<SessionRecord[]>;
  /** Drops sessions whose idle or absolute expiry is at or before `now`; resolves how many. */
  deleteExpiredSessions(now: Date): Promise<number>;
  /** How many sessions, of all users, are live at `now` (both expiries after it): the metrics gauge. */
  countLiveSessions(now: Date): Promise<number>;
  /**
   * Compare-and-set of the refresh chain: writes `next` only if the session's current
   * `refreshTokenHash` still equals `expectedRefreshTokenHash`, atomically. Resolves whether it
   * wrote. Two concurrent rotations of the same token: exactly one wins; the chain never forks.
   */
  rotateSessionRefreshToken(
    sessionId: string,
    expectedRefreshTokenHash: string,
    next: RefreshChainState,
  ): Promise<boolean>;
}

/**
 * The method names of `SessionStore`, checked complete by the compiler: what `composeStore` forwards to
 * the part that serves them.
 *
 * @example
 * Object.keys(sessionStoreMethods); // ['insertSession', …]
 */
export const sessionStoreMethods = {
  insertSession: true,
  getSession: true,
  updateSessionActivity: true,
  updateSessionSecretHash: true,
  updateSessionAuthentication: true,
  deleteSession: true,
  deleteUserSessions: true,
  listUserSessions: true,
  deleteExpiredSessions: true,
  countLiveSessions: true,
  rotateSessionRefreshToken: true,
} as const satisfies Record<keyof SessionStore, true>;
