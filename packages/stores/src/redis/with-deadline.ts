/** Thrown (as a `StoreUnavailableError`'s cause) when a Redis command outlives its deadline. */
export class RedisDeadlineError extends Error {
  override readonly name = 'RedisDeadlineError';
  constructor(deadlineMs: number) {
    super(`No answer from Redis within ${deadlineMs} ms.`);
  }
}

/**
 * Settles like `work`, or rejects with `RedisDeadlineError` after `deadlineMs`, whichever comes first.
 * `work` itself is not cancelled (a command already sent may still run); only the caller stops waiting.
 *
 * @example
 * await withDeadline(client.sendCommand(['PING']), 2000);
 */
export function withDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new RedisDeadlineError(deadlineMs));
    }, deadlineMs);
    // A pending deadline must not keep alive a process that has nothing else to do.
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => {
    clearTimeout(timer);
  });
}
