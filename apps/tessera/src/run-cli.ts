import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KEY_PUBLISH_LEAD_SECONDS, KeyRing, systemClock, type KeySummary } from '@tessera/core';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { createJsonLogger } from './create-json-logger.js';
import { ConfigError, loadConfig, type Environment } from './load-config.js';
import { loadServerSecrets } from './load-server-secrets.js';
import { runServer } from './run-server.js';
import { runTokenInspect, TOKEN_INSPECT_USAGE } from './run-token-inspect.js';

const USAGE = `Usage: tessera <command>

Commands:
  serve                 run the auth server (what npm start runs)
  keys list             list the signing keys and their state
  keys rotate [--now]   add a new signing key; it is published at once and signs after
                        ${KEY_PUBLISH_LEAD_SECONDS} s (--now: at once, e.g. after a key leak)
${TOKEN_INSPECT_USAGE}
  help                  show this text

Configuration comes from the same environment variables as the server (see the README).
`;

/** Where the CLI writes: injected so tests can read it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Runs one CLI command and resolves its exit code (0 success, 1 failure, 2 usage error).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process.env, { out: console.log, err: console.error });
 */
export async function runCli(args: readonly string[], env: Environment, io: CliIo): Promise<number> {
  const [command, subcommand, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'serve') {
    await runServer(env);
    return 0;
  }
  if (command === 'token' && subcommand === 'inspect') {
    return runTokenInspect(rest, env, io);
  }
  if (command === 'keys' && (subcommand === 'list' || subcommand === 'rotate')) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: { now: { type: 'boolean', default: false } },
        strict: true,
      });
    } catch (error) {
      io.err(`tessera: ${(error as Error).message}\n`);
      return 2;
    }
    try {
      return await runKeys(subcommand, parsed.values.now, env, io);
    } catch (error) {
      if (error instanceof ConfigError || error instanceof TypeError) {
        io.err(`tessera: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }
  io.err(`tessera: unknown command "${args.join(' ').slice(0, 80)}"\n\n${USAGE}`);
  return 2;
}

async function runKeys(
  action: 'list' | 'rotate',
  now: boolean,
  env: Environment,
  io: CliIo,
): Promise<number> {
  const config = loadConfig(env);
  const logger = createJsonLogger((line) => io.err(line));
  const store = openSqliteStore({ path: join(config.dataDir, 'tessera.db') });
  try {
    const ring = await KeyRing.open({
      store,
      secrets: loadServerSecrets(config.secret, config.dataDir, logger),
      clock: systemClock,
      algorithm: config.signingAlgorithm,
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      clockSkewSeconds: config.clockSkewSeconds,
      staticKeys: config.signingKeys,
    });
    if (action === 'rotate') {
      const added = await ring.rotate(now ? 0 : KEY_PUBLISH_LEAD_SECONDS);
      io.out(`added key ${added.kid} (${added.alg}); it signs from ${added.activatesAt.toISOString()}\n`);
    }
    io.out(formatKeys(ring.summaries(systemClock.now())));
    return 0;
  } finally {
    await store.close();
  }
}

function formatKeys(keys: readonly KeySummary[]): string {
  const rows = keys.map((key) => [
    key.kid,
    key.alg,
    key.state,
    key.activatesAt.toISOString(),
    key.expiresAt === null ? '-' : key.expiresAt.toISOString(),
  ]);
  const header = ['KID', 'ALG', 'STATE', 'SIGNS FROM', 'LEAVES JWKS'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  return (
    [header, ...rows]
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
