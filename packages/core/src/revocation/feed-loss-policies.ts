import type { FeedLossPolicy } from '@tessera/verify';

/**
 * What this instance does with access tokens when it loses the shared revocation feed, for checking
 * a value that was not type-checked (environment, JavaScript).
 *
 * @example
 * feedLossPolicies.includes(process.env.TESSERA_REVOCATION_FEED_LOSS as FeedLossPolicy)
 */
export const feedLossPolicies: readonly FeedLossPolicy[] = ['fail-closed', 'accept-until-expiry'];
