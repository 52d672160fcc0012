import { throttleScopeOfIp } from '../client-ip/throttle-scope-of-ip.js';
import { InvalidCredentialsError, RateLimitedError } from '../errors.js';
import type { UserRecord } from '../store/user-store.js';
import { reserveLoginAttempt, type LoginAttempt } from './login-throttle.js';
import { normalizeEmail } from './normalize-email.js';
import { hasConfirmedTotp } from '../mfa/check-second-factor.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Anything longer than this cannot be a password we accepted (256 code points after NFKC), so it is
 * compared against the dummy hash without being normalized at length.
 */
const MAX_PASSWORD_CODE_UNITS = 4096;

/**
 * Checks a password for the account at `email` under the login throttle, and returns the user.
 *
 * Unknown email, disabled account and wrong password all throw the same `InvalidCredentialsError`
 * after the same amount of hashing work (an unknown email is checked against a dummy hash with the
 * same parameters), so neither the answer nor its timing tells whether the account exists.
 * A throttled attempt throws `RateLimitedError` before any hashing.
 * An imported bcrypt or scrypt hash (or outdated argon2 parameters) is replaced on success.
 *
 * @example
 * const user = await verifyUserPassword(deps, 'alice@example.com', password, origin);
 */
export function verifyUserPassword(
  deps: TesseraDeps,
  email: string,
  password: string,
  origin: RequestOrigin,
): Promise<UserRecord> {
  // The throttle counts an attempt before checking it (so parallel guesses cannot overshoot);
  // running one check at a time per (account, IP) keeps honest parallel logins (tabs, retries)
  // from being counted as failures while they are still in flight.
  // The lock follows the throttle's key: an IPv6 client is one client per /64.
  const lockKey = `${throttleScopeOfIp(origin.ip)}\u0000${email}`;
  return deps.loginLock.run(
    lockKey,
    async () => (await checkPassword(deps, email, password, origin, false)).user,
  );
}

/** The first step of a sign-in: the user, and whether a second factor must follow (DESIGN §9). */
export interface FirstFactor {
  user: UserRecord;
  secondStepRequired: boolean;
}

/**
 * `verifyUserPassword` for the first step of a login: when the user has a second factor, a right
 * password neither counts as a failure nor resets the failure counter (DESIGN §9: only a completed
 * login does), and `secondStepRequired` is `true`.
 *
 * @example
 * const { user, secondStepRequired } = await verifyPasswordFirstFactor(deps, email, password, origin);
 */
export function verifyPasswordFirstFactor(
  deps: TesseraDeps,
  email: string,
  password: string,
  origin: RequestOrigin,
): Promise<FirstFactor> {
  const lockKey = `${throttleScopeOfIp(origin.ip)}\u0000${email}`;
  return deps.loginLock.run(lockKey, () => checkPassword(deps, email, password, origin, true));
}

async function checkPassword(
  deps: TesseraDeps,
  email: string,
  password: string,
  origin: RequestOrigin,
  secondStepPossible: boolean,
): Promise<FirstFactor> {
  let attempt: LoginAttempt;
  try {
    attempt = await reserveLoginAttempt(deps, email, origin.ip);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      await recordAuditEvent(deps, {
        type: 'login.throttled',
        userId: null,
        sessionId: null,
        ip: origin.ip,
        userAgent: origin.userAgent,
        detail: { retryAfterSeconds: error.retryAfterSeconds, scope: error.scope },
      });
    }
    throw error;
  }
  let user: UserRecord | null;
  let matches: boolean;
  let secondStepRequired = false;
  try {
    // Only a normalized address can belong to an account. Login passes any other as typed, to be
    // throttled like an unknown account; it never reaches the store (PostgreSQL refuses NUL in text).
    user = normalizeEmail(email) === email ? await deps.store.getUserByEmail(email) : null;
    // The hasher normalizes (NFKC) itself; it gets the password as typed so that an imported hash
    // made from an unnormalized password still verifies.
    // A user without a password (created by a provider sign-in) fails exactly like a wrong password,
    // after the same hashing work (docs/decisions/0048-users-without-a-password.md).
    const passwordHash = user?.passwordHash ?? null;
    if (user === null || passwordHash === null || password.length > MAX_PASSWORD_CODE_UNITS) {
      matches = false;
      await deps.passwordHasher.verifyDummy(password.slice(0, MAX_PASSWORD_CODE_UNITS));
    } else {
      matches = await deps.passwordHasher.verify(passwordHash, password);
      // A disabled account is left as it is: a sign-in that is refused changes nothing.
      if (matches && user.disabledAt === null && deps.passwordHasher.needsRehash(passwordHash)) {
        await deps.store.updateUserPasswordHash(user.id, await deps.passwordHasher.hash(password));
        await recordAuditEvent(deps, {
          type: 'password.rehashed',
          userId: user.id,
          sessionId: null,
          ip: origin.ip,
          userAgent: origin.userAgent,
          detail: {},
        });
      }
      if (secondStepPossible && matches && user.disabledAt === null) {
        secondStepRequired = await hasConfirmedTotp(deps, user.id);
      }
    }
  } catch (error) {
    // A store fault is not a failed guess: give the slots back (best effort: the store is failing).
    await attempt.release().catch(() => undefined);
    throw error;
  }
  if (user === null || !matches || user.disabledAt !== null) {
    await attempt.fail();
    await recordAuditEvent(deps, {
      type: 'login.failed',
      userId: user?.id ?? null,
      sessionId: null,
      ip: origin.ip,
      userAgent: origin.userAgent,
      detail: { knownAccount: user !== null },
    });
    throw new InvalidCredentialsError();
  }
  // A second step follows: this attempt is neither a failure nor the completed login that resets.
  if (secondStepRequired) await attempt.release();
  else await attempt.succeed();
  return { user, secondStepRequired };
}
