// Errors of signing in with another provider (DESIGN §8).
// Each code is also listed in the `ErrorCode` union of ../errors.ts, which re-exports this file.
import { TesseraError } from './tessera-error.js';

/**
 * A provider identity whose address belongs to an existing account that did not link it (DESIGN §8),
 * or an identity already linked to another user: never taken over silently.
 *
 * @example
 * throw new AccountExistsError();
 */
export class AccountExistsError extends TesseraError {
  readonly code = 'ERR_ACCOUNT_EXISTS';
  override readonly name = 'AccountExistsError';
  constructor() {
    super(
      'An account with this email address already exists. Sign in to it, then link this provider from your account page.',
    );
  }
}

/**
 * A provider sign-in for an account an administrator disabled.
 *
 * @example
 * if (user.disabledAt !== null) throw new AccountDisabledError();
 */
export class AccountDisabledError extends TesseraError {
  readonly code = 'ERR_ACCOUNT_DISABLED';
  override readonly name = 'AccountDisabledError';
  constructor() {
    super('This account is disabled.');
  }
}

/**
 * A provider sign-in that did not complete: state missing, wrong or reused, an error from the provider,
 * a failed code exchange, or an ID token that does not verify. `message` says which, without any token.
 *
 * @example
 * throw new OAuthFailedError('The state does not match this browser.');
 */
export class OAuthFailedError extends TesseraError {
  readonly code = 'ERR_OAUTH_FAILED';
  override readonly name = 'OAuthFailedError';
}

/**
 * The provider (its discovery document, keys or API) did not answer in time or answered garbage.
 *
 * @example
 * throw new ProviderUnavailableError('google', error);
 */
export class ProviderUnavailableError extends TesseraError {
  readonly code = 'ERR_PROVIDER_UNAVAILABLE';
  override readonly name = 'ProviderUnavailableError';
  constructor(provider: string, cause: unknown) {
    super(`The sign-in provider "${provider}" is not answering; try again shortly.`, { cause });
  }
}

/**
 * Unlinking this identity would leave the user no way to sign in (no password, passkey or other identity).
 *
 * @example
 * throw new LastSignInMethodError();
 */
export class LastSignInMethodError extends TesseraError {
  readonly code = 'ERR_LAST_SIGN_IN_METHOD';
  override readonly name = 'LastSignInMethodError';
  constructor() {
    super('This is your last way to sign in: set a password or link another provider first.');
  }
}
