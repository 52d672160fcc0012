import type { EmailTokenPurpose, EmailTokenRecord, EmailTokenStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkEmailToken, checkEmailTokenPurpose } from '../lib/check-email-token.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `email_tokens`. */
interface EmailTokenRow {
  id: string;
  secret_hash: string;
  purpose: string;
  user_id: string;
  email: string;
  created_at: number;
  expires_at: number;
}

const columns = 'id, secret_hash, purpose, user_id, email, created_at, expires_at';

/**
 * The email-token part of the SQLite store. Its statements are prepared here, next to the only code
 * that runs them.
 *
 * @example
 * const emailTokens = createSqliteEmailTokenStore(connection);
 */
export function createSqliteEmailTokenStore({ db, run }: SqliteConnection): EmailTokenStore {
  const insert = db.prepare<EmailTokenRow>(
    `INSERT INTO email_tokens (${columns})
     VALUES (@id, @secret_hash, @purpose, @user_id, @email, @created_at, @expires_at)`,
  );
  const get = db.prepare<{ id: string; now: number }, EmailTokenRow>(
    `SELECT ${columns} FROM email_tokens WHERE id = @id AND expires_at > @now`,
  );
  // One DELETE … RETURNING: of two concurrent takes (two processes on the file), one gets the row.
  const take = db.prepare<{ id: string; secretHash: string; now: number }, EmailTokenRow>(
    `DELETE FROM email_tokens WHERE id = @id AND secret_hash = @secretHash AND expires_at > @now
     RETURNING ${columns}`,
  );
  const deleteOfUser = db.prepare<{ userId: string; purpose: string; exceptId: string | null }>(
    `DELETE FROM email_tokens
     WHERE user_id = @userId AND purpose = @purpose AND (@exceptId IS NULL OR id <> @exceptId)`,
  );
  const deleteExpired = db.prepare<[number]>('DELETE FROM email_tokens WHERE expires_at <= ?');

  return {
    insertEmailToken(token) {
      return run('insertEmailToken', () => {
        const { createdAtMillis, expiresAtMillis } = checkEmailToken(token);
        insert.run({
          id: token.id,
          secret_hash: token.secretHash,
          purpose: token.purpose,
          user_id: token.userId,
          email: token.email,
          created_at: createdAtMillis,
          expires_at: expiresAtMillis,
        });
      });
    },

    getEmailToken(id, now) {
      return run('getEmailToken', () => {
        const row = get.get({ id, now: checkDate(now, 'getEmailToken: now') });
        return row === undefined ? null : tokenFromRow(row);
      });
    },

    takeEmailToken(id, secretHash, now) {
      return run('takeEmailToken', () => {
        const row = take.get({ id, secretHash, now: checkDate(now, 'takeEmailToken: now') });
        return row === undefined ? null : tokenFromRow(row);
      });
    },

    deleteUserEmailTokens(userId, purpose, exceptId) {
      return run('deleteUserEmailTokens', () => {
        checkEmailTokenPurpose(purpose, 'deleteUserEmailTokens');
        return deleteOfUser.run({ userId, purpose, exceptId }).changes;
      });
    },

    deleteExpiredEmailTokens(now) {
      return run(
        'deleteExpiredEmailTokens',
        () => deleteExpired.run(checkDate(now, 'deleteExpiredEmailTokens: now')).changes,
      );
    },
  };
}

function tokenFromRow(row: EmailTokenRow): EmailTokenRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    // The CHECK constraint on the column admits only the three purposes.
    purpose: row.purpose as EmailTokenPurpose,
    userId: row.user_id,
    email: row.email,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}
