export * from './revocation-feed.js';
