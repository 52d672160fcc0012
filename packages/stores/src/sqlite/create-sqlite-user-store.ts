import type { UserStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { checkRoles } from '../lib/check-roles.js';
import { checkUserBatch } from '../lib/check-user-batch.js';
import { userFromRow, userToRow } from './sqlite-rows.js';
import type { UserRow } from './sqlite-rows.js';
import type { SqliteConnection } from './sqlite-connection.js';

/**
 * The user part of the SQLite store.
 *
 * @example
 * const users = createSqliteUserStore(connection);
 */
export function createSqliteUserStore({ db, statements, run }: SqliteConnection): UserStore {
  const userColumns = 'id, email, password_hash, roles, created_at, disabled_at, email_verified';
  const markEmailVerified = db.prepare<{ id: string; email: string }, UserRow>(
    `UPDATE users SET email_verified = 1 WHERE id = @id AND email = @email RETURNING ${userColumns}`,
  );
  const changeEmail = db.prepare<{ id: string; fromEmail: string; toEmail: string }, UserRow>(
    `UPDATE users SET email = @toEmail, email_verified = 1 WHERE id = @id AND email = @fromEmail
     RETURNING ${userColumns}`,
  );
  // The taken check and the update in one write transaction: no other process can take the address between.
  const changeUserEmailRow = db.transaction(
    (params: { id: string; fromEmail: string; toEmail: string }): UserRow | null | false => {
      const holder = statements.getUserByEmail.get(params.toEmail);
      if (holder !== undefined && holder.id !== params.id) return false;
      return changeEmail.get(params) ?? null;
    },
  );

  // All users or none. The taken emails are read inside the write transaction (IMMEDIATE), so no other
  // process can take one between the check and the inserts.
  const insertUserRows = db.transaction((rows: readonly UserRow[]): string[] => {
    const taken = rows.filter((row) => statements.getUserByEmail.get(row.email) !== undefined);
    if (taken.length > 0) return taken.map((row) => row.email);
    for (const row of rows) {
      if (statements.insertUser.run(row).changes !== 1) throw new Error('insertUsers: an email was taken.');
    }
    return [];
  });

  return {
    insertUser(user) {
      return run('insertUser', () => statements.insertUser.run(userToRow(user)).changes === 1);
    },

    getUserById(id) {
      return run('getUserById', () => {
        const row = statements.getUserById.get(id);
        return row === undefined ? null : userFromRow(row);
      });
    },

    getUserByEmail(email) {
      return run('getUserByEmail', () => {
        const row = statements.getUserByEmail.get(email);
        return row === undefined ? null : userFromRow(row);
      });
    },

    updateUserPasswordHash(userId, passwordHash) {
      return run('updateUserPasswordHash', () => {
        statements.updateUserPasswordHash.run({ id: userId, passwordHash });
      });
    },

    listUsers(query) {
      return run('listUsers', () => {
        checkListLimit(query.limit, 'listUsers');
        return statements.listUsers
          .all({ emailContains: query.emailContains, afterEmail: query.afterEmail, limit: query.limit })
          .map(userFromRow);
      });
    },

    updateUserDisabledAt(userId, disabledAt) {
      return run('updateUserDisabledAt', () => {
        const at = disabledAt === null ? null : checkDate(disabledAt, 'updateUserDisabledAt');
        const row = statements.updateUserDisabledAt.get({ id: userId, disabledAt: at });
        return row === undefined ? null : userFromRow(row);
      });
    },

    listEnabledUserIdsWithRole(role, limit) {
      return run('listEnabledUserIdsWithRole', () => {
        checkListLimit(limit, 'listEnabledUserIdsWithRole');
        return statements.listEnabledUserIdsWithRole.all({ role, limit }).map((row) => row.id);
      });
    },

    updateUserRoles(userId, roles) {
      return run('updateUserRoles', () => {
        checkRoles(roles, 'updateUserRoles');
        const row = statements.updateUserRoles.get({ id: userId, roles: JSON.stringify(roles) });
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
        const row = markEmailVerified.get({ id: userId, email });
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
