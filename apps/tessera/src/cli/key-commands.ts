import { systemClock } from '@tessera/core';
import { DEFAULT_SIGNING_ALGORITHM, resolveTokenPolicy } from '@tessera/core/config';
import { KEY_PUBLISH_LEAD_SECONDS, KeyRing, type KeySummary } from '@tessera/core/tokens';
import type { CliCommand, CliContext } from './cli-command.js';
import { createJsonLogger } from '../create-json-logger.js';
import { loadServerSecrets } from '../load-server-secrets.js';
import { formatTable } from './format-table.js';
import { withCliStore } from './open-cli-store.js';

async function runKeys(action: 'list' | 'rotate', { values, env, io }: CliContext): Promise<number> {
  return withCliStore(env, async (cli) => {
    const { config } = cli;
    const logger = createJsonLogger((line) => io.err(line));
    const tokens = resolveTokenPolicy(config.deps.tokens);
    const ring = await KeyRing.open({
      store: cli.store,
      secrets: loadServerSecrets(config.secret, config.dataDir, logger),
      clock: systemClock,
      algorithm: config.deps.signingAlgorithm ?? DEFAULT_SIGNING_ALGORITHM,
      accessTokenTtlSeconds: tokens.accessTokenTtlSeconds,
      clockSkewSeconds: tokens.clockSkewSeconds,
      staticKeys: config.deps.signingKeys,
    });
    if (action === 'rotate') {
      const added = await ring.rotate(values['now'] === true ? 0 : KEY_PUBLISH_LEAD_SECONDS);
      io.out(`added key ${added.kid} (${added.alg}); it signs from ${added.activatesAt.toISOString()}\n`);
    }
    io.out(formatKeys(ring.summaries(systemClock.now())));
    return 0;
  });
}

function formatKeys(keys: readonly KeySummary[]): string {
  return formatTable(
    ['KID', 'ALG', 'STATE', 'SIGNS FROM', 'LEAVES JWKS'],
    keys.map((key) => [
      key.kid,
      key.alg,
      key.state,
      key.activatesAt.toISOString(),
      key.expiresAt === null ? '-' : key.expiresAt.toISOString(),
    ]),
  );
}

/**
 * `keys list|rotate`, on the store the server uses (PostgreSQL or SQLite).
 *
 * @example
 * for (const command of keyCommands) table.set(command.name, command);
 */
export const keyCommands: readonly CliCommand[] = [
  {
    name: 'keys list',
    synopsis: 'keys list',
    summary: 'list the signing keys and their state',
    positionals: [0, 0],
    run: (context) => runKeys('list', context),
  },
  {
    name: 'keys rotate',
    synopsis: 'keys rotate [--now]',
    summary: `add a signing key; published at once, it signs after ${KEY_PUBLISH_LEAD_SECONDS} s (--now: at once, e.g. after a leak)`,
    options: { now: { type: 'boolean', default: false } },
    positionals: [0, 0],
    run: (context) => runKeys('rotate', context),
  },
];
