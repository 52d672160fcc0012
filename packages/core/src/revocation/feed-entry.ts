import type { RevocationEntry } from '../store/revocation-store.js';

/**
 * What one entry of the revocation log says. The log's `sessionId` column holds a key: a bare
 * session id is a revocation (the only kind there was, so logs written before keep their meaning);
 * a `<kind>:<id>` key is an invalidation that revokes nothing. Session and user ids are base64url
 * and never contain `:`, so no key is ambiguous, and a follower that predates a kind at worst adds
 * a key no token carries to its revocation set.
 *
 * - `session-revoked`: the session is dead; its tokens are refused until the entry expires.
 * - `session-changed`: the session lives on (its secret was rotated): caches must re-read it.
 * - `user-changed`: the user's roles or status changed: caches must re-read the user.
 * - `unknown`: a kind added after this version; ignored.
 *
 * @example
 * const entry: FeedEntry = { kind: 'user-changed', userId: user.id };
 */
export type FeedEntry =
  | { readonly kind: 'session-revoked'; readonly sessionId: string }
  | { readonly kind: 'session-changed'; readonly sessionId: string }
  | { readonly kind: 'user-changed'; readonly userId: string }
  | { readonly kind: 'unknown' };

const SESSION_CHANGED = 'session-changed:';
const USER_CHANGED = 'user-changed:';

/**
 * Reads what a log entry says (see {@link FeedEntry}).
 *
 * @example
 * const entry = readFeedEntry(logEntry);
 * if (entry.kind === 'user-changed') sessionCache.invalidateUser(entry.userId);
 */
export function readFeedEntry(entry: Pick<RevocationEntry, 'sessionId'>): FeedEntry {
  const key = entry.sessionId;
  if (!key.includes(':')) return { kind: 'session-revoked', sessionId: key };
  if (key.startsWith(SESSION_CHANGED))
    return { kind: 'session-changed', sessionId: key.slice(SESSION_CHANGED.length) };
  if (key.startsWith(USER_CHANGED)) return { kind: 'user-changed', userId: key.slice(USER_CHANGED.length) };
  return { kind: 'unknown' };
}

/**
 * The log key of an entry: the inverse of {@link readFeedEntry}.
 *
 * @example
 * formatFeedEntryKey({ kind: 'user-changed', userId: 'u1' }); // 'user-changed:u1'
 */
export function formatFeedEntryKey(entry: Exclude<FeedEntry, { kind: 'unknown' }>): string {
  switch (entry.kind) {
    case 'session-revoked':
      return entry.sessionId;
    case 'session-changed':
      return `${SESSION_CHANGED}${entry.sessionId}`;
    case 'user-changed':
      return `${USER_CHANGED}${entry.userId}`;
  }
}
