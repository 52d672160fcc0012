import { RevocationFeedUnavailableError } from './access-token-error.js';
import type { RevocationChecker } from './revocation-checker.js';

/**
 * What a verifier does when it cannot hear the revocation feed (DESIGN §1):
 *
 * - `'fail-closed'`: after `maxFeedSilenceSeconds` without the feed, every token is refused with
 *   `RevocationFeedUnavailableError` (503). A revoked session can never pass for longer than that
 *   window, at the price of availability when the feed's server is down.
 * - `'accept-until-expiry'`: keep accepting tokens; the revocations already received still apply,
 *   but one made during the outage is only enforced by the token's own `exp` (15 minutes by
 *   default). Available, at the price of that exposure.
 *
 * @example
 * const policy: FeedLossPolicy = 'fail-closed';
 */
export type FeedLossPolicy = 'fail-closed' | 'accept-until-expiry';

/**
 * Options of {@link RevocationSet}.
 *
 * @example
 * new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 30 });
 */
export interface RevocationSetOptions {
  /** Default `'fail-closed'`. */
  readonly onFeedLoss?: FeedLossPolicy;
  /** How long the feed may be lost (or never heard) before fail-closed refuses tokens; default 30. */
  readonly maxFeedSilenceSeconds?: number;
  /** Where a never-connected feed starts counting as lost; default the construction time. */
  readonly createdAt?: Date;
}

/** Expired entries are swept at most this often (in the clock the caller passes), in O(entries). */
const PRUNE_INTERVAL_MS = 1000;

/**
 * The revoked sessions a verifier knows of, and whether it may trust that knowledge.
 *
 * Entries are added by {@link followRevocationFeed} (or by the auth server itself, in process) and
 * kept until their `expiresAt`, which the server sets past the last moment any access token of the
 * session can be valid. Expired entries are dropped lazily, so memory is bounded by the live ones.
 *
 * The feed-health policy is explicit ({@link FeedLossPolicy}): `assertUsable(now)` throws when the
 * policy is fail-closed and the feed has been lost, or never been healthy, for longer than
 * `maxFeedSilenceSeconds`. A set without a feed (the server's own process adding entries itself)
 * is made with {@link RevocationSet.local}, whose `assertUsable` never throws.
 *
 * @example
 * const revocations = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 30 });
 * followRevocationFeed({ url: 'https://auth.example.com/auth/revocations', revocations });
 * await verifyAccessToken(token, { keys, issuer, audience, revocations });
 */
export class RevocationSet implements RevocationChecker {
  readonly #expiresAtMs = new Map<string, number>();
  readonly #policy: FeedLossPolicy;
  readonly #maxSilenceMs: number;
  /** Since when the feed has been lost; `null` while it is healthy. */
  #lostSinceMs: number | null;
  #lastPruneMs = Number.NEGATIVE_INFINITY;

  constructor(options: RevocationSetOptions = {}) {
    const policy = options.onFeedLoss ?? 'fail-closed';
    if ((policy as string) !== 'fail-closed' && policy !== 'accept-until-expiry') {
      throw new TypeError('options.onFeedLoss must be "fail-closed" or "accept-until-expiry".');
    }
    const maxSilenceSeconds = options.maxFeedSilenceSeconds ?? 30;
    if (!Number.isFinite(maxSilenceSeconds) || maxSilenceSeconds < 0) {
      throw new TypeError('options.maxFeedSilenceSeconds must be a non-negative number of seconds.');
    }
    const createdAt = options.createdAt ?? new Date();
    this.#policy = policy;
    this.#maxSilenceMs = maxSilenceSeconds * 1000;
    this.#lostSinceMs = timeOf(createdAt, 'options.createdAt');
  }

  /**
   * A set for in-process use, with no feed: the process that revokes sessions adds them itself, so
   * there is nothing to lose and `assertUsable` never throws.
   *
   * @example
   * const revocations = RevocationSet.local();
   * revocations.add(session.id, expiresAt);
   */
  static local(): RevocationSet {
    return new RevocationSet({ onFeedLoss: 'accept-until-expiry' });
  }

  /** The policy this set applies when the feed is lost. */
  get onFeedLoss(): FeedLossPolicy {
    return this.#policy;
  }

  /** The number of entries held (expired ones included until the next sweep). */
  get size(): number {
    return this.#expiresAtMs.size;
  }

  /**
   * Records that a session is revoked until `expiresAt`. Adding it again keeps the later expiry.
   *
   * @example
   * revocations.add('s_3kX…', new Date('2025-06-01T12:15:00Z'));
   */
  add(sessionId: string, expiresAt: Date): void {
    if (typeof sessionId !== 'string' || sessionId === '')
      throw new TypeError('sessionId must be a non-empty string.');
    const expiresAtMs = timeOf(expiresAt, 'expiresAt');
    const known = this.#expiresAtMs.get(sessionId);
    if (known === undefined || known < expiresAtMs) this.#expiresAtMs.set(sessionId, expiresAtMs);
  }

  /**
   * Whether the session is revoked at `now`: true until its entry's `expiresAt`.
   *
   * @example
   * if (revocations.isRevoked(claims.sid, new Date())) throw new SessionRevokedError();
   */
  isRevoked(sessionId: string, now: Date): boolean {
    const nowMs = timeOf(now, 'now');
    this.#pruneEvery(nowMs);
    const expiresAtMs = this.#expiresAtMs.get(sessionId);
    if (expiresAtMs === undefined) return false;
    if (expiresAtMs > nowMs) return true;
    this.#expiresAtMs.delete(sessionId);
    return false;
  }

  /**
   * Drops every entry expired at `now`; `isRevoked` and the feed marks do it at most once a second.
   *
   * @example
   * revocations.prune(new Date());
   */
  prune(now: Date): void {
    const nowMs = timeOf(now, 'now');
    this.#lastPruneMs = nowMs;
    for (const [sessionId, expiresAtMs] of this.#expiresAtMs) {
      if (expiresAtMs <= nowMs) this.#expiresAtMs.delete(sessionId);
    }
  }

  /**
   * The feed delivered something (an event, a heartbeat, any byte): it is healthy at `now`.
   *
   * @example
   * revocations.markFeedHealthy(new Date());
   */
  markFeedHealthy(now: Date): void {
    const nowMs = timeOf(now, 'now');
    this.#lostSinceMs = null;
    this.#pruneEvery(nowMs);
  }

  /**
   * The feed disconnected or answered with an error at `now`. Marking it lost again while it is
   * still lost keeps the first instant: the window counts from the start of the outage.
   *
   * @example
   * revocations.markFeedLost(new Date());
   */
  markFeedLost(now: Date): void {
    const nowMs = timeOf(now, 'now');
    this.#lostSinceMs ??= nowMs;
    this.#pruneEvery(nowMs);
  }

  /**
   * Throws `RevocationFeedUnavailableError` when the policy is fail-closed and the feed has been
   * lost (or never healthy) for longer than `maxFeedSilenceSeconds` at `now`.
   *
   * @example
   * revocations.assertUsable(new Date()); // before trusting isRevoked
   */
  assertUsable(now: Date): void {
    if (this.#policy === 'accept-until-expiry' || this.#lostSinceMs === null) return;
    if (timeOf(now, 'now') - this.#lostSinceMs > this.#maxSilenceMs) {
      throw new RevocationFeedUnavailableError(
        'The revocation feed has been unavailable for longer than the fail-closed policy allows.',
      );
    }
  }

  #pruneEvery(nowMs: number): void {
    if (nowMs - this.#lastPruneMs >= PRUNE_INTERVAL_MS || nowMs < this.#lastPruneMs)
      this.prune(new Date(nowMs));
  }
}

function timeOf(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${name} must be a valid Date.`);
  return ms;
}
