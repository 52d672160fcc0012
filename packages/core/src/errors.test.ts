// The error registry's promise (errors.ts): a code is never reused unnoticed. The classes live in
// several files, so this checks what one file used to show at a glance.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as verify from '@tessera/verify';
import { problemByErrorCode } from './api/problem.js';
import type { ErrorCode } from './errors.js';
import * as errors from './errors.js';

type Exports = typeof errors;
/** The name of every concrete error class errors.ts exports (the abstract base is not constructible). */
type ErrorClassName = {
  [K in keyof Exports]: Exports[K] extends new (...args: never[]) => errors.TesseraError ? K : never;
}[keyof Exports];

// One instance of each class. Typed by the exports: a new class does not compile until it is here.
const instances: { [K in ErrorClassName]: InstanceType<Exports[K]> } = {
  InvalidRequestError: new errors.InvalidRequestError('email must be a string'),
  NotFoundError: new errors.NotFoundError(),
  MethodNotAllowedError: new errors.MethodNotAllowedError(['GET', 'HEAD']),
  PayloadTooLargeError: new errors.PayloadTooLargeError(65_536),
  UnsupportedMediaTypeError: new errors.UnsupportedMediaTypeError(),
  CsrfRejectedError: new errors.CsrfRejectedError(),
  StoreUnavailableError: new errors.StoreUnavailableError(
    'The user store did not answer.',
    new Error('down'),
  ),
  WeakPasswordError: new errors.WeakPasswordError('too short'),
  EmailTakenError: new errors.EmailTakenError(),
  InvalidCredentialsError: new errors.InvalidCredentialsError(),
  RateLimitedError: new errors.RateLimitedError(900, 'ip'),
  UnauthenticatedError: new errors.UnauthenticatedError(),
  SessionNotFoundError: new errors.SessionNotFoundError(),
  SessionLimitReachedError: new errors.SessionLimitReachedError(10),
  ForbiddenError: new errors.ForbiddenError(),
  InvalidRefreshTokenError: new errors.InvalidRefreshTokenError(),
  RefreshTokenReusedError: new errors.RefreshTokenReusedError(),
  RevocationFeedBusyError: new errors.RevocationFeedBusyError(5),
  UserNotFoundError: new errors.UserNotFoundError(),
  UnknownSessionError: new errors.UnknownSessionError(),
  LastAdminError: new errors.LastAdminError(),
  InvalidEmailTokenError: new errors.InvalidEmailTokenError(),
  EmailNotVerifiedError: new errors.EmailNotVerifiedError(),
  EmailUnavailableError: new errors.EmailUnavailableError(new Error('smtp down')),
  AccountExistsError: new errors.AccountExistsError(),
  AccountDisabledError: new errors.AccountDisabledError(),
  OAuthFailedError: new errors.OAuthFailedError('The state does not match this browser.'),
  ProviderUnavailableError: new errors.ProviderUnavailableError('google', new Error('timeout')),
  LastSignInMethodError: new errors.LastSignInMethodError(),
  ReauthenticationRequiredError: new errors.ReauthenticationRequiredError(),
  MfaRequiredError: new errors.MfaRequiredError('mfa-token', ['totp', 'recovery_code']),
  InvalidCodeError: new errors.InvalidCodeError(),
  InvalidEnrolmentCodeError: new errors.InvalidEnrolmentCodeError(),
  InvalidMfaTokenError: new errors.InvalidMfaTokenError(),
  SecondFactorRequiredError: new errors.SecondFactorRequiredError(),
  PasskeyNotFoundError: new errors.PasskeyNotFoundError(),
  PasskeysDisabledError: new errors.PasskeysDisabledError(),
};

// @tessera/verify's classes, whose codes the same union (and HTTP layer) carries.
const verifyInstances: verify.AccessTokenError[] = [
  new verify.InvalidTokenError(),
  new verify.TokenExpiredError(),
  new verify.SessionRevokedError(),
  new verify.KeySetUnavailableError(),
  new verify.RevocationFeedUnavailableError(),
];

// The union at run time: problemByErrorCode is a Record over ErrorCode, so a missing or an extra key
// does not compile.
const unionCodes = new Set(Object.keys(problemByErrorCode) as ErrorCode[]);

describe('error codes (errors.ts)', () => {
  it('has an instance here of every error class that errors.ts exports, each named after its export', () => {
    const exported = Object.entries(errors)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof errors.TesseraError)
      .map(([name]) => name)
      .sort();
    assert.deepEqual(Object.keys(instances).sort(), exported);
    for (const [name, instance] of Object.entries(instances)) {
      assert.ok(instance instanceof errors.TesseraError, name);
      assert.equal(instance.name, name);
    }
  });

  it('gives every class its own code, and every code is in the ErrorCode union', () => {
    const classByCode = new Map<string, string>();
    for (const [name, { code }] of Object.entries(instances)) {
      const earlier = classByCode.get(code);
      assert.equal(earlier, undefined, `${name} reuses ${code} of ${earlier ?? ''}`);
      classByCode.set(code, name);
      assert.ok(unionCodes.has(code), `${name}: ${code} is not in the ErrorCode union`);
    }
  });

  it('has a class for every code in the union; only ERR_INVALID_TOKEN is shared with @tessera/verify', () => {
    const coreCodes = new Set<string>(Object.values(instances).map((instance) => instance.code));
    const verifyCodes = new Set<string>(verifyInstances.map((instance) => instance.code));
    assert.equal(verifyCodes.size, verifyInstances.length, 'two @tessera/verify classes share a code');
    for (const code of verifyCodes)
      assert.ok(unionCodes.has(code as ErrorCode), `${code} is not in the union`);
    assert.deepEqual(
      [...coreCodes].filter((code) => verifyCodes.has(code)),
      ['ERR_INVALID_TOKEN'],
    );
    const withoutClass = [...unionCodes].filter((code) => !coreCodes.has(code) && !verifyCodes.has(code));
    assert.deepEqual(withoutClass, []);
  });
});
