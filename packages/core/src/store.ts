/**
 * The storage contract every Tessera store implements (memory, SQLite, and later PostgreSQL and Redis).
 *
 * Every store runs the same conformance cases (`@tessera/stores/conformance`) against a real instance.
 * Stores report infrastructure faults as `StoreUnavailableError` (with the driver error as `cause`),
 * never as "not found": a broken database must not look like a logout.
 */

/** How a session proves itself on each request. */
export type SessionTransport = 'cookie' | 'jwt-cookie' | 'bearer';

/** An account. `email` is stored normalized (see `normalizeEmail`) and is unique. */
export interface UserRecord {
  id: string;
  email: string;
  /** A PHC-format hash: argon2id for our own, bcrypt or scrypt for imported users until their next login. */
  passwordHash: string;
  roles: string[];
  createdAt: Date;
  disabledAt: Date | null;
}

/** One login on one device. The secret half of the token is never stored, only its SHA-256. */
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

/** The refresh-chain fields that one rotation writes. */
export type RefreshChainState = Pick<
  SessionRecord,
  'refreshTokenHash' | 'previousRefreshTokenHash' | 'refreshRotatedAt' | 'refreshGeneration'
>;

/** Algorithms Tessera signs access tokens with (DESIGN §4). */
export type SigningAlgorithm = 'EdDSA' | 'ES256' | 'RS256' | 'HS256';

/** An access-token signing key. The private part is stored encrypted, never in clear. */
export interface SigningKeyRecord {
  /** The JWS `kid`. */
  kid: string;
  /** The one algorithm this key is used with (pinned: never taken from a token header). */
  alg: SigningAlgorithm;
  /** The public JWK as JSON (published in the JWKS); `null` for HS256, which has no public part. */
  publicJwk: string | null;
  /** The private (or secret) JWK, encrypted at rest: an opaque, versioned envelope. */
  privateJwkCiphertext: string;
  createdAt: Date;
  /** From this instant on the key may sign; it is published in the JWKS before that. */
  activatesAt: Date;
  /** When the key stopped signing (a newer key took over); `null` while current. */
  retiredAt: Date | null;
  /** When the key leaves the JWKS (its last token has expired); `null` while current. */
  expiresAt: Date | null;
}

/** One revoked session in the revocation log (the feed verifiers follow). */
export interface RevocationEntry {
  /** Position in the log; opaque, ordered, resumable (`listRevocations(after)`). */
  cursor: string;
  sessionId: string;
  revokedAt: Date;
  /** After this instant no access token of the session can still be valid: the entry can go. */
  expiresAt: Date;
}

/** The kinds of audit events Tessera records. */
export type AuditEventType =
  | 'user.registered'
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'logout'
  | 'session.revoked'
  | 'sessions.revoked'
  | 'password.changed'
  | 'password.rehashed'
  | 'refresh_token.reused'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.roles_changed'
  | 'users.imported';

/** A security-relevant event. `detail` holds small scalar facts, never a secret. */
export interface AuditEvent {
  id: string;
  type: AuditEventType;
  at: Date;
  userId: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, string | number | boolean | null>;
}

/** Filters for `listAuditEvents`; results come newest first. */
export interface AuditQuery {
  userId: string | null;
  type: AuditEventType | null;
  /** Only events strictly older than this instant (for paging). */
  before: Date | null;
  limit: number;
}

/** Filters for `listUsers`; results come in email order (byte order of the UTF-8 encoding). */
export interface UserQuery {
  /** Only users whose stored (normalized) email contains this string; `null` for every user. */
  emailContains: string | null;
  /** Only users whose email sorts strictly after this one (paging); `null` from the start. */
  afterEmail: string | null;
  limit: number;
}

/** A fixed-window counter (rate limits). */
export interface CounterState {
  count: number;
  expiresAt: Date;
}

/** Accounts. */
export interface UserStore {
  /** Inserts the user; resolves `false` (and stores nothing) when the email is taken. */
  insertUser(user: UserRecord): Promise<boolean>;
  getUserById(id: string): Promise<UserRecord | null>;
  /** `email` must already be normalized. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  updateUserPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Users matching `query`, in email order, at most `query.limit`. */
  listUsers(query: UserQuery): Promise<UserRecord[]>;
  /** Sets (or, with `null`, clears) `disabledAt`; resolves the updated user, `null` for an unknown id. */
  updateUserDisabledAt(userId: string, disabledAt: Date | null): Promise<UserRecord | null>;
  /** Replaces the roles; resolves the updated user, `null` for an unknown id. */
  updateUserRoles(userId: string, roles: readonly string[]): Promise<UserRecord | null>;
  /**
   * Ids of enabled users (`disabledAt` null) holding exactly `role`, at most `limit`, in id order:
   * whether an administrator would remain after a change.
   */
  listEnabledUserIdsWithRole(role: string, limit: number): Promise<string[]>;
  /**
   * Inserts every user or none, atomically. Resolves `[]` when all were inserted, or the emails that
   * already belong to stored users (and then inserts nothing). Rejects, inserting nothing, when an id
   * is taken or the batch itself repeats an id or an email (caller bugs).
   */
  insertUsers(users: readonly UserRecord[]): Promise<string[]>;
}

/** Sessions. Expiry is enforced by core; stores only keep and drop records. */
export interface SessionStore {
  insertSession(session: SessionRecord): Promise<void>;
  getSession(sessionId: string): Promise<SessionRecord | null>;
  updateSessionActivity(sessionId: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void>;
  updateSessionSecretHash(sessionId: string, secretHash: string): Promise<void>;
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

/** Access-token signing keys. */
export interface SigningKeyStore {
  /** Rejects when the `kid` exists. */
  insertSigningKey(key: SigningKeyRecord): Promise<void>;
  /** Every stored key, oldest `createdAt` first. */
  listSigningKeys(): Promise<SigningKeyRecord[]>;
  /** Sets when a key stops signing and when it leaves the JWKS. */
  retireSigningKey(kid: string, retiredAt: Date, expiresAt: Date): Promise<void>;
  /** Replaces the encrypted private part (re-encryption under a new secret). */
  updateSigningKeyCiphertext(kid: string, privateJwkCiphertext: string): Promise<void>;
  /** Drops keys whose `expiresAt` is at or before `now`; resolves how many. */
  deleteExpiredSigningKeys(now: Date): Promise<number>;
}

/** The durable revocation log behind the feed. */
export interface RevocationStore {
  /** Appends entries in order and resolves them with their cursors. */
  appendRevocations(entries: readonly Omit<RevocationEntry, 'cursor'>[]): Promise<RevocationEntry[]>;
  /**
   * Entries strictly after `afterCursor` (from the start when `null`), oldest first, at most
   * `limit`, leaving out those expired at `now`. A cursor that is not of the form this store hands
   * out rejects with `TypeError` (the feed answers such a `Last-Event-ID` 400).
   */
  listRevocations(afterCursor: string | null, now: Date, limit: number): Promise<RevocationEntry[]>;
  /** Drops entries expired at `now`; resolves how many. */
  deleteExpiredRevocations(now: Date): Promise<number>;
}

/** Fixed-window counters used for throttling. Atomic per call. */
export interface CounterStore {
  /**
   * Adds `delta` (may be negative) to the counter at `key` and resolves its new state.
   * A missing or expired counter starts from 0 with an expiry `windowSeconds` after `now`, but only
   * when `delta > 0`; otherwise a missing counter stays missing and the call resolves `null`.
   * The expiry is set on creation only: later increments do not extend the window.
   */
  incrementCounter(
    key: string,
    delta: number,
    windowSeconds: number,
    now: Date,
  ): Promise<CounterState | null>;
  /** The live counter at `key`, or `null` when missing or expired at `now`. */
  getCounter(key: string, now: Date): Promise<CounterState | null>;
  deleteCounter(key: string): Promise<void>;
  /**
   * Drops counters expired at `now`; resolves how many. Attackers choose the keys (account and IP),
   * so expired counters must not pile up.
   */
  deleteExpiredCounters(now: Date): Promise<number>;
}

/** The audit log. */
export interface AuditStore {
  insertAuditEvent(event: AuditEvent): Promise<void>;
  listAuditEvents(query: AuditQuery): Promise<AuditEvent[]>;
}

/**
 * A revocation log that pushes: a follower waits for entries after its cursor instead of polling.
 * Implemented by stores shared between instances (Redis Streams); each instance follows it.
 */
export interface RevocationStream {
  /**
   * Entries after `afterCursor` (every live one when `null`), oldest first, at most `limit`,
   * leaving out those expired at `now`; when there are none yet, waits up to `blockMs` for one to
   * arrive and resolves `[]` on timeout. Rejects with `StoreUnavailableError` when unreachable.
   */
  readRevocations(
    afterCursor: string | null,
    now: Date,
    limit: number,
    blockMs: number,
  ): Promise<RevocationEntry[]>;
}

/** True when a store can push revocations to followers (see `RevocationStream`). */
export function isRevocationStream(store: object): store is RevocationStream {
  return typeof (store as Partial<RevocationStream>).readRevocations === 'function';
}

/** Everything the Tessera engine needs from storage. */
export interface TesseraStore
  extends UserStore, SessionStore, CounterStore, AuditStore, SigningKeyStore, RevocationStore {
  /** Resolves when the store answers; rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
