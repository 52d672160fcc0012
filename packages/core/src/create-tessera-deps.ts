import type { LoginThrottlePolicy, TesseraDeps } from './account/index.js';
import { systemClock, type Clock } from './clock.js';
import { KeyedLock } from './lib/keyed-lock.js';
import { createPasswordHasher, type PasswordHasher } from './password/index.js';
import { cryptoRandomBytes, type RandomBytes } from './random.js';
import { resolveSessionPolicy, type SessionPolicy } from './session/index.js';
import type { TesseraStore } from './store.js';

/** Options of `createTesseraDeps`; only the store is required. */
export interface TesseraDepsOptions {
  store: TesseraStore;
  clock?: Clock;
  randomBytes?: RandomBytes;
  passwordHasher?: PasswordHasher;
  session?: Partial<SessionPolicy>;
  throttle?: Partial<LoginThrottlePolicy>;
}

/**
 * Wires the engine's dependencies with secure defaults (DESIGN §3, §4) and validates the policy:
 * a bad value throws `TypeError` here, at start-up, not on the first request.
 *
 * @example
 * const deps = createTesseraDeps({ store: openSqliteStore({ path: '.tessera/tessera.db' }) });
 */
export function createTesseraDeps(options: TesseraDepsOptions): TesseraDeps {
  const throttle: LoginThrottlePolicy = {
    maxFailuresPerAccount: options.throttle?.maxFailuresPerAccount ?? 5,
    maxFailuresPerIp: options.throttle?.maxFailuresPerIp ?? 100,
    windowSeconds: options.throttle?.windowSeconds ?? 900,
  };
  for (const [name, value] of Object.entries(throttle)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`throttle.${name} must be a positive integer (got ${String(value)})`);
    }
  }
  return {
    store: options.store,
    clock: options.clock ?? systemClock,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
    passwordHasher: options.passwordHasher ?? createPasswordHasher(),
    policy: resolveSessionPolicy(options.session),
    throttle,
    loginLock: new KeyedLock(),
  };
}
