import type { IdentityRecord, IdentityStore } from '@tessera/core/store';
import type { Statement } from 'better-sqlite3';
import { checkDate } from '../lib/check-date.js';
import type { SqliteConnection } from './sqlite-connection.js';

interface IdentityRow {
  provider: string;
  subject: string;
  user_id: string;
  email: string;
  email_verified: number;
  linked_at: number;
}

const columns = 'provider, subject, user_id, email, email_verified, linked_at';

/**
 * The provider-identity part of the SQLite store (DESIGN §8). Its statements are prepared here, next
 * to the part, when the store opens (the schema is migrated by then).
 *
 * @example
 * const identities = createSqliteIdentityStore(connection);
 */
export function createSqliteIdentityStore({ db, run }: SqliteConnection): IdentityStore {
  const insert: Statement<IdentityRow> = db.prepare(
    `INSERT INTO identities (${columns})
     VALUES (@provider, @subject, @user_id, @email, @email_verified, @linked_at)
     ON CONFLICT DO NOTHING`,
  );
  const get: Statement<[string, string], IdentityRow> = db.prepare(
    `SELECT ${columns} FROM identities WHERE provider = ? AND subject = ?`,
  );
  const list: Statement<[string], IdentityRow> = db.prepare(
    `SELECT ${columns} FROM identities WHERE user_id = ? ORDER BY provider`,
  );
  const remove: Statement<[string, string]> = db.prepare(
    'DELETE FROM identities WHERE user_id = ? AND provider = ?',
  );
  return {
    insertIdentity(identity) {
      return run('insertIdentity', () => {
        const row: IdentityRow = {
          provider: identity.provider,
          subject: identity.subject,
          user_id: identity.userId,
          email: identity.email,
          email_verified: identity.emailVerified ? 1 : 0,
          linked_at: checkDate(identity.linkedAt, 'insertIdentity: linkedAt'),
        };
        // ON CONFLICT DO NOTHING covers both unique keys; an unknown user still fails the FOREIGN KEY.
        return insert.run(row).changes === 1;
      });
    },

    getIdentity(provider, subject) {
      return run('getIdentity', () => {
        const row = get.get(provider, subject);
        return row === undefined ? null : identityFromRow(row);
      });
    },

    listUserIdentities(userId) {
      return run('listUserIdentities', () => list.all(userId).map(identityFromRow));
    },

    deleteIdentity(userId, provider) {
      return run('deleteIdentity', () => remove.run(userId, provider).changes === 1);
    },
  };
}

function identityFromRow(row: IdentityRow): IdentityRecord {
  return {
    provider: row.provider,
    subject: row.subject,
    userId: row.user_id,
    email: row.email,
    emailVerified: row.email_verified === 1,
    linkedAt: new Date(row.linked_at),
  };
}
