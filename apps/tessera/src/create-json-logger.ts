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
      pending.push(formatLine(level, message, fields));
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    };
  return { info: log('info'), warn: log('warn'), error: log('error'), flush };
}

/**
 * `{"time","level","msg",...fields}` as one line. Written out rather than built as an object and
 * stringified whole: this runs once per request, and only `msg` and the fields need escaping.
 */
function formatLine(level: string, message: string, fields: LogFields): string {
  const rest = JSON.stringify(fields);
  return `{"time":"${isoTimeNow()}","level":"${level}","msg":${JSON.stringify(message)}${rest === '{}' ? '}' : `,${rest.slice(1)}`}\n`;
}

let lastTimeMs = Number.NaN;
let lastTimeText = '';

/** The current time as ISO 8601, formatted once per millisecond (a busy server logs many lines in one). */
function isoTimeNow(): string {
  const nowMs = Date.now();
  if (nowMs !== lastTimeMs) {
    lastTimeMs = nowMs;
    lastTimeText = new Date(nowMs).toISOString();
  }
  return lastTimeText;
}
