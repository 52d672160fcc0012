import { runServer } from '../run-server.js';
import type { CliCommand } from './cli-command.js';
import { withCliStore } from './open-cli-store.js';

/**
 * `serve` and `migrate`.
 *
 * @example
 * for (const command of serverCommands) table.set(command.name, command);
 */
export const serverCommands: readonly CliCommand[] = [
  {
    name: 'serve',
    synopsis: 'serve',
    summary: 'run the auth server (what npm start runs)',
    positionals: [0, 0],
    async run({ env }) {
      await runServer(env);
      return 0;
    },
  },
  {
    name: 'migrate',
    synopsis: 'migrate',
    summary: 'create or upgrade the store schema (PostgreSQL or SQLite) and exit',
    details: 'The server migrates on start too; this lets a deploy do it first, once.',
    positionals: [0, 0],
    async run({ env, io }) {
      // Opening a store applies its pending migrations, in a transaction, under a lock.
      return withCliStore(env, async (cli) => {
        await cli.store.ping();
        const where = cli.config.databaseUrl === null ? `SQLite in ${cli.config.dataDir}` : 'PostgreSQL';
        io.out(`the store schema is up to date (${where})\n`);
        return 0;
      });
    },
  },
];
