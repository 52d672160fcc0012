import { InvalidRequestError } from '@tessera/core';
import { normalizeEmail, recordAuditEvent } from '@tessera/core/account';
import {
  disableUser,
  enableUser,
  listUsersPage,
  markUserEmailVerified,
  parseRoles,
  setUserRoles,
} from '@tessera/core/admin';
import { checkNewPassword, createPasswordHasher } from '@tessera/core/password';
import type { UserRecord } from '@tessera/core/store';
import { randomBytes } from 'node:crypto';
import { CLI_ACTOR } from './cli-actor.js';
import { CliFailure, CliUsageError, type CliCommand } from './cli-command.js';
import { formatTable } from './format-table.js';
import { withCliStore } from './open-cli-store.js';
import { resolveCliUser } from './resolve-cli-user.js';

/** Roles from the command line; a bad one is a usage error. */
function readRoles(roles: readonly string[]): string[] {
  try {
    return parseRoles(roles);
  } catch (error) {
    if (error instanceof InvalidRequestError) throw new CliUsageError(error.message);
    throw error;
  }
}

function describeUser(user: UserRecord): string {
  const roles = user.roles.length === 0 ? 'no roles' : `roles: ${user.roles.join(', ')}`;
  const state = user.disabledAt === null ? 'enabled' : `disabled since ${user.disabledAt.toISOString()}`;
  return `${user.email} (${user.id}), ${roles}, ${state}\n`;
}

/**
 * `users add|list|disable|enable|set-roles|verify-email|identities`.
 *
 * @example
 * for (const command of userCommands) table.set(command.name, command);
 */
export const userCommands: readonly CliCommand[] = [
  {
    name: 'users add',
    synopsis: 'users add <email> [--role <role>]...',
    summary: 'create a user; the password is read from stdin (hidden at a terminal)',
    details:
      "The password follows the server's policy (8 to 256 characters, not a common password).\n" +
      'Example: printf \'%s\\n\' "$PASSWORD" | tessera users add alice@example.com --role admin',
    options: { role: { type: 'string', multiple: true } },
    positionals: [1, 1],
    async run({ positionals, values, env, io }) {
      const email = normalizeEmail(positionals[0] ?? '');
      if (email === null) throw new CliUsageError('that is not an email address Tessera accepts');
      const roles = readRoles((values['role'] as string[] | undefined) ?? []);
      if (io.readPassword === undefined) throw new CliFailure('no way to read a password here');
      // The policy's WeakPasswordError says what is wrong; it ends the command with exit code 1.
      const password = checkNewPassword(await io.readPassword('Password for the new user: '));
      return withCliStore(env, async (cli) => {
        const user: UserRecord = {
          id: randomBytes(16).toString('base64url'),
          email,
          passwordHash: await createPasswordHasher().hash(password),
          roles,
          createdAt: cli.deps.clock.now(),
          disabledAt: null,
          emailVerified: false,
        };
        if (!(await cli.store.insertUser(user)))
          throw new CliFailure(`a user with the email ${email} exists already`);
        await recordAuditEvent(cli.deps, {
          type: 'user.registered',
          userId: user.id,
          sessionId: null,
          ip: null,
          userAgent: null,
          detail: { via: 'cli' },
        });
        io.out(`added ${describeUser(user)}`);
        return 0;
      });
    },
  },
  {
    name: 'users list',
    synopsis: 'users list [--search <text>] [--limit <n>] [--after <cursor>]',
    summary: 'list users in email order, optionally those whose email contains <text>',
    details: 'At most --limit users (default 50, up to 1000); the cursor of the next page is printed last.',
    options: {
      search: { type: 'string' },
      limit: { type: 'string' },
      after: { type: 'string' },
    },
    positionals: [0, 0],
    async run({ values, env, io }) {
      const limitText = (values['limit'] as string | undefined) ?? '50';
      const limit = /^[0-9]{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
      if (!(limit >= 1 && limit <= 1000))
        throw new CliUsageError('--limit must be a whole number from 1 to 1000');
      return withCliStore(env, async (cli) => {
        const page = await listUsersPage(cli.store, {
          query: (values['search'] as string | undefined) ?? null,
          limit,
          after: (values['after'] as string | undefined) ?? null,
        });
        io.out(
          formatTable(
            ['ID', 'EMAIL', 'ROLES', 'CREATED', 'DISABLED'],
            page.users.map((user) => [
              user.id,
              user.email,
              user.roles.join(',') || '-',
              user.createdAt.toISOString(),
              user.disabledAt === null ? '-' : user.disabledAt.toISOString(),
            ]),
          ),
        );
        if (page.next !== null) io.out(`next page: --after ${page.next}\n`);
        return 0;
      });
    },
  },
  {
    name: 'users disable',
    synopsis: 'users disable <email-or-id>',
    summary: 'disable a user: sign-in refused, every session revoked at once (running servers too)',
    positionals: [1, 1],
    async run({ positionals, env, io }) {
      return withCliStore(env, async (cli) => {
        const target = await resolveCliUser(cli.store, positionals[0] ?? '');
        const before = (await cli.store.listUserSessions(target.id)).length;
        const user = await disableUser(cli.deps, target.id, CLI_ACTOR);
        io.out(`disabled ${describeUser(user)}revoked ${before} session(s)\n`);
        return 0;
      });
    },
  },
  {
    name: 'users enable',
    synopsis: 'users enable <email-or-id>',
    summary: 'enable a disabled user again (they sign in anew)',
    positionals: [1, 1],
    async run({ positionals, env, io }) {
      return withCliStore(env, async (cli) => {
        const target = await resolveCliUser(cli.store, positionals[0] ?? '');
        io.out(`enabled ${describeUser(await enableUser(cli.deps, target.id, CLI_ACTOR))}`);
        return 0;
      });
    },
  },
  {
    name: 'users set-roles',
    synopsis: 'users set-roles <email-or-id> [<role>...]',
    summary: "replace a user's roles (none given: no roles); the next access token carries them",
    details: 'No session is revoked. Example: tessera users set-roles alice@example.com admin support',
    positionals: [1, Infinity],
    async run({ positionals, env, io }) {
      const [who = '', ...roleArgs] = positionals;
      const roles = readRoles(roleArgs);
      return withCliStore(env, async (cli) => {
        const target = await resolveCliUser(cli.store, who);
        io.out(`updated ${describeUser(await setUserRoles(cli.deps, target.id, roles, CLI_ACTOR))}`);
        return 0;
      });
    },
  },
  {
    name: 'users verify-email',
    synopsis: 'users verify-email <email-or-id>',
    summary: "mark a user's address verified without a mailed link (you checked it another way)",
    details: 'Example: tessera users verify-email alice@example.com',
    positionals: [1, 1],
    async run({ positionals, env, io }) {
      return withCliStore(env, async (cli) => {
        const target = await resolveCliUser(cli.store, positionals[0] ?? '');
        const user = await markUserEmailVerified(cli.deps, target.id, CLI_ACTOR);
        io.out(`verified the address of ${describeUser(user)}`);
        return 0;
      });
    },
  },
  {
    name: 'users identities',
    synopsis: 'users identities <email-or-id>',
    summary: "list a user's linked sign-in providers (provider, subject, address, linked at)",
    positionals: [1, 1],
    async run({ positionals, env, io }) {
      return withCliStore(env, async (cli) => {
        const target = await resolveCliUser(cli.store, positionals[0] ?? '');
        const identities = await cli.store.listUserIdentities(target.id);
        io.out(
          formatTable(
            ['PROVIDER', 'SUBJECT', 'EMAIL', 'VERIFIED', 'LINKED'],
            identities.map((identity) => [
              identity.provider,
              identity.subject,
              identity.email,
              identity.emailVerified ? 'yes' : 'no',
              identity.linkedAt.toISOString(),
            ]),
          ),
        );
        io.out(`${target.passwordHash === null ? 'no password' : 'has a password'}\n`);
        return 0;
      });
    },
  },
];
