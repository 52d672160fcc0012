import { describeSecondFactors, resetSecondFactors } from '@tessera/core/account';
import { CLI_ACTOR } from './cli-actor.js';
import type { CliCommand } from './cli-command.js';
import { withCliStore } from './open-cli-store.js';
import { resolveCliUser } from './resolve-cli-user.js';

/**
 * `users mfa` and `users mfa-reset`: a user's second factors, for support ("I lost my phone"), and
 * the reset an administrator does with `DELETE /admin/users/:id/mfa` (the same core operation).
 *
 * @example
 * for (const command of userMfaCommands) table.set(command.name, command);
 */
export const userMfaCommands: readonly CliCommand[] = [
  {
    name: 'users mfa',
    synopsis: 'users mfa <email-or-id>',
    summary: "show a user's second factors: authenticator app, recovery codes left, passkeys",
    details: 'Never shows a secret or a code. Example: tessera users mfa alice@example.com',
    positionals: [1, 1],
    async run({ positionals, env, io }) {
      return withCliStore(env, async (cli) => {
        const user = await resolveCliUser(cli.store, positionals[0] ?? '');
        const summary = await describeSecondFactors(cli, user.id);
        // Which day it was turned on, and the passkeys' names: the detail an operator asks for.
        const since = summary.totp ? ((await cli.store.getTotpFactor(user.id))?.confirmedAt ?? null) : null;
        const passkeys = summary.passkeys === 0 ? [] : await cli.store.listUserPasskeys(user.id);
        const lines = [
          `${user.email} (${user.id})`,
          `authenticator app: ${summary.totp ? `on${since === null ? '' : ` since ${since.toISOString()}`}` : 'off'}`,
          `recovery codes left: ${summary.recoveryCodesLeft}`,
          `passkeys: ${summary.passkeys}${passkeys.length === 0 ? '' : ` (${passkeys.map((passkey) => JSON.stringify(passkey.name)).join(', ')})`}`,
        ];
        io.out(`${lines.join('\n')}\n`);
        return 0;
      });
    },
  },
  {
    name: 'users mfa-reset',
    synopsis: 'users mfa-reset <email-or-id>',
    summary: "remove a user's authenticator app and recovery codes; every session of theirs is revoked",
    details:
      'For a user who lost both phone and codes: they sign in with the password alone and can set up a new app.\n' +
      'Passkeys are kept (remove one from the account page or the admin API). Audited as mfa.reset, via cli.',
    positionals: [1, 1],
    async run({ positionals, env, io }) {
      return withCliStore(env, async (cli) => {
        const user = await resolveCliUser(cli.store, positionals[0] ?? '');
        const before = (await cli.store.listUserSessions(user.id)).length;
        const hadTotp = await resetSecondFactors({ ...cli.deps, store: cli.store }, user, CLI_ACTOR);
        io.out(
          `${hadTotp ? 'removed the authenticator app and recovery codes of' : 'no authenticator app to remove for'} ` +
            `${user.email} (${user.id})\nrevoked ${before} session(s)\n`,
        );
        return 0;
      });
    },
  },
];
