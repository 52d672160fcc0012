export * from './revocation-feed.js';
export * from './feed-entry.js';
