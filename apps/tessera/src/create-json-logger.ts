import type { LogFields, Logger } from '@tessera/core';

/**
 * A logger writing one JSON object per line: `{"time", "level", "msg", ...fields}`.
 * Callers pass only facts (never tokens, cookies, passwords or hashes), so nothing is redacted here.
 *
 * @example
 * const logger = createJsonLogger((line) => process.stdout.write(line));
 */
export function createJsonLogger(write: (line: string) => void): Logger {
  const log =
    (level: string) =>
    (message: string, fields: LogFields = {}) => {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`);
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
