/** Fields of a log line: small scalar facts. Never a token, cookie, password or hash. */
export type LogFields = Record<string, string | number | boolean | null>;

/** A structured logger. The server writes JSON lines; tests can collect lines in memory. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Discards everything. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
