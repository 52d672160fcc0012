import { RevocationSet } from './revocation-set.js';
import { EventStreamParser } from './lib/event-stream-parser.js';
import { isPlainObject } from './lib/is-plain-object.js';

/** An event or line larger than this is not from our server: the connection is dropped. */
const MAX_PENDING_CHARS = 1_048_576;

/** Request headers the follower sets itself. */
const PROTOCOL_HEADERS = new Set(['accept', 'cache-control', 'last-event-id']);

/** How long to wait for the response headers of a (re)connection before giving up on it. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The server's ping interval (`HEARTBEAT_MS` of the auth server's feed). */
const DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 15;

/**
 * A stream silent for this many heartbeat intervals is dead: one late ping is tolerated (a busy
 * event loop, a slow proxy), a second missing one is not.
 */
const SILENT_INTERVALS = 2.5;

/** The longest delay a timer takes (2^31 - 1 ms); a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Options of {@link followRevocationFeed}.
 *
 * @example
 * const options: FollowRevocationFeedOptions = {
 *   url: 'https://auth.example.com/auth/revocations',
 *   revocations,
 *   headers: { authorization: `Bearer ${process.env.FEED_TOKEN}` },
 * };
 */
export interface FollowRevocationFeedOptions {
  /** The feed: `GET /auth/revocations` on the auth server. */
  readonly url: string | URL;
  /** Where revocations go, and whose feed health is reported. */
  readonly revocations: RevocationSet;
  /** The fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
  /** Wait between a disconnect and the next attempt; default 1000. */
  readonly reconnectDelayMs?: number;
  /**
   * How often the server sends its `: ping` (the auth server: every 15 s, the default). A stream
   * that stays silent for 2.5 intervals is treated as lost (a frozen server, a half-open connection):
   * the feed is marked lost as of the last byte heard, and the follower reconnects with its cursor.
   */
  readonly heartbeatIntervalSeconds?: number;
  /** Extra request headers (authentication, say). `Accept` and `Last-Event-ID` are ours. */
  readonly headers?: Record<string, string>;
  /** Aborting it is the same as `close()`. */
  readonly signal?: AbortSignal;
  /** The clock passed to the set's health marks; default `() => new Date()`. */
  readonly now?: () => Date;
}

/**
 * A running follower: `close()` stops it for good; `cursor` is the id of the last event applied
 * (what a reconnection resumes from); `connected` is whether a stream is open now.
 *
 * @example
 * const feed: RevocationFeedFollower = followRevocationFeed({ url, revocations });
 * process.on('SIGTERM', () => feed.close());
 */
export interface RevocationFeedFollower {
  close(): void;
  readonly cursor: string | null;
  readonly connected: boolean;
}

/**
 * Follows the auth server's revocation feed over Server-Sent Events (WHATWG HTML §9.2) and keeps
 * a {@link RevocationSet} current.
 *
 * Protocol: `GET url` with `Accept: text/event-stream` and, when resuming, `Last-Event-ID:
 * <cursor>`. Each `event: revocation` with `id: <cursor>` and `data: {"sessionId", "revokedAt",
 * "expiresAt"}` (ISO 8601 times) is added to the set; `: ping` comments are heartbeats. Without a
 * `Last-Event-ID` the server replays every revocation still in force, so a new verifier starts
 * complete. Every byte received marks the feed healthy; a disconnect, a network error, a status
 * other than 200 or a stream silent for 2.5 heartbeat intervals marks it lost and reconnects after
 * `reconnectDelayMs` with the last cursor, so nothing is missed (gap-free resume). A connection that
 * goes quiet without closing (a frozen server, a middlebox dropping packets) is thus lost as surely
 * as one that ends. The cursor advances only after an event has been applied.
 *
 * An event that is not a well-formed revocation is skipped (its id still advances the cursor, as
 * EventSource would: retrying could not make it well-formed). The server's `retry:` field is
 * ignored: the delay is the caller's. Bad options throw `TypeError`.
 *
 * @example
 * const revocations = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 30 });
 * const feed = followRevocationFeed({ url: 'https://auth.example.com/auth/revocations', revocations });
 * // …later
 * feed.close();
 */
export function followRevocationFeed(options: FollowRevocationFeedOptions): RevocationFeedFollower {
  const { url, revocations, headers = {}, signal } = options;
  let feedUrl: URL;
  try {
    feedUrl = new URL(url);
  } catch {
    throw new TypeError('options.url is not a valid URL.');
  }
  if (!((revocations as unknown) instanceof RevocationSet)) {
    throw new TypeError('options.revocations must be a RevocationSet.');
  }
  const fetchFeed = options.fetch ?? globalThis.fetch;
  if (typeof fetchFeed !== 'function') throw new TypeError('options.fetch must be a function.');
  const reconnectDelayMs = options.reconnectDelayMs ?? 1000;
  if (!Number.isSafeInteger(reconnectDelayMs) || reconnectDelayMs < 0) {
    throw new TypeError('options.reconnectDelayMs must be a non-negative integer of milliseconds.');
  }
  const heartbeatIntervalSeconds = options.heartbeatIntervalSeconds ?? DEFAULT_HEARTBEAT_INTERVAL_SECONDS;
  const silenceTimeoutMs = Math.ceil(heartbeatIntervalSeconds * SILENT_INTERVALS * 1000);
  if (
    typeof heartbeatIntervalSeconds !== 'number' ||
    !(heartbeatIntervalSeconds > 0) ||
    !(silenceTimeoutMs <= MAX_TIMER_MS)
  ) {
    throw new TypeError('options.heartbeatIntervalSeconds must be a positive number of seconds.');
  }
  const now = options.now ?? (() => new Date());
  if (typeof now !== 'function') throw new TypeError('options.now must be a function returning a Date.');
  if (!isPlainObject(headers) || Object.values(headers).some((value) => typeof value !== 'string')) {
    throw new TypeError('options.headers must be a record of strings.');
  }

  // The protocol headers are ours, whatever their spelling in the caller's record.
  const callerHeaders = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !PROTOCOL_HEADERS.has(name.toLowerCase())),
  );
  const stop = new AbortController();
  let cursor: string | null = null;
  let connected = false;

  const close = (): void => {
    if (stop.signal.aborted) return;
    stop.abort();
    if (connected) revocations.markFeedLost(now());
    connected = false;
  };
  if (signal?.aborted === true) close();
  signal?.addEventListener('abort', close, { once: true });

  async function connectOnce(): Promise<void> {
    const attempt = new AbortController();
    const abortAttempt = (): void => attempt.abort();
    stop.signal.addEventListener('abort', abortAttempt, { once: true });
    const connectTimer = setTimeout(abortAttempt, CONNECT_TIMEOUT_MS);
    try {
      const response = await fetchFeed(feedUrl, {
        headers: {
          ...callerHeaders,
          accept: 'text/event-stream',
          'cache-control': 'no-cache',
          ...(cursor === null ? {} : { 'last-event-id': cursor }),
        },
        signal: attempt.signal,
      });
      clearTimeout(connectTimer);
      // HTML §9.2.3: anything but a 200 text/event-stream is a failed connection.
      const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (response.status !== 200 || mediaType !== 'text/event-stream' || response.body === null) {
        await response.body?.cancel();
        return;
      }
      connected = true;
      // Silence past the timeout is a lost feed, as of the last byte heard; the abort ends the read.
      let heardAt = now();
      let silenceTimer: ReturnType<typeof setTimeout> | undefined;
      const heard = (): void => {
        heardAt = now();
        revocations.markFeedHealthy(heardAt);
        clearTimeout(silenceTimer);
        silenceTimer = setTimeout(() => {
          revocations.markFeedLost(heardAt);
          abortAttempt();
        }, silenceTimeoutMs);
      };
      heard();
      try {
        await readStream(response.body, heard);
      } finally {
        clearTimeout(silenceTimer);
      }
    } finally {
      clearTimeout(connectTimer);
      stop.signal.removeEventListener('abort', abortAttempt);
      connected = false;
    }
  }

  async function readStream(body: ReadableStream<Uint8Array>, heard: () => void): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const parser = new EventStreamParser(cursor ?? '');
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (stop.signal.aborted) return;
        heard();
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.type === 'revocation') applyRevocation(revocations, event.data);
          cursor = event.lastEventId === '' ? null : event.lastEventId;
        }
        // An id-only block moves the cursor too (HTML §9.2.6, dispatch step 1).
        cursor = parser.lastEventId === '' ? null : parser.lastEventId;
        if (parser.pendingLength > MAX_PENDING_CHARS) return;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }

  // A function, not a property read: the signal flips while this loop awaits.
  const isStopped = (): boolean => stop.signal.aborted;

  async function run(): Promise<void> {
    while (!stop.signal.aborted) {
      try {
        await connectOnce();
      } catch {
        // A refused connection, a reset or our own abort: all mean "not connected now".
      }
      if (isStopped()) return;
      revocations.markFeedLost(now());
      await delay(reconnectDelayMs, stop.signal);
    }
  }

  void run();

  return {
    close,
    get cursor() {
      return cursor;
    },
    get connected() {
      return connected;
    },
  };
}

/** Adds one revocation event's data to the set; ignores data that is not a revocation. */
function applyRevocation(revocations: RevocationSet, data: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return;
  }
  if (!isPlainObject(parsed)) return;
  const { sessionId, revokedAt, expiresAt } = parsed;
  if (typeof sessionId !== 'string' || sessionId === '') return;
  if (typeof revokedAt !== 'string' || !Number.isFinite(Date.parse(revokedAt))) return;
  if (typeof expiresAt !== 'string') return;
  const expires = new Date(expiresAt);
  if (!Number.isFinite(expires.getTime())) return;
  revocations.add(sessionId, expires);
}

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
