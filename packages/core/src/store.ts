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
  | 'password.rehashed';

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

/** Everything the Tessera engine needs from storage. */
export interface TesseraStore extends UserStore, SessionStore, CounterStore, AuditStore {
  /** Resolves when the store answers; rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
