// The feed's whole life is this class (publish, follow, poll); its parts that stand alone are in
// ./lib/: the cursor and once-only delivery window, reading the backlog, and the feed's health.
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { addSeconds } from '../session/session-expiry.js';
import { formatFeedEntryKey } from './feed-entry.js';
import { DeliveryWindow } from './lib/delivery-window.js';
import { FeedHealth, type FeedStateListener } from './lib/feed-health.js';
import { FEED_PAGE_SIZE as PAGE, readFeedBacklog } from './lib/read-feed-backlog.js';
import {
  isRevocationStream,
  type RevocationEntry,
  type RevocationStore,
  type RevocationStream,
} from '../store/revocation-store.js';

/**
 * Called with entries as they arrive, in order, each entry once.
 *
 * @example
 * const listener: RevocationListener = (entries) => {
 *   for (const entry of entries) if (readFeedEntry(entry).kind === 'session-revoked') revokedCount += 1;
 * };
 * const unsubscribe = deps.revocationFeed.subscribe(listener);
 */
export type RevocationListener = (entries: readonly RevocationEntry[]) => void;

export type { FeedStateListener } from './lib/feed-health.js';

/** How long one blocking read waits before it asks again (and proves the connection alive). */
const FOLLOW_BLOCK_MS = 5000;
/** A read that failed is retried after this long (doubling up to the maximum). */
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 2000;

/**
 * The revocation feed: every revocation is appended to a durable, cursor-ordered log (the store),
 * and delivered to listeners once. Followers in other processes resume from a cursor, so a
 * disconnect never leaves a gap. An entry is kept until no access token of its session can still be
 * valid: the longest access-token lifetime plus the clock leeway.
 *
 * With a store shared between instances (a `RevocationStream`, e.g. Redis Streams), `start()`
 * follows the log, so a revocation made on any instance reaches this one within one read; its own
 * appends are delivered at once and not again. With a store that cannot push (SQLite, PostgreSQL
 * without Redis), `start()` polls the log every `pollIntervalSeconds` when that option is set, so a
 * revocation written by another process on the same database (the CLI) still arrives; without it,
 * appends are delivered directly and nothing is followed (one process, e.g. the memory store).
 *
 * @example
 * const stop = deps.revocationFeed.subscribe((entries) => console.log(entries.length));
 */
export class RevocationFeed {
  readonly #store: RevocationStore & Partial<RevocationStream>;
  readonly #retentionSeconds: number;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #listeners = new Set<RevocationListener>();
  readonly #window = new DeliveryWindow();
  readonly #health: FeedHealth;
  #stopped = false;
  #following: Promise<void> | null = null;
  #wakeRetry: (() => void) | null = null;
  readonly #pollIntervalSeconds: number | null;
  readonly #sessionLifetimeSeconds: number;

  /**
   * `options.sessionLifetimeSeconds` is the longest a session can still live after any instant (the
   * idle timeout, capped by the absolute one); `publishUndeleted` keeps its entries that long.
   * Default: `retentionSeconds`.
   */
  constructor(
    store: RevocationStore & Partial<RevocationStream>,
    retentionSeconds: number,
    options: {
      clock: Clock;
      logger?: Logger;
      pollIntervalSeconds?: number | null;
      sessionLifetimeSeconds?: number;
    },
  ) {
    if (!Number.isSafeInteger(retentionSeconds) || retentionSeconds <= 0) {
      throw new TypeError('retentionSeconds must be a positive integer');
    }
    const lifetime = options.sessionLifetimeSeconds ?? retentionSeconds;
    if (!Number.isSafeInteger(lifetime) || lifetime <= 0) {
      throw new TypeError('sessionLifetimeSeconds must be a positive integer');
    }
    this.#sessionLifetimeSeconds = Math.max(lifetime, retentionSeconds);
    const poll = options.pollIntervalSeconds ?? null;
    if (poll !== null && !(Number.isFinite(poll) && poll > 0 && poll <= 60)) {
      throw new TypeError('pollIntervalSeconds must be more than 0 and at most 60');
    }
    this.#pollIntervalSeconds = poll;
    this.#store = store;
    this.#retentionSeconds = retentionSeconds;
    this.#clock = options.clock;
    this.#logger = options.logger ?? silentLogger;
    this.#health = new FeedHealth(this.#clock, this.#logger);
  }

  /** True when revocations are pushed between instances (the store is a `RevocationStream`). */
  get shared(): boolean {
    return isRevocationStream(this.#store);
  }

  /** False while the shared log cannot be followed. */
  get healthy(): boolean {
    return this.#health.healthy;
  }

  /**
   * Appends revocations of these sessions and delivers them to local listeners at once.
   *
   * @example
   * await feed.publish([session.id], clock.now());
   */
  publish(sessionIds: readonly string[], revokedAt: Date): Promise<RevocationEntry[]> {
    return this.#append(sessionIds, revokedAt, this.#retentionSeconds);
  }

  /**
   * Publishes again revocations whose sessions the store failed to delete, kept for as long as such
   * a session could still live (`sessionLifetimeSeconds`) instead of the access-token retention: the
   * announcement is final, and every instance keeps refusing the session the store still holds.
   *
   * @example
   * await feed.publishUndeleted([session.id], revokedAt);
   */
  publishUndeleted(sessionIds: readonly string[], revokedAt: Date): Promise<RevocationEntry[]> {
    return this.#append(sessionIds, revokedAt, this.#sessionLifetimeSeconds);
  }

  /**
   * Tells every instance that these sessions changed without ending (a rotated secret): caches drop
   * them, nothing is revoked (a `session-changed` entry, see `FeedEntry`).
   *
   * @example
   * await feed.publishSessionsChanged([session.id], clock.now());
   */
  publishSessionsChanged(sessionIds: readonly string[], changedAt: Date): Promise<RevocationEntry[]> {
    const keys = sessionIds.map((sessionId) => formatFeedEntryKey({ kind: 'session-changed', sessionId }));
    return this.#append(keys, changedAt, this.#retentionSeconds);
  }

  /**
   * Tells every instance that these users changed (roles, disabled, enabled): caches drop them at
   * once instead of trusting them until their cache lifetime ends (a `user-changed` entry).
   *
   * @example
   * await feed.publishUsersChanged([user.id], clock.now());
   */
  publishUsersChanged(userIds: readonly string[], changedAt: Date): Promise<RevocationEntry[]> {
    const keys = userIds.map((userId) => formatFeedEntryKey({ kind: 'user-changed', userId }));
    return this.#append(keys, changedAt, this.#retentionSeconds);
  }

  /** Appends one entry per key (see `FeedEntry`), kept `lifetimeSeconds`, and delivers them here. */
  async #append(keys: readonly string[], at: Date, lifetimeSeconds: number): Promise<RevocationEntry[]> {
    if (keys.length === 0) return [];
    const expiresAt = addSeconds(at, lifetimeSeconds);
    const entries = await this.#store.appendRevocations(
      keys.map((sessionId) => ({ sessionId, revokedAt: at, expiresAt })),
    );
    // Delivered at once; the cursor is left alone (the log may hold earlier entries not yet read).
    this.#deliver(entries, false);
    return entries;
  }

  /** Entries after `cursor` (from the oldest still relevant when `null`). */
  list(afterCursor: string | null, now: Date, limit: number): Promise<RevocationEntry[]> {
    return this.#store.listRevocations(afterCursor, now, limit);
  }

  /**
   * Delivers every live entry of the log to the listeners (at start-up, so a restarted instance
   * knows every revocation that still matters), and remembers where following must continue.
   */
  loadBacklog(): Promise<number> {
    return readFeedBacklog(this.#store, this.#window, this.#clock, (page) => this.#deliver(page, true));
  }

  /**
   * Starts following the shared log, or polling the durable log when `pollIntervalSeconds` is set
   * (no-op otherwise).
   */
  start(): void {
    if (this.#following !== null) return;
    if (isRevocationStream(this.#store)) this.#following = this.#follow(this.#store);
    else if (this.#pollIntervalSeconds !== null) this.#following = this.#poll(this.#pollIntervalSeconds);
  }

  /** Stops following; resolves when the current read has returned. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeRetry?.();
    await this.#following;
  }

  /** Registers a listener for new entries; returns the function that removes it. */
  subscribe(listener: RevocationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Registers a listener for the feed's health; returns the function that removes it. */
  onStateChange(listener: FeedStateListener): () => void {
    return this.#health.onStateChange(listener);
  }

  async #follow(stream: RevocationStream): Promise<void> {
    let retryMs = RETRY_MIN_MS;
    while (!this.#stopped) {
      const startedAt = Date.now();
      // The log answered just before this read: if the read fails, the feed is lost since then, not
      // since the deadline gave up on it (a frozen Redis answers nothing for a whole block + deadline).
      const heardAt = this.#clock.now();
      try {
        const { cursor } = this.#window;
        const entries = await stream.readRevocations(cursor, this.#clock.now(), PAGE, FOLLOW_BLOCK_MS);
        this.#health.answered();
        retryMs = RETRY_MIN_MS;
        this.#deliver(entries, true);
        // A read that returns nothing at once (only expired entries ahead) must not spin.
        if (entries.length === 0 && Date.now() - startedAt < FOLLOW_BLOCK_MS / 10)
          await this.#sleep(RETRY_MIN_MS);
      } catch (error) {
        // Read through a method: stop() runs while the read is pending, which narrowing cannot see.
        if (this.#isStopped()) break;
        this.#health.failed(error, heardAt);
        await this.#sleep(retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    }
  }

  /**
   * Reads the log after the cursor at every interval. Entries this process appended come back too and
   * are not delivered twice (the delivery window). A failed read is retried at the next interval from
   * the same cursor, so an outage delays revocations made elsewhere but never loses one.
   */
  async #poll(intervalSeconds: number): Promise<void> {
    let failing = false;
    while (!this.#isStopped()) {
      await this.#sleep(intervalSeconds * 1000, true);
      if (this.#isStopped()) break;
      try {
        await readFeedBacklog(this.#store, this.#window, this.#clock, (page) => this.#deliver(page, true));
        if (failing) this.#logger.info('revocation log readable again');
        failing = false;
      } catch (error) {
        if (!failing) {
          this.#logger.warn('revocation log unreadable; retrying', {
            error: error instanceof Error ? error.name : typeof error,
          });
        }
        failing = true;
      }
    }
  }

  /** Delivers entries not delivered before; `fromLog` entries also move the follow cursor. */
  #deliver(entries: readonly RevocationEntry[], fromLog: boolean): void {
    const fresh = this.#window.admit(entries, fromLog);
    if (fresh.length === 0) return;
    for (const listener of this.#listeners) listener(fresh);
  }

  #isStopped(): boolean {
    return this.#stopped;
  }

  /** `unref`: a poll that is never stopped must not keep the process alive. */
  #sleep(ms: number, unref = false): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      if (unref) timer.unref();
      this.#wakeRetry = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
