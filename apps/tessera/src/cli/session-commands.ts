import { revokeSessions, revokeUserSessions, sessionExpiresAt } from '@tessera/core/session';
import { CLI_ACTOR } from './cli-actor.js';
import { CliFailure, CliUsageError, type CliCommand } from './cli-command.js';
import { formatTable } from './format-table.js';
import { withCliStore } from './open-cli-store.js';
import { resolveCliUser } from './resolve-cli-user.js';

/**
 * `sessions list|revoke`.
 *
 * @example
 * for (const command of sessionCommands) table.set(command.name, command);
 */
export const sessionCommands: readonly CliCommand[] = [
  {
    name: 'sessions list',
    synopsis: 'sessions list --user <email-or-id>',
    summary: "list a user's live sessions (devices)",
    options: { user: { type: 'string' } },
    positionals: [0, 0],
    async run({ values, env, io }) {
      const who = values['user'];
      if (typeof who !== 'string') throw new CliUsageError('--user is required');
      return withCliStore(env, async (cli) => {
        const user = await resolveCliUser(cli.store, who);
        const now = cli.deps.clock.now().getTime();
        const sessions = (await cli.store.listUserSessions(user.id)).filter(
          (session) => sessionExpiresAt(session).getTime() > now,
        );
        io.out(
          formatTable(
            ['ID', 'TRANSPORT', 'CREATED', 'LAST SEEN', 'EXPIRES', 'IP', 'USER AGENT'],
            sessions.map((session) => [
              session.id,
              session.transport,
              session.createdAt.toISOString(),
              session.lastSeenAt.toISOString(),
              sessionExpiresAt(session).toISOString(),
              session.ip ?? '-',
              (session.userAgent ?? '-').slice(0, 60),
            ]),
          ),
        );
        return 0;
      });
    },
  },
  {
    name: 'sessions revoke',
    synopsis: 'sessions revoke --user <email-or-id> | --session <id>',
    summary: 'revoke every session of a user, or one session; running servers refuse them at once',
    options: { user: { type: 'string' }, session: { type: 'string' } },
    positionals: [0, 0],
    async run({ values, env, io }) {
      const who = values['user'];
      const sessionId = values['session'];
      if ((typeof who === 'string') === (typeof sessionId === 'string')) {
        throw new CliUsageError('give exactly one of --user and --session');
      }
      return withCliStore(env, async (cli) => {
        if (typeof who === 'string') {
          const user = await resolveCliUser(cli.store, who);
          const revoked = await revokeUserSessions(cli.deps, null, {
            userId: user.id,
            reason: 'admin',
            actorSessionId: null,
            origin: null,
            admin: CLI_ACTOR,
          });
          io.out(`revoked ${revoked.length} session(s) of ${user.email}\n`);
          return 0;
        }
        const session = await cli.store.getSession(String(sessionId));
        if (session === null)
          throw new CliFailure(`no session with the id ${JSON.stringify(String(sessionId).slice(0, 64))}`);
        await revokeSessions(cli.deps, [session.id], {
          userId: session.userId,
          reason: 'admin',
          actorSessionId: null,
          origin: null,
          admin: CLI_ACTOR,
        });
        io.out(`revoked session ${session.id}\n`);
        return 0;
      });
    },
  },
];
