// Errors of second factors, passkeys and recent authentication (DESIGN §9).
// Each code is also listed in the `ErrorCode` union of ../errors.ts, which re-exports this file.
import { TesseraError } from './tessera-error.js';

/**
 * A sensitive action on a session whose last authentication is older than the reauthentication
 * window (`TESSERA_REAUTH_MAX_AGE`, DESIGN §9): prove it is you again (`POST /auth/reauthenticate`).
 *
 * @example
 * throw new ReauthenticationRequiredError();
 */
export class ReauthenticationRequiredError extends TesseraError {
  readonly code = 'ERR_REAUTHENTICATION_REQUIRED';
  override readonly name = 'ReauthenticationRequiredError';
  constructor() {
    super('Confirm it is you: sign in again with your password or a code to continue.');
  }
}

/**
 * The password was right, and the account has a second factor: no session yet. The problem body
 * carries `mfaToken` (for `POST /auth/login/mfa`) and `methods` (DESIGN §9).
 *
 * @example
 * throw new MfaRequiredError(mfaToken, ['totp', 'recovery_code']);
 */
export class MfaRequiredError extends TesseraError {
  readonly code = 'ERR_MFA_REQUIRED';
  override readonly name = 'MfaRequiredError';
  constructor(
    /** The single-use token of the pending login (a bearer secret: never logged). */
    readonly mfaToken: string,
    /** The second factors the user can complete the login with. */
    readonly methods: readonly string[],
  ) {
    super('Enter a code from your authenticator app, or a recovery code, to finish signing in.');
  }
}

/**
 * A second-factor code (TOTP or recovery code) that is wrong, already used, or outside its time
 * window, at sign-in or reauthentication (401 `invalid_code`).
 *
 * @example
 * throw new InvalidCodeError();
 */
export class InvalidCodeError extends TesseraError {
  readonly code = 'ERR_INVALID_CODE';
  override readonly name = 'InvalidCodeError';
  constructor() {
    super('The code is incorrect or was already used.');
  }
}

/**
 * A wrong code while confirming a new authenticator (400 `invalid_code`: a bad input to a signed-in
 * request, not a failed sign-in).
 *
 * @example
 * throw new InvalidEnrolmentCodeError();
 */
export class InvalidEnrolmentCodeError extends TesseraError {
  readonly code = 'ERR_INVALID_ENROLMENT_CODE';
  override readonly name = 'InvalidEnrolmentCodeError';
  constructor(
    message = 'The code does not match the new authenticator. Check the time on your device and try again.',
  ) {
    super(message);
  }
}

/**
 * An `mfaToken` that is unknown, expired, already used, or spent by too many wrong codes (401 `invalid_token`).
 *
 * @example
 * throw new InvalidMfaTokenError();
 */
export class InvalidMfaTokenError extends TesseraError {
  readonly code = 'ERR_INVALID_MFA_TOKEN';
  override readonly name = 'InvalidMfaTokenError';
  constructor() {
    super('This sign-in has expired or was already used. Sign in again with your password.');
  }
}

/**
 * An application route that needs a session signed in with a second factor (`requireMfa()`), and
 * this one was not: 403 `second_factor_required`. The client can reauthenticate with a code.
 *
 * @example
 * throw new SecondFactorRequiredError();
 */
export class SecondFactorRequiredError extends TesseraError {
  readonly code = 'ERR_SECOND_FACTOR_REQUIRED';
  override readonly name = 'SecondFactorRequiredError';
  constructor() {
    super('This needs two-step verification: confirm it is you with a code from your authenticator app.');
  }
}

/**
 * The passkey does not exist or does not belong to the caller (indistinguishable on purpose).
 *
 * @example
 * if (!(await store.deleteUserPasskey(userId, passkeyId))) throw new PasskeyNotFoundError();
 */
export class PasskeyNotFoundError extends TesseraError {
  readonly code = 'ERR_PASSKEY_NOT_FOUND';
  override readonly name = 'PasskeyNotFoundError';
  constructor() {
    super('No such passkey.');
  }
}

/**
 * Passkeys are off because the server's public URL has no domain name for WebAuthn to bind them to.
 *
 * @example
 * if (relyingParty === null) throw new PasskeysDisabledError();
 */
export class PasskeysDisabledError extends TesseraError {
  readonly code = 'ERR_PASSKEYS_DISABLED';
  override readonly name = 'PasskeysDisabledError';
  constructor() {
    super(
      'Passkeys are not enabled on this server: TESSERA_PUBLIC_URL must name a domain (such as localhost), ' +
        'not an IP address.',
    );
  }
}
