// Errors of registration, password sign-in, sessions and roles (DESIGN §1, §3).
// Each code is also listed in the `ErrorCode` union of ../errors.ts, which re-exports this file.
import { TesseraError } from './tessera-error.js';

/**
 * A new password breaks the password policy (length, NUL, or a common password).
 *
 * @example
 * throw new WeakPasswordError('The password must be at least 8 characters long.');
 */
export class WeakPasswordError extends TesseraError {
  readonly code = 'ERR_WEAK_PASSWORD';
  override readonly name = 'WeakPasswordError';
}

/**
 * Registration with an email that already belongs to an account.
 *
 * @example
 * throw new EmailTakenError();
 */
export class EmailTakenError extends TesseraError {
  readonly code = 'ERR_EMAIL_TAKEN';
  override readonly name = 'EmailTakenError';
  constructor() {
    super('An account with this email already exists.');
  }
}

/**
 * Unknown email or wrong password: deliberately the same error for both.
 *
 * @example
 * throw new InvalidCredentialsError();
 */
export class InvalidCredentialsError extends TesseraError {
  readonly code = 'ERR_INVALID_CREDENTIALS';
  override readonly name = 'InvalidCredentialsError';
  constructor(message = 'The email or password is incorrect.') {
    super(message);
  }
}

/**
 * Too many failed attempts (or registrations); `retryAfterSeconds` says when the window reopens.
 *
 * @example
 * throw new RateLimitedError(900, 'ip');
 */
export class RateLimitedError extends TesseraError {
  readonly code = 'ERR_RATE_LIMITED';
  override readonly name = 'RateLimitedError';
  constructor(
    readonly retryAfterSeconds: number,
    /** Which limit was reached: failed logins per (account, client IP) or per client IP, or registrations per client IP. */
    readonly scope: 'account' | 'ip' | 'registration' | 'email' = 'account',
  ) {
    super(
      scope === 'registration'
        ? `Too many registrations from this address. Try again in ${retryAfterSeconds} seconds.`
        : scope === 'email'
          ? `Too many email requests from this address. Try again in ${retryAfterSeconds} seconds.`
          : `Too many failed attempts. Try again in ${retryAfterSeconds} seconds.`,
    );
  }
}

/**
 * No valid session was presented where one is required.
 *
 * @example
 * if (!session) throw new UnauthenticatedError();
 */
export class UnauthenticatedError extends TesseraError {
  readonly code = 'ERR_UNAUTHENTICATED';
  override readonly name = 'UnauthenticatedError';
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

/**
 * The session does not exist or does not belong to the caller (indistinguishable on purpose).
 *
 * @example
 * if (session?.userId !== caller.user.id) throw new SessionNotFoundError();
 */
export class SessionNotFoundError extends TesseraError {
  readonly code = 'ERR_SESSION_NOT_FOUND';
  override readonly name = 'SessionNotFoundError';
  constructor() {
    super('No such session.');
  }
}

/**
 * The user already has the maximum number of sessions and the policy is to refuse new ones.
 *
 * @example
 * throw new SessionLimitReachedError(10);
 */
export class SessionLimitReachedError extends TesseraError {
  readonly code = 'ERR_SESSION_LIMIT_REACHED';
  override readonly name = 'SessionLimitReachedError';
  constructor(readonly maxSessions: number) {
    super(`This account already has ${maxSessions} active sessions. Sign out of one first.`);
  }
}

/**
 * Signed in, but without the role the route requires.
 *
 * @example
 * if (!hasRole(user, 'admin')) throw new ForbiddenError();
 */
export class ForbiddenError extends TesseraError {
  readonly code = 'ERR_FORBIDDEN';
  override readonly name = 'ForbiddenError';
  constructor() {
    super('You do not have permission to do this.');
  }
}
