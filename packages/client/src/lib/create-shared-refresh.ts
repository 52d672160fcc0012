import type { LockManagerLike } from '../lock-manager-like.js';
import type { RefreshOutcome } from './post-refresh.js';

/**
 * How long the refreshing tab keeps the lock after broadcasting its outcome. The lock grant and the
 * message reach a waiting tab by separate paths; holding on a moment lets the message win, so the
 * waiting tab retries instead of refreshing a second time. If it still loses (a frozen background
 * tab), that tab makes one more refresh with the new, valid cookie: wasteful, never wrong.
 */
const LINGER_MS = 100;

/** What tabs tell each other, on the channel. `failed` stays local: each tab may try again. */
type Announcement = { readonly type: 'refreshed' | 'signed-out' };

/** One refresh at a time per browser, and a way to know whether one happened since a request left. */
export interface SharedRefresh {
  /** Take before sending a request: a count of the refreshes settled so far, in any tab. */
  mark(): number;
  /** The outcome of a refresh settled after `mark` (in any tab), or else of one refresh shared by all callers. */
  after(mark: number): Promise<RefreshOutcome>;
  /** Stops listening to the other tabs. */
  close(): void;
}

/** Options of {@link createSharedRefresh}. */
export interface SharedRefreshOptions {
  readonly refresh: () => Promise<RefreshOutcome>;
  readonly locks: LockManagerLike | null;
  readonly lockName: string;
  readonly channelName: string;
  readonly onSignedOut: (() => void) | undefined;
}

/**
 * Single-flight refresh in three rings: calls in this tab share one promise; tabs take turns
 * through the lock (so two tabs never present the same refresh cookie at once); the channel tells
 * a tab waiting in line that the one ahead refreshed, so it just retries.
 */
export function createSharedRefresh(options: SharedRefreshOptions): SharedRefresh {
  const { refresh, locks, lockName, onSignedOut } = options;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(options.channelName) : null;
  let settled = 0;
  let lastOutcome: RefreshOutcome = 'failed';
  let inFlight: Promise<RefreshOutcome> | null = null;
  let settleInFlight: ((outcome: RefreshOutcome) => void) | null = null;

  function record(outcome: RefreshOutcome): void {
    settled += 1;
    lastOutcome = outcome;
    const settle = settleInFlight;
    inFlight = settleInFlight = null;
    settle?.(outcome);
    if (outcome === 'signed-out') onSignedOut?.();
  }

  if (channel !== null) {
    channel.onmessage = (event) => {
      const data: unknown = event.data;
      const type = typeof data === 'object' && data !== null && 'type' in data ? data.type : null;
      if (type === 'refreshed' || type === 'signed-out') record(type);
    };
  }

  async function refreshUnlessAnnounced(mark: number): Promise<void> {
    if (settled !== mark) return; // the tab ahead of us in line announced its outcome: ours too
    const outcome = await refresh();
    if (outcome !== 'failed') channel?.postMessage({ type: outcome } satisfies Announcement);
    record(outcome);
    if (locks !== null && channel !== null) await new Promise((resolve) => setTimeout(resolve, LINGER_MS));
  }

  return {
    mark: () => settled,
    after(mark) {
      if (settled !== mark) return Promise.resolve(lastOutcome);
      inFlight ??= new Promise<RefreshOutcome>((resolve) => {
        settleInFlight = resolve;
        const run = () => refreshUnlessAnnounced(mark);
        (locks === null ? run() : locks.request(lockName, run)).catch(() => {
          if (settled === mark) record('failed');
        });
      });
      return inFlight;
    },
    close: () => channel?.close(),
  };
}
