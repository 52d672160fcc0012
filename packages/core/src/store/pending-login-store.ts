import type { AuthenticationMethod, SessionTransport } from './session-store.js';

/**
 * A login waiting for its second step (DESIGN §9): the password was right, no session exists yet.
 * Its token is `<id>.<secret>` like a session token; only the secret's SHA-256 is stored.
 *
 * @example
 * const pending: PendingLoginRecord | null = await store.getPendingLogin(pendingId);
 * const alive = pending !== null && pending.expiresAt > now;
 */
export interface PendingLoginRecord {
  id: string;
  /** Lower-case hex SHA-256 of the token secret. */
  secretHash: string;
  userId: string;
  /** The transport asked for at step one: the session is created with it. */
  transport: SessionTransport;
  /** The factors already proved (`['pwd']`, or `['fed']` after a provider sign-in). */
  amr: readonly AuthenticationMethod[];
  createdAt: Date;
  expiresAt: Date;
  /** Wrong codes so far. */
  failures: number;
}

/**
 * Pending logins, shared by every instance. Expiry is enforced by core.
 *
 * @example
 * const failures = await store.recordPendingLoginFailure(pendingId, 5);
 * const spent = await store.deletePendingLogin(pendingId); // true for exactly one caller
 */
export interface PendingLoginStore {
  insertPendingLogin(login: PendingLoginRecord): Promise<void>;
  getPendingLogin(id: string): Promise<PendingLoginRecord | null>;
  /**
   * Counts one wrong code, atomically; when the count reaches `maxFailures` the pending login is
   * deleted. Resolves the new count, or `null` when there was no such pending login.
   */
  recordPendingLoginFailure(id: string, maxFailures: number): Promise<number | null>;
  /** Resolves `true` when this call deleted it (single use: of two concurrent calls, one wins). */
  deletePendingLogin(id: string): Promise<boolean>;
  /** Drops pending logins that expired at or before `now`; resolves how many. */
  deleteExpiredPendingLogins(now: Date): Promise<number>;
}

/**
 * The method names of `PendingLoginStore`, checked complete by the compiler.
 *
 * @example
 * Object.keys(pendingLoginStoreMethods); // ['insertPendingLogin', …]
 */
export const pendingLoginStoreMethods = {
  insertPendingLogin: true,
  getPendingLogin: true,
  recordPendingLoginFailure: true,
  deletePendingLogin: true,
  deleteExpiredPendingLogins: true,
} as const satisfies Record<keyof PendingLoginStore, true>;
