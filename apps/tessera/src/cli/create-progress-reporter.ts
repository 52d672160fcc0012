import type { CliIo } from './cli-command.js';

/** Reports how far a long task got, on stderr. */
export interface ProgressReporter {
  update(done: number): void;
  finish(): void;
}

const BAR_WIDTH = 30;
/** Without a terminal, one plain line per this many items (logs stay short). */
const LINE_EVERY = 1000;

/**
 * A progress bar redrawn in place when stderr is a terminal, else a plain line every 1000 items
 * (and at the end), so a log file gets progress without control characters.
 *
 * @example
 * const progress = createProgressReporter(io, 'checking', rows.length);
 * progress.update(1); progress.finish();
 */
export function createProgressReporter(io: CliIo, label: string, total: number): ProgressReporter {
  let last = -1;
  return {
    update(done) {
      if (io.errIsTty === true) {
        const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
        // Redraw at most once per percent: a million rows must not mean a million writes.
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
        if (percent === last) return;
        last = percent;
        io.err(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
      } else if (done % LINE_EVERY === 0 && done !== last) {
        last = done;
        io.err(`${label} ${done}/${total}\n`);
      }
    },
    finish() {
      if (io.errIsTty === true) io.err(`\r${label} [${'#'.repeat(BAR_WIDTH)}] ${total}/${total}\n`);
      else if (last !== total) io.err(`${label} ${total}/${total}\n`);
    },
  };
}
