import type { UserRecord, UserStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkEmailVerified } from '../lib/check-email-verified.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { checkRoles } from '../lib/check-roles.js';
import { checkUserBatch } from '../lib/check-user-batch.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `users`. Instants are INTEGER milliseconds (see migrations.ts); roles are JSON text. */
interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  roles: string;
  created_at: number;
  disabled_at: number | null;
  email_verified: number;
}

const columns = 'id, email, password_hash, roles, created_at, disabled_at, email_verified';

/**
 * The user part of the SQLite store. Its statements are prepared here, next to the only code that runs
 * them, when the store opens (the schema is migrated by then).
 *
 * @example
 * const users = createSqliteUserStore(connection);
 */
export function createSqliteUserStore({ db, run }: SqliteConnection): UserStore {
  const statements = {
    // ON CONFLICT names the email constraint only: a taken email inserts nothing (changes = 0), while a
    // duplicate id or a bad value still fails, since those are bugs and must not read as "email taken".
    insert: db.prepare<UserRow>(
      `INSERT INTO users (${columns})
       VALUES (@id, @email, @password_hash, @roles, @created_at, @disabled_at, @email_verified)
       ON CONFLICT (email) DO NOTHING`,
    ),
    getById: db.prepare<[string], UserRow>(`SELECT ${columns} FROM users WHERE id = ?`),
    getByEmail: db.prepare<[string], UserRow>(`SELECT ${columns} FROM users WHERE email = ?`),
    updatePasswordHash: db.prepare<{ id: string; passwordHash: string }>(
      'UPDATE users SET password_hash = @passwordHash WHERE id = @id',
    ),
    // instr, not LIKE: the search string is taken literally (no % or _ wildcards to escape). The BINARY
    // collation orders by UTF-8 bytes, the order every store pages in.
    list: db.prepare<{ emailContains: string | null; afterEmail: string | null; limit: number }, UserRow>(
      `SELECT ${columns} FROM users
       WHERE (@emailContains IS NULL OR instr(email, @emailContains) > 0)
         AND (@afterEmail IS NULL OR email > @afterEmail)
       ORDER BY email LIMIT @limit`,
    ),
    updateDisabledAt: db.prepare<{ id: string; disabledAt: number | null }, UserRow>(
      `UPDATE users SET disabled_at = @disabledAt WHERE id = @id RETURNING ${columns}`,
    ),
    updateRoles: db.prepare<{ id: string; roles: string }, UserRow>(
      `UPDATE users SET roles = @roles WHERE id = @id RETURNING ${columns}`,
    ),
    // A scan of the users table: it runs only when an administrator is about to lose the role.
    listEnabledIdsWithRole: db.prepare<{ role: string; limit: number }, { id: string }>(
      `SELECT id FROM users
       WHERE disabled_at IS NULL AND EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = @role)
       ORDER BY id LIMIT @limit`,
    ),
    markEmailVerified: db.prepare<{ id: string; email: string }, UserRow>(
      `UPDATE users SET email_verified = 1 WHERE id = @id AND email = @email RETURNING ${columns}`,
    ),
    changeEmail: db.prepare<{ id: string; fromEmail: string; toEmail: string }, UserRow>(
      `UPDATE users SET email = @toEmail, email_verified = 1 WHERE id = @id AND email = @fromEmail
       RETURNING ${columns}`,
    ),
  };

  // The taken check and the update in one write transaction: no other process can take the address between.
  const changeUserEmailRow = db.transaction(
    (params: { id: string; fromEmail: string; toEmail: string }): UserRow | null | false => {
      const holder = statements.getByEmail.get(params.toEmail);
      if (holder !== undefined && holder.id !== params.id) return false;
      return statements.changeEmail.get(params) ?? null;
    },
  );

  // All users or none. The taken emails are read inside the write transaction (IMMEDIATE), so no other
  // process can take one between the check and the inserts.
  const insertUserRows = db.transaction((rows: readonly UserRow[]): string[] => {
    const taken = rows.filter((row) => statements.getByEmail.get(row.email) !== undefined);
    if (taken.length > 0) return taken.map((row) => row.email);
    for (const row of rows) {
      if (statements.insert.run(row).changes !== 1) throw new Error('insertUsers: an email was taken.');
    }
    return [];
  });

  return {
    insertUser(user) {
      return run('insertUser', () => statements.insert.run(userToRow(user)).changes === 1);
    },

    getUserById(id) {
      return run('getUserById', () => {
        const row = statements.getById.get(id);
        return row === undefined ? null : userFromRow(row);
      });
    },

    getUserByEmail(email) {
      return run('getUserByEmail', () => {
        const row = statements.getByEmail.get(email);
        return row === undefined ? null : userFromRow(row);
      });
    },

    updateUserPasswordHash(userId, passwordHash) {
      return run('updateUserPasswordHash', () => {
        statements.updatePasswordHash.run({ id: userId, passwordHash });
      });
    },

    listUsers(query) {
      return run('listUsers', () => {
        checkListLimit(query.limit, 'listUsers');
        return statements.list
          .all({ emailContains: query.emailContains, afterEmail: query.afterEmail, limit: query.limit })
          .map(userFromRow);
      });
    },

    updateUserDisabledAt(userId, disabledAt) {
      return run('updateUserDisabledAt', () => {
        const at = disabledAt === null ? null : checkDate(disabledAt, 'updateUserDisabledAt');
        const row = statements.updateDisabledAt.get({ id: userId, disabledAt: at });
        return row === undefined ? null : userFromRow(row);
      });
    },

    listEnabledUserIdsWithRole(role, limit) {
      return run('listEnabledUserIdsWithRole', () => {
        checkListLimit(limit, 'listEnabledUserIdsWithRole');
        return statements.listEnabledIdsWithRole.all({ role, limit }).map((row) => row.id);
      });
    },

    updateUserRoles(userId, roles) {
      return run('updateUserRoles', () => {
        checkRoles(roles, 'updateUserRoles');
        const row = statements.updateRoles.get({ id: userId, roles: JSON.stringify(roles) });
        return row === undefined ? null : userFromRow(row);
      });
    },

    insertUsers(users) {
      return run('insertUsers', () => {
        checkUserBatch(users);
        return insertUserRows.immediate(users.map(userToRow));
      });
    },

    markUserEmailVerified(userId, email) {
      return run('markUserEmailVerified', () => {
        const row = statements.markEmailVerified.get({ id: userId, email });
        return row === undefined ? null : userFromRow(row);
      });
    },

    changeUserEmail(userId, fromEmail, toEmail) {
      return run('changeUserEmail', () => {
        const row = changeUserEmailRow.immediate({ id: userId, fromEmail, toEmail });
        return row === null || row === false ? row : userFromRow(row);
      });
    },
  };
}

// An invalid Date is refused with a TypeError (a caller bug) rather than stored as NULL.
function userToRow(user: UserRecord): UserRow {
  return {
    id: user.id,
    email: user.email,
    // '' is "no password" (migration 5): the column is NOT NULL in SQLite.
    password_hash: user.passwordHash ?? '',
    roles: JSON.stringify(user.roles),
    created_at: checkDate(user.createdAt, 'insertUser: createdAt'),
    disabled_at: user.disabledAt === null ? null : checkDate(user.disabledAt, 'insertUser: disabledAt'),
    email_verified: checkEmailVerified(user.emailVerified) ? 1 : 0,
  };
}

function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash === '' ? null : row.password_hash,
    roles: JSON.parse(row.roles) as string[],
    createdAt: new Date(row.created_at),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
    emailVerified: row.email_verified === 1,
  };
}
