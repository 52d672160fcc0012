import { CliUsageError, type CliCommand } from './cli-command.js';
import { formatTable } from './format-table.js';
import { withCliStore } from './open-cli-store.js';
import { resolveCliUser } from './resolve-cli-user.js';

/**
 * `passkeys list`: a user's passkeys, for support ("which of my devices can sign in?").
 *
 * @example
 * for (const command of passkeyCommands) table.set(command.name, command);
 */
export const passkeyCommands: readonly CliCommand[] = [
  {
    name: 'passkeys list',
    synopsis: 'passkeys list --user <email-or-id>',
    summary: "list a user's passkeys",
    options: { user: { type: 'string' } },
    positionals: [0, 0],
    async run({ values, env, io }) {
      const who = values['user'];
      if (typeof who !== 'string') throw new CliUsageError('--user is required');
      return withCliStore(env, async (cli) => {
        const user = await resolveCliUser(cli.store, who);
        const passkeys = await cli.store.listUserPasskeys(user.id);
        io.out(
          formatTable(
            ['ID', 'NAME', 'CREATED', 'LAST USED', 'KIND', 'TRANSPORTS'],
            passkeys.map((passkey) => [
              passkey.id,
              passkey.name,
              passkey.createdAt.toISOString(),
              passkey.lastUsedAt?.toISOString() ?? '-',
              passkey.deviceType === 'multiDevice' ? 'synced' : 'single-device',
              passkey.transports.join(',') || '-',
            ]),
          ),
        );
        return 0;
      });
    },
  },
];
