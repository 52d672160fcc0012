// Errors of email verification and account recovery (DESIGN §7).
// Each code is also listed in the `ErrorCode` union of ../errors.ts, which re-exports this file.
import { TesseraError } from './tessera-error.js';

/**
 * An email token (a link from a mail) that is malformed, unknown, already used, expired, or made for
 * another purpose: deliberately one error for all of them (DESIGN §7).
 *
 * @example
 * throw new InvalidEmailTokenError();
 */
export class InvalidEmailTokenError extends TesseraError {
  readonly code = 'ERR_INVALID_EMAIL_TOKEN';
  override readonly name = 'InvalidEmailTokenError';
  constructor() {
    super('This link is invalid or has expired. Ask for a new one.');
  }
}

/**
 * The password was right, but `TESSERA_EMAIL_VERIFICATION=required` and the address is not verified
 * yet: a fresh link has been mailed (within the message limit).
 *
 * @example
 * throw new EmailNotVerifiedError();
 */
export class EmailNotVerifiedError extends TesseraError {
  readonly code = 'ERR_EMAIL_NOT_VERIFIED';
  override readonly name = 'EmailNotVerifiedError';
  constructor() {
    super('Confirm your email address first: we have sent you a link.');
  }
}

/**
 * The mail server refused or did not answer, where the caller must know (resending a link). Where
 * the answer must not reveal anything (forgotten password), the failure is logged and counted instead.
 *
 * @example
 * throw new EmailUnavailableError(cause);
 */
export class EmailUnavailableError extends TesseraError {
  readonly code = 'ERR_EMAIL_UNAVAILABLE';
  override readonly name = 'EmailUnavailableError';
  constructor(cause: unknown) {
    super('The email could not be sent right now; try again shortly.', { cause });
  }
}
