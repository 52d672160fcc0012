/**
 * Fields of a log line: small scalar facts. Never a token, cookie, password or hash.
 *
 * @example
 * logger.info('login', { userId: user.id, ok: true } satisfies LogFields);
 */
export type LogFields = Record<string, string | number | boolean | null>;

/**
 * A structured logger. The server writes JSON lines; tests can collect lines in memory.
 *
 * @example
 * const logger: Logger = { info: console.log, warn: console.warn, error: console.error };
 */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * Discards everything.
 *
 * @example
 * const deps = await createTesseraDeps({ store, secrets, tokens, logger: silentLogger });
 */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
