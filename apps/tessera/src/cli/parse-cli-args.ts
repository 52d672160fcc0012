import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from './cli-command.js';

/** The options a command declares, as `node:util` `parseArgs` takes them. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** A command's arguments: `--help` asked for, its positionals and its option values. */
export interface ParsedCliArgs {
  help: boolean;
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

/** The declared option a token names (`--name` or `-n`), if any. */
function optionNamed(token: string, options: CliOptions): string | null {
  if (token.startsWith('--')) return Object.hasOwn(options, token.slice(2)) ? token.slice(2) : null;
  if (token.length !== 2 || !token.startsWith('-')) return null;
  const short = token.slice(1);
  return Object.keys(options).find((name) => options[name]?.short === short) ?? null;
}

/**
 * Parses a command's arguments the way `getopt_long` does: an option that takes a value takes the
 * next argument whatever it starts with (`--session -Ab…`; also `--session=-Ab…`), `--` ends the
 * options (`users disable -- -Ab…`), and `--help`/`-h` is help only where it is an option (and wins
 * over any other mistake). Ids are
 * base64url, so 1 in 64 starts with `-` (issue 11): `parseArgs` alone calls such a value
 * "ambiguous". An unknown option is a `CliUsageError` that names the `--` way.
 *
 * @example
 * const { values } = parseCliArgs(['--session', '-Ab3'], { session: { type: 'string' } }); // values.session === '-Ab3'
 */
export function parseCliArgs(args: readonly string[], options: CliOptions): ParsedCliArgs {
  const bound: string[] = [];
  let help = false;
  let unknown: string | null = null;
  for (let index = 0; index < args.length; index += 1) {
    const token = args[index] ?? '';
    if (token === '--') {
      bound.push(...args.slice(index));
      break;
    }
    if (token === '--help' || token === '-h') {
      help = true;
      continue;
    }
    if (!token.startsWith('-') || token === '-') {
      bound.push(token);
      continue;
    }
    const name = optionNamed(token.split('=', 1)[0] ?? '', options);
    if (name === null) {
      unknown ??= token;
      continue;
    }
    const next = args[index + 1];
    if (options[name]?.type === 'string' && !token.includes('=') && next !== undefined) {
      bound.push(`--${name}=${next}`);
      index += 1;
    } else {
      bound.push(token);
    }
  }
  if (help) return { help, positionals: [], values: {} };
  if (unknown !== null) {
    const shown = JSON.stringify(unknown.slice(0, 80));
    throw new CliUsageError(
      `unknown option ${shown}; an argument that starts with "-" goes after "--": … -- ${shown}`,
    );
  }
  const parsed = parseArgs({ args: bound, options, allowPositionals: true, strict: true });
  return { help, positionals: parsed.positionals, values: { ...parsed.values } };
}
