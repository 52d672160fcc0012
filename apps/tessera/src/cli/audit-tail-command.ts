import type { AuditEvent, AuditEventType } from '@tessera/core/store';
import { CliUsageError, type CliCommand } from './cli-command.js';
import { withCliStore } from './open-cli-store.js';
import { resolveCliUser } from './resolve-cli-user.js';

const FOLLOW_INTERVAL_MS = 1000;
/** How many events one follow read looks at (more in one second are printed over the next reads). */
const FOLLOW_PAGE = 200;
const SEEN_IDS = 10_000;

/**
 * One event on one line: time, type, user, session, ip, then the detail as `key=value`. The user
 * agent is left out (long, and not needed to follow what happens); nothing secret is in an event.
 *
 * @example
 * formatAuditEvent(event); // '2030-01-01T00:00:00.000Z  user.disabled  user=… session=- ip=- via=cli'
 */
export function formatAuditEvent(event: AuditEvent): string {
  const detail = Object.entries(event.detail)
    .map(([key, value]) => `${key}=${value === null ? '-' : String(value)}`)
    .join(' ');
  return (
    [
      event.at.toISOString(),
      event.type,
      `user=${event.userId ?? '-'}`,
      `session=${event.sessionId ?? '-'}`,
      `ip=${event.ip ?? '-'}`,
      detail,
    ]
      .join('  ')
      .trimEnd()
      // One event, one line, whatever a field holds.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, ' ') + '\n'
  );
}

/**
 * `audit tail`: recent audit events, oldest first, and with `--follow` new ones as they come.
 *
 * @example
 * table.set(auditTailCommand.name, auditTailCommand);
 */
export const auditTailCommand: CliCommand = {
  name: 'audit tail',
  synopsis: 'audit tail [--user <email-or-id>] [--type <type>] [--limit <n>] [--follow]',
  summary: 'print recent audit events, one line each (--follow: keep printing new ones)',
  details:
    'Types: user.registered, login.succeeded, login.failed, login.throttled, logout, session.revoked,\n' +
    'password.changed, password.rehashed, refresh_token.reused, user.disabled, user.enabled,\n' +
    'user.roles_changed, users.imported, passkey.registered, passkey.registration_failed,\n' +
    'passkey.login_failed, passkey.renamed, passkey.removed. --limit: 1 to 1000 (default 20).',
  options: {
    user: { type: 'string' },
    type: { type: 'string' },
    limit: { type: 'string' },
    follow: { type: 'boolean', default: false },
  },
  positionals: [0, 0],
  async run({ values, env, io }) {
    const limitText = (values['limit'] as string | undefined) ?? '20';
    const limit = /^[0-9]{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= 1000))
      throw new CliUsageError('--limit must be a whole number from 1 to 1000');
    const typeText = values['type'] as string | undefined;
    if (typeText !== undefined && !/^[a-z_]+(\.[a-z_]+)?$/.test(typeText)) {
      throw new CliUsageError(`unknown event type ${JSON.stringify(typeText.slice(0, 40))}`);
    }
    const type = (typeText ?? null) as AuditEventType | null;
    return withCliStore(env, async (cli) => {
      const who = values['user'];
      const userId = typeof who === 'string' ? (await resolveCliUser(cli.store, who)).id : null;
      const recent = await cli.store.listAuditEvents({ userId, type, before: null, limit });
      for (const event of [...recent].reverse()) io.out(formatAuditEvent(event));
      if (values['follow'] !== true) return 0;
      // The store lists newest first and has no "after": each read takes the newest page and prints
      // the events not printed yet, oldest first.
      const seen = new Set(recent.map((event) => event.id));
      const signal = io.signal;
      while (!isAborted(signal)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, FOLLOW_INTERVAL_MS);
          signal?.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              resolve();
            },
            { once: true },
          );
        });
        if (isAborted(signal)) break;
        const page = await cli.store.listAuditEvents({ userId, type, before: null, limit: FOLLOW_PAGE });
        for (const event of page.reverse()) {
          if (seen.has(event.id)) continue;
          seen.add(event.id);
          io.out(formatAuditEvent(event));
        }
        if (seen.size > SEEN_IDS) {
          const keep = [...seen].slice(-SEEN_IDS / 2);
          seen.clear();
          for (const id of keep) seen.add(id);
        }
      }
      return 0;
    });
  },
};

// A function, not an inline check: the signal changes while the loop awaits, which narrowing cannot see.
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
