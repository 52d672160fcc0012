// Errors about a request's shape (DESIGN §3.1) and about the infrastructure behind it (§3.2).
// Each code is also listed in the `ErrorCode` union of ../errors.ts, which re-exports this file.
import { TesseraError } from './tessera-error.js';

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
