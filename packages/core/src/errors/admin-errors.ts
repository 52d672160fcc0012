// Errors of the admin API (`/admin/*` routes and the admin CLI).
// Each code is also listed in the `ErrorCode` union of ../errors.ts, which re-exports this file.
import { TesseraError } from './tessera-error.js';

/**
 * An administrator named a user id that does not exist.
 *
 * @example
 * if (!user) throw new UserNotFoundError();
 */
export class UserNotFoundError extends TesseraError {
  readonly code = 'ERR_USER_NOT_FOUND';
  override readonly name = 'UserNotFoundError';
  constructor() {
    super('No such user.');
  }
}

/**
 * An administrator named a session id that does not exist (or has ended). Separate from
 * `SessionNotFoundError` (`not_found`, a user's own device list), whose public code predates the
 * admin API and is not renamed.
 *
 * @example
 * throw new UnknownSessionError();
 */
export class UnknownSessionError extends TesseraError {
  readonly code = 'ERR_UNKNOWN_SESSION';
  override readonly name = 'UnknownSessionError';
  constructor() {
    super('No such session.');
  }
}

/**
 * The change would take the `admin` role from, or disable, the last enabled administrator: nobody
 * could reach the admin API afterwards. (The CLI can always make a new one.)
 *
 * @example
 * throw new LastAdminError();
 */
export class LastAdminError extends TesseraError {
  readonly code = 'ERR_LAST_ADMIN';
  override readonly name = 'LastAdminError';
  constructor() {
    super('This is the last enabled administrator: make another user an administrator first.');
  }
}
