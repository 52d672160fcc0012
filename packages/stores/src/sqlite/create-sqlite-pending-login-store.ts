import type {
  AuthenticationMethod,
  PendingLoginRecord,
  PendingLoginStore,
  SessionTransport,
} from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkMaxFailures, checkPendingLogin } from '../lib/check-second-factor-arguments.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `pending_logins`. */
interface PendingLoginRow {
  id: string;
  secret_hash: string;
  user_id: string;
  transport: string;
  amr: string;
  created_at: number;
  expires_at: number;
  failures: number;
}

const columns = 'id, secret_hash, user_id, transport, amr, created_at, expires_at, failures';

/**
 * The pending-login part of the SQLite store (migration 4). Statements are prepared here, once.
 *
 * @example
 * const pendingLogins = createSqlitePendingLoginStore(connection);
 */
export function createSqlitePendingLoginStore({ db, run }: SqliteConnection): PendingLoginStore {
  const statements = {
    insert: db.prepare<PendingLoginRow>(
      `INSERT INTO pending_logins (${columns})
       VALUES (@id, @secret_hash, @user_id, @transport, @amr, @created_at, @expires_at, @failures)`,
    ),
    get: db.prepare<[string], PendingLoginRow>(`SELECT ${columns} FROM pending_logins WHERE id = ?`),
    fail: db.prepare<[string], { failures: number }>(
      'UPDATE pending_logins SET failures = failures + 1 WHERE id = ? RETURNING failures',
    ),
    delete: db.prepare<[string]>('DELETE FROM pending_logins WHERE id = ?'),
    deleteExpired: db.prepare<[number]>('DELETE FROM pending_logins WHERE expires_at <= ?'),
  };
  // One transaction: the count and the delete at the bound are one step for every process.
  const recordFailure = db.transaction((id: string, maxFailures: number): number | null => {
    const row = statements.fail.get(id);
    if (row === undefined) return null;
    if (row.failures >= maxFailures) statements.delete.run(id);
    return row.failures;
  });

  return {
    insertPendingLogin(login) {
      return run('insertPendingLogin', () => {
        const { createdAtMillis, expiresAtMillis } = checkPendingLogin(login);
        statements.insert.run({
          id: login.id,
          secret_hash: login.secretHash,
          user_id: login.userId,
          transport: login.transport,
          amr: JSON.stringify(login.amr),
          created_at: createdAtMillis,
          expires_at: expiresAtMillis,
          failures: login.failures,
        });
      });
    },

    getPendingLogin(id) {
      return run('getPendingLogin', () => {
        const row = statements.get.get(id);
        return row === undefined ? null : loginFromRow(row);
      });
    },

    recordPendingLoginFailure(id, maxFailures) {
      return run('recordPendingLoginFailure', () =>
        recordFailure.immediate(id, checkMaxFailures(maxFailures)),
      );
    },

    deletePendingLogin(id) {
      return run('deletePendingLogin', () => statements.delete.run(id).changes === 1);
    },

    deleteExpiredPendingLogins(now) {
      return run(
        'deleteExpiredPendingLogins',
        () => statements.deleteExpired.run(checkDate(now, 'deleteExpiredPendingLogins: now')).changes,
      );
    },
  };
}

function loginFromRow(row: PendingLoginRow): PendingLoginRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    // CHECK constraints admit only the three transports and a JSON array of checked methods.
    transport: row.transport as SessionTransport,
    amr: JSON.parse(row.amr) as AuthenticationMethod[],
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    failures: row.failures,
  };
}
