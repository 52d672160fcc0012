// The base class every section file of this folder extends. Its own file, not ../errors.ts, because
// ../errors.ts re-exports the section files: a class they extend cannot be evaluated after them.
import type { ErrorCode } from './error-code.js';

/**
 * Base class of every coded Tessera error. `instanceof TesseraError` separates rejections from bugs.
 *
 * @example
 * if (error instanceof TesseraError) return problemResponse(error);
 */
export abstract class TesseraError extends Error {
  abstract readonly code: ErrorCode;
}
