// Over 300 lines on purpose: every public error code in one file, so a code can never be reused
// unnoticed; each class is a few lines of the same shape. Split by section (§7, §8, §9) if it grows.
/**
 * Every rejection Tessera can make, as a class with a stable `code`.
 *
 * Codes are public: clients and logs depend on them, so a code is never renamed or reused.
 * Messages describe what happened in words and never contain a token, cookie, password or hash.
 * The HTTP status of each code is mapped once, in `api/problem.ts`. Over 300 lines on purpose: the
 * registry is one file (each code next to its class and example) so a reused code is seen at once.
 *
 * @example
 * const code: ErrorCode = 'ERR_RATE_LIMITED';
 */
export type ErrorCode =
  | 'ERR_INVALID_REQUEST'
  | 'ERR_WEAK_PASSWORD'
  | 'ERR_EMAIL_TAKEN'
  | 'ERR_INVALID_CREDENTIALS'
  | 'ERR_RATE_LIMITED'
  | 'ERR_UNAUTHENTICATED'
  | 'ERR_CSRF_REJECTED'
  | 'ERR_FORBIDDEN'
  | 'ERR_SESSION_NOT_FOUND'
  | 'ERR_SESSION_LIMIT_REACHED'
  | 'ERR_NOT_FOUND'
  | 'ERR_METHOD_NOT_ALLOWED'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_STORE_UNAVAILABLE'
  | 'ERR_INVALID_TOKEN'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_SESSION_REVOKED'
  | 'ERR_REFRESH_TOKEN_REUSED'
  | 'ERR_KEY_SET_UNAVAILABLE'
  | 'ERR_REVOCATION_FEED_UNAVAILABLE'
  | 'ERR_USER_NOT_FOUND'
  | 'ERR_UNKNOWN_SESSION'
  | 'ERR_LAST_ADMIN'
  | 'ERR_REVOCATION_FEED_BUSY'
  | 'ERR_REAUTHENTICATION_REQUIRED'
  | 'ERR_MFA_REQUIRED'
  | 'ERR_INVALID_CODE'
  | 'ERR_INVALID_ENROLMENT_CODE'
  | 'ERR_INVALID_MFA_TOKEN'
  | 'ERR_SECOND_FACTOR_REQUIRED'
  | 'ERR_INVALID_EMAIL_TOKEN'
  | 'ERR_EMAIL_NOT_VERIFIED'
  | 'ERR_EMAIL_UNAVAILABLE'
  | 'ERR_ACCOUNT_EXISTS'
  | 'ERR_ACCOUNT_DISABLED'
  | 'ERR_OAUTH_FAILED'
  | 'ERR_PROVIDER_UNAVAILABLE'
  | 'ERR_LAST_SIGN_IN_METHOD'
  | 'ERR_PASSKEY_NOT_FOUND'
  | 'ERR_PASSKEYS_DISABLED';

/**
 * Base class of every coded Tessera error. `instanceof TesseraError` separates rejections from bugs.
 *
 * @example
 * if (error instanceof TesseraError) return problemResponse(error);
 */
export abstract class TesseraError extends Error {
  abstract readonly code: ErrorCode;
}

/**
 * The request body or a parameter is malformed or has the wrong type.
 *
 * @example
 * throw new InvalidRequestError('email must be a string');
 */
export class InvalidRequestError extends TesseraError {
  readonly code = 'ERR_INVALID_REQUEST';
  override readonly name = 'InvalidRequestError';
}

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
 * An unsafe cookie-authenticated request (or a login) came from another site.
 *
 * @example
 * if (isCrossSiteRequest(headers, trustedOrigins)) throw new CsrfRejectedError();
 */
export class CsrfRejectedError extends TesseraError {
  readonly code = 'ERR_CSRF_REJECTED';
  override readonly name = 'CsrfRejectedError';
  constructor() {
    super('The request came from a site that is not trusted.');
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
 * No route matches the path.
 *
 * @example
 * throw new NotFoundError();
 */
export class NotFoundError extends TesseraError {
  readonly code = 'ERR_NOT_FOUND';
  override readonly name = 'NotFoundError';
  constructor() {
    super('There is nothing at this address.');
  }
}

/**
 * The route exists but not for this method; `allow` lists the methods it has.
 *
 * @example
 * throw new MethodNotAllowedError(['GET', 'HEAD']);
 */
export class MethodNotAllowedError extends TesseraError {
  readonly code = 'ERR_METHOD_NOT_ALLOWED';
  override readonly name = 'MethodNotAllowedError';
  constructor(readonly allow: readonly string[]) {
    super(`This route accepts ${allow.join(', ')}.`);
  }
}

/**
 * The request body is larger than the configured limit.
 *
 * @example
 * throw new PayloadTooLargeError(65_536);
 */
export class PayloadTooLargeError extends TesseraError {
  readonly code = 'ERR_PAYLOAD_TOO_LARGE';
  override readonly name = 'PayloadTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
  }
}

/**
 * The request body is not JSON.
 *
 * @example
 * throw new UnsupportedMediaTypeError();
 */
export class UnsupportedMediaTypeError extends TesseraError {
  readonly code = 'ERR_UNSUPPORTED_MEDIA_TYPE';
  override readonly name = 'UnsupportedMediaTypeError';
  constructor() {
    super('Send the request body as application/json.');
  }
}

/**
 * The revocation feed already serves as many subscribers as this process allows (DESIGN §3.2):
 * 503 with `Retry-After`, so a follower comes back later instead of growing the process.
 *
 * @example
 * throw new RevocationFeedBusyError(5);
 */
export class RevocationFeedBusyError extends TesseraError {
  readonly code = 'ERR_REVOCATION_FEED_BUSY';
  override readonly name = 'RevocationFeedBusyError';
  constructor(readonly retryAfterSeconds: number) {
    super(`The revocation feed has too many subscribers. Try again in ${retryAfterSeconds} seconds.`);
  }
}

/**
 * A store (database, cache) failed. Never reported as a logout: the HTTP layer answers 503.
 *
 * @example
 * try {
 *   return await db.query(sql);
 * } catch (error) {
 *   throw new StoreUnavailableError('The user store did not answer.', error);
 * }
 */
export class StoreUnavailableError extends TesseraError {
  readonly code = 'ERR_STORE_UNAVAILABLE';
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

/**
 * A refresh token that is malformed, unknown, expired, or whose session is gone. (Access-token
 * failures are `@tessera/verify`'s errors, with the same codes.)
 *
 * @example
 * throw new InvalidRefreshTokenError();
 */
export class InvalidRefreshTokenError extends TesseraError {
  readonly code = 'ERR_INVALID_TOKEN';
  override readonly name = 'InvalidRefreshTokenError';
  constructor() {
    super('The refresh token is invalid or expired. Sign in again.');
  }
}

/**
 * An already-rotated refresh token came back after the grace: the session was revoked (theft detection).
 *
 * @example
 * throw new RefreshTokenReusedError();
 */
export class RefreshTokenReusedError extends TesseraError {
  readonly code = 'ERR_REFRESH_TOKEN_REUSED';
  override readonly name = 'RefreshTokenReusedError';
  constructor() {
    super('This refresh token was already used. The session has been signed out for safety; sign in again.');
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
