import { readFeedEntry, type RevocationFeed } from '../revocation/index.js';
import type { Clock } from '../clock.js';
import type { RevocationEntry } from '../store.js';

/** A comment line every so often keeps proxies from closing an idle stream and tells followers we are alive. */
const HEARTBEAT_MS = 15_000;
const PAGE = 1000;

/**
 * The revocation feed as Server-Sent Events (WHATWG HTML §9.2): first every entry after `afterCursor`
 * (all live ones when `null`), then new ones as they are published, each as
 * `id: <cursor>` / `event: revocation` / `data: {"sessionId","revokedAt","expiresAt"}`.
 * A follower that reconnects with `Last-Event-ID` resumes without a gap: it subscribes before
 * reading the backlog and skips what the backlog already sent.
 *
 * @example
 * response.stream = streamRevocations(feed, clock, lastEventId, request.signal);
 */
export async function* streamRevocations(
  feed: RevocationFeed,
  clock: Clock,
  afterCursor: string | null,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const pending: RevocationEntry[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = feed.subscribe((entries) => {
    pending.push(...entries);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  try {
    yield `retry: 1000\n: connected\n\n`;
    const sent = new Set<string>();
    let cursor = afterCursor;
    for (;;) {
      const page = await feed.list(cursor, clock.now(), PAGE);
      for (const entry of page) {
        sent.add(entry.cursor);
        yield formatEvent(entry);
      }
      if (page.length < PAGE) break;
      cursor = page[page.length - 1]?.cursor ?? cursor;
    }
    while (!signal.aborted) {
      const batch = pending.splice(0).filter((entry) => !sent.has(entry.cursor));
      sent.clear();
      for (const entry of batch) yield formatEvent(entry);
      if (pending.length > 0) continue;
      const heartbeat = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), HEARTBEAT_MS);
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      wake = null;
      // Read through a call: the abort happens while we wait, which narrowing cannot see.
      if (heartbeat && !isAborted(signal)) yield ': ping\n\n';
    }
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', onAbort);
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

function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
