import { readFeedEntry } from '../revocation/feed-entry.js';
import type { RevocationFeed } from '../revocation/revocation-feed.js';
import type { Clock } from '../clock.js';
import {
  checkSetting,
  DEFAULT_MAX_PENDING_REVOCATION_EVENTS,
  DEFAULT_MAX_REVOCATION_SUBSCRIBERS,
} from '../defaults.js';
import { InvalidRequestError, RevocationFeedBusyError } from '../errors.js';
import type { RevocationEntry } from '../store.js';

/** A comment line every so often keeps proxies from closing an idle stream and tells followers we are alive. */
const HEARTBEAT_MS = 15_000;
const PAGE = 1000;
/** What a follower turned away is told to wait: long enough for a slot to free, short enough to catch up. */
const BUSY_RETRY_AFTER_SECONDS = 10;

/**
 * Bounds of the revocation feed's event streams in one process (DESIGN §3.2).
 *
 * @example
 * const revocationStreams: RevocationStreamLimits = { maxSubscribers: 200, maxPendingEvents: 5000 };
 * const handle = createAuthHandler({ ...options, revocationStreams });
 */
export interface RevocationStreamLimits {
  /** Streams open at once; one more is refused 503 `revocation_feed_busy`. Default 1,000. */
  maxSubscribers?: number;
  /**
   * Revocations waiting for one subscriber that stopped reading; one more and its stream is dropped
   * (the follower reconnects and resumes from its cursor). Default 1,000.
   */
  maxPendingEvents?: number;
}

/** One opened event stream, ready to be written after a 200. */
export interface OpenedRevocationStream {
  /** The Server-Sent Events, chunk by chunk. */
  stream: AsyncIterable<string>;
  /** Aborted when the subscriber fell too far behind: the adapter closes the connection at once. */
  dropped: AbortSignal;
  /** Ends the subscription without streaming (the answer to a HEAD). */
  close(): void;
}

/** Opens revocation event streams within the process's bounds. */
export interface RevocationStreams {
  /**
   * Subscribes and reads the first page of the backlog before anything is answered, so a
   * `Last-Event-ID` the store never issued is a 400 `invalid_request`, a failing store a 503, a
   * full house a 503 `revocation_feed_busy`, all before any header goes out.
   */
  open(afterCursor: string | null, signal: AbortSignal): Promise<OpenedRevocationStream>;
  /** Streams open now. */
  readonly subscribers: number;
}

/**
 * The revocation feed as Server-Sent Events (WHATWG HTML §9.2): first every entry after `afterCursor`
 * (all live ones when `null`), then new ones as they are published, each as
 * `id: <cursor>` / `event: revocation` / `data: {"sessionId","revokedAt","expiresAt"}`.
 * A follower that reconnects with `Last-Event-ID` resumes without a gap: it subscribes before
 * reading the backlog and skips what the backlog already sent. Subscribers and the revocations
 * waiting for each are bounded, so the public feed cannot grow the process.
 *
 * @example
 * const streams = createRevocationStreams(feed, clock, { maxSubscribers: 1000 });
 * const { stream, dropped } = await streams.open(lastEventId, request.signal);
 */
export function createRevocationStreams(
  feed: RevocationFeed,
  clock: Clock,
  limits: RevocationStreamLimits = {},
): RevocationStreams {
  const maxSubscribers = checkSetting(
    'maxSubscribers',
    limits.maxSubscribers ?? DEFAULT_MAX_REVOCATION_SUBSCRIBERS,
  );
  const maxPending = checkSetting(
    'maxPendingEvents',
    limits.maxPendingEvents ?? DEFAULT_MAX_PENDING_REVOCATION_EVENTS,
  );
  let subscribers = 0;

  async function open(afterCursor: string | null, signal: AbortSignal): Promise<OpenedRevocationStream> {
    if (subscribers >= maxSubscribers) throw new RevocationFeedBusyError(BUSY_RETRY_AFTER_SECONDS);
    subscribers += 1;
    const dropper = new AbortController();
    const subscription: Subscription = { pending: [], wake: null, dropped: dropper.signal };
    let released = false;
    // Released once, whichever comes first: the stream ends, the client leaves (a stream the
    // adapter never started has no `finally` to run), the reader is dropped, or opening fails.
    const release = () => {
      if (released) return;
      released = true;
      subscribers -= 1;
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      release();
      subscription.wake?.();
    };
    const unsubscribe = feed.subscribe((entries) => {
      if (subscription.pending.length + entries.length > maxPending) {
        // A subscriber this far behind has stopped reading: holding more for it grows without end.
        release();
        dropper.abort();
      } else {
        subscription.pending.push(...entries);
      }
      subscription.wake?.();
    });
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) onAbort();
    try {
      const firstPage = await readFirstPage(feed, afterCursor, clock.now());
      return {
        stream: streamRevocations(feed, clock, firstPage, afterCursor, subscription, signal, release),
        dropped: dropper.signal,
        close: release,
      };
    } catch (error) {
      release();
      throw error;
    }
  }

  return {
    open,
    get subscribers() {
      return subscribers;
    },
  };
}

interface Subscription {
  pending: RevocationEntry[];
  wake: (() => void) | null;
  dropped: AbortSignal;
}

/**
 * The first page after `afterCursor`. Stores refuse a cursor that is not of their form with a
 * `TypeError` (the `RevocationStore` contract): for a header from the network that is the client's
 * mistake, not ours.
 */
async function readFirstPage(
  feed: RevocationFeed,
  afterCursor: string | null,
  now: Date,
): Promise<RevocationEntry[]> {
  try {
    return await feed.list(afterCursor, now, PAGE);
  } catch (error) {
    if (error instanceof TypeError && afterCursor !== null) {
      throw new InvalidRequestError('Last-Event-ID is not a cursor this server issued.');
    }
    throw error;
  }
}

async function* streamRevocations(
  feed: RevocationFeed,
  clock: Clock,
  firstPage: RevocationEntry[],
  afterCursor: string | null,
  subscription: Subscription,
  signal: AbortSignal,
  release: () => void,
): AsyncGenerator<string> {
  const { pending } = subscription;
  const ended = () => signal.aborted || subscription.dropped.aborted;
  try {
    yield `retry: 1000\n: connected\n\n`;
    const sent = new Set<string>();
    let page = firstPage;
    let cursor = afterCursor;
    for (;;) {
      for (const entry of page) {
        sent.add(entry.cursor);
        yield formatEvent(entry);
      }
      if (page.length < PAGE) break;
      cursor = page[page.length - 1]?.cursor ?? cursor;
      page = await feed.list(cursor, clock.now(), PAGE);
    }
    while (!ended()) {
      const batch = pending.splice(0).filter((entry) => !sent.has(entry.cursor));
      sent.clear();
      for (const entry of batch) yield formatEvent(entry);
      if (pending.length > 0) continue;
      const heartbeat = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), HEARTBEAT_MS);
        subscription.wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      subscription.wake = null;
      if (heartbeat && !ended()) yield ': ping\n\n';
    }
  } finally {
    release();
  }
}

function formatEvent(entry: RevocationEntry): string {
  const said = readFeedEntry(entry);
  // Cache invalidations (changed sessions and users) are the instances' business, not the public's:
  // an id-only block moves a follower's cursor past them (HTML §9.2.6) and says nothing else.
  if (said.kind !== 'session-revoked') return `id: ${entry.cursor}\n\n`;
  const data = JSON.stringify({
    sessionId: said.sessionId,
    revokedAt: entry.revokedAt.toISOString(),
    expiresAt: entry.expiresAt.toISOString(),
  });
  return `id: ${entry.cursor}\nevent: revocation\ndata: ${data}\n\n`;
}
