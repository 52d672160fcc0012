// `@tessera/core/revocation`: the revocation feed every instance follows.
export { readFeedEntry, type FeedEntry } from './feed-entry.js';
export { feedLossPolicies } from './feed-loss-policies.js';
export { RevocationFeed, type FeedStateListener, type RevocationListener } from './revocation-feed.js';
