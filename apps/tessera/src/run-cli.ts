import { StoreUnavailableError, TesseraError } from '@tessera/core';
import { auditTailCommand } from './cli/audit-tail-command.js';
import { CliFailure, CliUsageError, type CliCommand, type CliIo } from './cli/cli-command.js';
import { importUsersCommand } from './cli/import-users-command.js';
import { keyCommands } from './cli/key-commands.js';
import { parseCliArgs } from './cli/parse-cli-args.js';
import { serverCommands } from './cli/server-commands.js';
import { sessionCommands } from './cli/session-commands.js';
import { passkeyCommands } from './cli/passkey-commands.js';
import { tokenInspectCommand } from './cli/token-inspect-command.js';
import { userCommands } from './cli/user-commands.js';
import { userMfaCommands } from './cli/user-mfa-commands.js';
import { ConfigError, type Environment } from './load-config.js';

export type { CliIo } from './cli/cli-command.js';

/** Every command, in the order `tessera --help` lists them. Add a command by adding it here. */
const COMMANDS: readonly CliCommand[] = [
  ...serverCommands,
  ...userCommands,
  ...userMfaCommands,
  ...sessionCommands,
  ...passkeyCommands,
  ...keyCommands,
  tokenInspectCommand,
  auditTailCommand,
  importUsersCommand,
];

/** Synopses up to this long share their line with the summary. */
const SYNOPSIS_COLUMN = 44;

function usage(commands: readonly CliCommand[]): string {
  const pad = ' '.repeat(SYNOPSIS_COLUMN);
  const lines = commands.map((command) =>
    command.synopsis.length <= SYNOPSIS_COLUMN
      ? `  ${command.synopsis.padEnd(SYNOPSIS_COLUMN)}  ${command.summary}`
      : `  ${command.synopsis}\n  ${pad}  ${command.summary}`,
  );
  return [
    'Usage: tessera <command> [options]',
    '',
    'Commands:',
    ...lines,
    `  ${'help [<command>]'.padEnd(SYNOPSIS_COLUMN)}  show this text, or one command's (also: <command> --help)`,
    '',
    'Configuration comes from the same environment variables as the server (see the README):',
    'DATABASE_URL (PostgreSQL) or the SQLite file in TESSERA_DATA_DIR, REDIS_URL, TESSERA_SECRET.',
    'An option value may start with "-" (--session -Ab3… or --session=-Ab3…); an id or email given',
    'as an argument that starts with "-" goes after "--" (tessera users disable -- -Ab3…).',
    'Exit codes: 0 success, 1 failure, 2 usage error.',
    '',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  return `Usage: tessera ${command.synopsis}\n\n${command.summary}\n${command.details ? `\n${command.details}\n` : ''}`;
}

/** The command named by the first one or two words, and the remaining arguments. */
function findCommand(
  args: readonly string[],
  commands: readonly CliCommand[],
): { command: CliCommand; rest: string[] } | null {
  for (const words of [2, 1]) {
    const name = args.slice(0, words).join(' ');
    const command = commands.find((candidate) => candidate.name === name);
    if (command !== undefined) return { command, rest: args.slice(words) };
  }
  return null;
}

/**
 * Runs one CLI command and resolves its exit code (0 success, 1 failure with a one-line
 * `tessera: …` message, 2 usage error). Commands act on the store the server of the same
 * environment uses.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process.env, { out: console.log, err: console.error });
 */
export async function runCli(
  args: readonly string[],
  env: Environment,
  io: CliIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  const [first] = args;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    if (first === 'help' && args.length > 1) return runCli([...args.slice(1), '--help'], env, io, commands);
    io.out(usage(commands));
    return first === undefined ? 2 : 0;
  }
  const found = findCommand(args, commands);
  if (found === null) {
    const group = commands.filter((command) => command.name.startsWith(`${first} `));
    io.err(
      `tessera: unknown command "${args.slice(0, 2).join(' ').slice(0, 80)}"\n\n` +
        usage(group.length > 0 ? group : commands),
    );
    return 2;
  }
  const { command, rest } = found;
  let parsed;
  try {
    parsed = parseCliArgs(rest, command.options ?? {});
    if (parsed.help) {
      io.out(commandHelp(command));
      return 0;
    }
    const [min, max] = command.positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      throw new CliUsageError(
        parsed.positionals.length < min
          ? 'missing arguments'
          : `unexpected argument "${parsed.positionals[max]?.slice(0, 80)}"`,
      );
    }
  } catch (error) {
    io.err(`tessera: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values, env, io });
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`tessera: ${error.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    if (error instanceof StoreUnavailableError) {
      io.err(`tessera: the store is not reachable (${error.message})\n`);
      return 1;
    }
    // Messages of these never hold a secret (a contract of each); anything else is a bug: rethrown.
    if (
      error instanceof CliFailure ||
      error instanceof ConfigError ||
      error instanceof TesseraError ||
      error instanceof TypeError
    ) {
      io.err(`tessera: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
