import { throttleScopeOfIp } from '../client-ip/throttle-scope-of-ip.js';
import { RateLimitedError } from '../errors.js';
import { takeCounterSlot } from '../lib/take-counter-slot.js';
import type { CounterStore } from '../store/counter-store.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Counts a registration attempt against the client IP's hourly allowance (DESIGN §3.2) and throws
 * `RateLimitedError` (scope `registration`) once it is used up. Every attempt counts, a taken email
 * or a refused password included: a 409 `email_taken` tells whether an account exists, so the
 * attempts an enumerator makes are exactly the ones to limit
 * (docs/decisions/0020-register-throttle.md). A refused attempt does not count. IPv6 clients
 * are counted by their /64 (`throttleScopeOfIp`).
 *
 * @example
 * await reserveRegistration(deps, origin.ip);
 */
export async function reserveRegistration(
  deps: Pick<TesseraDeps, 'clock' | 'throttle' | 'observer'> & { store: CounterStore },
  ip: string,
): Promise<void> {
  const { maxRegistrationsPerIp, registrationWindowSeconds } = deps.throttle;
  const retryAfterSeconds = await takeCounterSlot(
    deps.store,
    `register-ip:{${throttleScopeOfIp(ip)}}`,
    maxRegistrationsPerIp,
    registrationWindowSeconds,
    deps.clock.now(),
  );
  if (retryAfterSeconds === null) return;
  deps.observer.rateLimited('registration');
  throw new RateLimitedError(retryAfterSeconds, 'registration');
}
