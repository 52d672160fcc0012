import type { ParseArgsConfig } from 'node:util';
import type { Environment } from '../load-config.js';

/** Where the CLI reads and writes: injected so tests drive it in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (a redrawn progress bar) or not (plain progress lines). */
  errIsTty?: boolean;
  /** Reads a password: hidden input at a terminal, else the first line of stdin. */
  readPassword?(prompt: string): Promise<string>;
  /** Aborted on SIGINT/SIGTERM: ends `audit tail --follow`. */
  signal?: AbortSignal;
}

/** What a command gets: its positional arguments, parsed options, the environment and the I/O. */
export interface CliContext {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  env: Environment;
  io: CliIo;
}

/**
 * One CLI command: `name` is the words that select it (`users add`), `usage` its synopsis and
 * options, `summary` its line in `tessera --help`. `run` resolves the exit code (0 or 1); a usage
 * problem throws `CliUsageError` (exit 2), a failure `CliFailure` or a coded error (exit 1).
 */
export interface CliCommand {
  name: string;
  synopsis: string;
  summary: string;
  /** Extra lines for `tessera <command> --help`. */
  details?: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Positional arguments allowed: [min, max] (max `Infinity` for a list). */
  positionals: [number, number];
  run(context: CliContext): Promise<number>;
}

/** A usage error: the command line itself is wrong (exit code 2). */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** A failure with a message for the operator (exit code 1). Never holds a secret. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}
