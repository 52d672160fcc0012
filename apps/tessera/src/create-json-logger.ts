import type { LogFields, Logger } from '@tessera/core';

/** A logger that can be told to write out what it holds (before the process exits). */
export interface FlushableLogger extends Logger {
  flush(): void;
}

/**
 * A logger writing one JSON object per line: `{"time", "level", "msg", ...fields}`.
 * Callers pass only facts (never tokens, cookies, passwords or hashes), so nothing is redacted here.
 *
 * Lines are written once per event-loop turn, together: stdout to a pipe or file is a synchronous
 * write on Linux, and one system call per request was the largest single cost of serving a request.
 *
 * @example
 * const logger = createJsonLogger((text) => process.stdout.write(text));
 */
export function createJsonLogger(write: (text: string) => void): FlushableLogger {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    write(text);
  };
  const log =
    (level: string) =>
    (message: string, fields: LogFields = {}) => {
      pending.push(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    };
  return { info: log('info'), warn: log('warn'), error: log('error'), flush };
}
