import { StoreUnavailableError } from '@tessera/core';

/**
 * Translates a failure of a Redis command made during `operation` into `StoreUnavailableError`, with the
 * driver's error as `cause`. Every driver failure counts as an infrastructure fault: the connection is
 * down or offline, a command timed out, or Redis answered with an error (`LOADING`, `READONLY`,
 * `CLUSTERDOWN`, `OOM`, a script error...). None of them means "not found", and callers' argument bugs
 * are thrown as `TypeError` before any command is sent, so they never get here.
 *
 * The message names the operation and the kind of failure only: never a key or a value, which can hold
 * an IP address or an email hash.
 *
 * @example
 * try { await link.send(key, ['GET', key]); } catch (error) { throw toRedisStoreError(error, 'getCounter'); }
 */
export function toRedisStoreError(error: unknown, operation: string): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(`Redis store: ${operation} failed (${describeFailure(error)}).`, error);
}

// node-redis's error classes do not set `name`, so the constructor's name tells them apart
// (`ClientOfflineError`, `SocketClosedUnexpectedlyError`...). For a reply error only its first word
// (Redis's error code, `WRONGTYPE`, `NOSCRIPT`...) is kept: the rest may quote a script or a key.
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const kind = error.constructor.name === 'Error' ? error.name : error.constructor.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return `${kind} ${code}`;
  if (/ErrorReply|SimpleError|BlobError/.test(kind)) {
    const replyCode = /^[A-Z][A-Z_-]*/.exec(error.message)?.[0];
    if (replyCode !== undefined) return `${kind} ${replyCode}`;
  }
  return kind;
}
