import type { RevocationChecker } from '@tessera/verify';
import type { Clock } from '../clock.js';
import type { SessionRecord, SessionStore } from '../store/session-store.js';
import type { UserRecord, UserStore } from '../store/user-store.js';

/** How long an invalidated session stays out of the cache: far longer than announce-to-delete. */
const TOMBSTONE_MS = 60_000;
const MAX_TOMBSTONES = 100_000;
/**
 * A prune past the cap leaves this many, so the next one comes 10,000 invalidations later: pruning
 * walks every tombstone, and once per invalidation made a start-up backlog or a revocation storm of
 * 10⁶ quadratic (minutes to replay the log; found by bench/revocation-memory.mjs, issue 17).
 */
const PRUNED_TOMBSTONES = 90_000;

/**
 * Sizes and lifetimes of the local session cache.
 *
 * @example
 * const sessionCache: SessionCacheOptions = { maxSessions: 10_000, userTtlSeconds: 10 };
 * const deps = await createTesseraDeps({ store, secrets, tokens, sessionCache });
 */
export interface SessionCacheOptions {
  /** Entries kept before the least recently used are dropped. */
  maxSessions: number;
  /**
   * How long a cached user record is trusted. Users change rarely (roles, email); session
   * revocations do not wait for this: they are pushed.
   */
  userTtlSeconds: number;
}

/**
 * A record and whether it came from the cache (a cached record may be stale in harmless ways).
 *
 * @example
 * const read: CacheRead<SessionRecord> = await deps.sessionCache.getSession(sessionId);
 * if (read.record === null) return null;
 */
export interface CacheRead<T> {
  record: T | null;
  cached: boolean;
}

/**
 * A per-instance cache of session and user records, so a valid session costs no store round trip.
 *
 * Correctness does not rest on it: every revocation (and every secret rotation) is delivered by the
 * revocation feed and drops the entry on every instance; while the feed is down the cache is not
 * used at all and is emptied when the feed recovers; and a cached record that looks expired or
 * does not match the presented secret is re-read from the store before anything is decided. Reads
 * that must be exact (refresh rotation) never go through it.
 *
 * A session in the revocation set is not found, whatever the store says: a revocation announced
 * before a delete that then failed is final (issue 11).
 *
 * @example
 * const session = await deps.sessionCache.readSession(sessionId);
 */
export class SessionCache {
  readonly #store: Pick<SessionStore, 'getSession'> & Pick<UserStore, 'getUserById'>;
  readonly #clock: Clock;
  readonly #options: SessionCacheOptions;
  readonly #revocations: Pick<RevocationChecker, 'isRevoked'> | null;
  /** In the order they were last moved to the end: the first is the next to be dropped. */
  readonly #sessions = new Map<string, CachedSession>();
  /** Counts moves to the end of `#sessions`: an entry's `movedAt` says how far from the end it is. */
  #moves = 0;
  readonly #users = new Map<string, { user: UserRecord; cachedAtMs: number }>();
  #enabled = true;
  /**
   * Bumped by every invalidation. A user read that started before an invalidation must not put
   * what it read into the cache afterwards.
   */
  #epoch = 0;
  /**
   * Sessions invalidated recently, and until when they must not be cached again. A revocation is
   * announced before the store deletes the session (so that a failed delete never leaves tokens
   * accepted elsewhere), so for a moment the store still returns it: a read in that moment must
   * not bring it back into the cache.
   */
  readonly #tombstones = new Map<string, number>();

  constructor(
    store: Pick<SessionStore, 'getSession'> & Pick<UserStore, 'getUserById'>,
    clock: Clock,
    options: SessionCacheOptions,
    revocations: Pick<RevocationChecker, 'isRevoked'> | null = null,
  ) {
    if (!Number.isSafeInteger(options.maxSessions) || options.maxSessions < 0) {
      throw new TypeError('maxSessions must be a non-negative integer');
    }
    this.#store = store;
    this.#clock = clock;
    this.#options = options;
    this.#revocations = revocations;
  }

  /** The session, from the cache when possible. */
  async getSession(sessionId: string): Promise<CacheRead<SessionRecord>> {
    const held = this.peekSession(sessionId);
    if (held !== undefined) return { record: held, cached: held !== null };
    return { record: await this.readSession(sessionId), cached: false };
  }

  /**
   * What the cache can say about a session without waiting: `null` when it is revoked, the cached
   * record, or `undefined` when only the store can tell.
   */
  peekSession(sessionId: string): SessionRecord | null | undefined {
    if (this.isRevoked(sessionId)) return null;
    const hit = this.#enabled ? this.#sessions.get(sessionId) : undefined;
    if (hit === undefined) return undefined;
    // Least recently used, nearly: a hit moves its entry to the end of the Map only once it has
    // fallen into the older half, so an entry used at least once per maxSessions / 2 moves is
    // never dropped, and a hot session costs a lookup, not a delete and an insert per request.
    if (this.#moves - hit.movedAt >= this.#options.maxSessions / 2) this.#moveToEnd(sessionId, hit.record);
    return hit.record;
  }

  /** The session from the store (and into the cache). */
  async readSession(sessionId: string): Promise<SessionRecord | null> {
    if (this.isRevoked(sessionId)) return null;
    const record = await this.#store.getSession(sessionId);
    if (record !== null && !this.#isTombstoned(sessionId)) this.#remember(record);
    return record;
  }

  /** The user, from the cache while it is younger than `userTtlSeconds`. */
  async getUser(userId: string): Promise<UserRecord | null> {
    const now = this.#clock.now().getTime();
    const held = this.peekUser(userId, now);
    if (held !== undefined) return held;
    const epoch = this.#epoch;
    const user = await this.#store.getUserById(userId);
    if (user !== null && this.#enabled && epoch === this.#epoch)
      this.#users.set(userId, { user, cachedAtMs: now });
    else this.#users.delete(userId);
    return user;
  }

  /** The cached user while it is younger than `userTtlSeconds` at `nowMs`; `undefined`: ask the store. */
  peekUser(userId: string, nowMs: number): UserRecord | undefined {
    const hit = this.#enabled ? this.#users.get(userId) : undefined;
    return hit !== undefined && nowMs - hit.cachedAtMs < this.#options.userTtlSeconds * 1000
      ? hit.user
      : undefined;
  }

  /** Records an activity write this instance made. */
  noteActivity(sessionId: string, lastSeenAt: Date, idleExpiresAt: Date): void {
    const cached = this.#sessions.get(sessionId);
    if (cached !== undefined) {
      this.#sessions.set(sessionId, {
        record: { ...cached.record, lastSeenAt, idleExpiresAt },
        movedAt: cached.movedAt,
      });
    }
  }

  /** Drops a session (and its user, whose sessions just changed). */
  invalidateSession(sessionId: string): void {
    this.#epoch += 1;
    this.#tombstones.set(sessionId, this.#clock.now().getTime() + TOMBSTONE_MS);
    if (this.#tombstones.size > MAX_TOMBSTONES) this.#pruneTombstones();
    const cached = this.#sessions.get(sessionId);
    if (cached !== undefined) this.#users.delete(cached.record.userId);
    this.#sessions.delete(sessionId);
  }

  /** Drops a user (roles or status changed), and keeps a read already under way from caching it. */
  invalidateUser(userId: string): void {
    this.#epoch += 1;
    this.#users.delete(userId);
  }

  /** Turns the cache off (the feed is down: invalidations could be missed) or back on, empty. */
  setEnabled(enabled: boolean): void {
    this.#epoch += 1;
    this.#enabled = enabled;
    this.#sessions.clear();
    this.#users.clear();
  }

  /** Entries held (for tests and metrics). */
  get size(): number {
    return this.#sessions.size;
  }

  /** Whether the revocation set holds the session (published revocations are final). */
  isRevoked(sessionId: string): boolean {
    return this.#revocations?.isRevoked(sessionId, this.#clock.now()) ?? false;
  }

  #isTombstoned(sessionId: string): boolean {
    const until = this.#tombstones.get(sessionId);
    if (until === undefined) return false;
    if (until > this.#clock.now().getTime()) return true;
    this.#tombstones.delete(sessionId);
    return false;
  }

  #pruneTombstones(): void {
    const now = this.#clock.now().getTime();
    for (const [sessionId, until] of this.#tombstones) {
      if (until <= now) this.#tombstones.delete(sessionId);
    }
    // Still too many (a revocation storm): forget the oldest; their sessions are deleted by now.
    for (const sessionId of this.#tombstones.keys()) {
      if (this.#tombstones.size <= PRUNED_TOMBSTONES) break;
      this.#tombstones.delete(sessionId);
    }
  }

  #remember(record: SessionRecord): void {
    if (!this.#enabled || this.#options.maxSessions === 0) return;
    this.#moveToEnd(record.id, record);
    if (this.#sessions.size > this.#options.maxSessions) {
      const oldest = this.#sessions.keys().next();
      if (oldest.done !== true) this.#sessions.delete(oldest.value);
    }
  }

  #moveToEnd(sessionId: string, record: SessionRecord): void {
    this.#sessions.delete(sessionId);
    this.#moves += 1;
    this.#sessions.set(sessionId, { record, movedAt: this.#moves });
  }
}

/** A cached session and when it was last moved to the end of the cache's order. */
interface CachedSession {
  readonly record: SessionRecord;
  readonly movedAt: number;
}
