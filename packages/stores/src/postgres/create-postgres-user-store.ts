import pg from 'pg';
import type { UserStore } from '@tessera/core/store';
import { checkListLimit } from '../lib/check-list-limit.js';
import { checkRoles } from '../lib/check-roles.js';
import { checkUserBatch } from '../lib/check-user-batch.js';
import { formatTimestamp } from './format-timestamp.js';
import { userFromRow, userToValues } from './postgres-rows.js';
import type { UserRow } from './postgres-rows.js';
import type { PostgresConnection } from './postgres-connection.js';

/**
 * The user part of the PostgreSQL store.
 *
 * @example
 * const users = createPostgresUserStore(connection);
 */
export function createPostgresUserStore({ queries, query, withClient }: PostgresConnection): UserStore {
  return {
    async insertUser(user) {
      const values = userToValues(user);
      return (await query('insertUser', queries.insertUser, values)).rowCount === 1;
    },

    async getUserById(id) {
      const { rows } = await query<UserRow>('getUserById', queries.getUserById, [id]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async getUserByEmail(email) {
      const { rows } = await query<UserRow>('getUserByEmail', queries.getUserByEmail, [email]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async updateUserPasswordHash(userId, passwordHash) {
      await query('updateUserPasswordHash', queries.updateUserPasswordHash, [userId, passwordHash]);
    },

    async listUsers(filter) {
      checkListLimit(filter.limit, 'listUsers');
      const { rows } = await query<UserRow>('listUsers', queries.listUsers, [
        filter.emailContains,
        filter.afterEmail,
        filter.limit,
      ]);
      return rows.map(userFromRow);
    },

    async updateUserDisabledAt(userId, disabledAt) {
      const at = disabledAt === null ? null : formatTimestamp(disabledAt, 'updateUserDisabledAt');
      const { rows } = await query<UserRow>('updateUserDisabledAt', queries.updateUserDisabledAt, [
        userId,
        at,
      ]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async listEnabledUserIdsWithRole(role, limit) {
      checkListLimit(limit, 'listEnabledUserIdsWithRole');
      const { rows } = await query<{ id: string }>(
        'listEnabledUserIdsWithRole',
        queries.listEnabledUserIdsWithRole,
        [role, limit],
      );
      return rows.map((row) => row.id);
    },

    async updateUserRoles(userId, roles) {
      checkRoles(roles, 'updateUserRoles');
      const { rows } = await query<UserRow>('updateUserRoles', queries.updateUserRoles, [
        userId,
        JSON.stringify(roles),
      ]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async insertUsers(users) {
      checkUserBatch(users);
      const rows = users.map(userToValues);
      return withClient('insertUsers', async (client) => {
        if (rows.length === 0) return [];
        await client.query('BEGIN');
        try {
          await client.query(queries.lockUsers);
          const { rows: taken } = await client.query<{ email: string }>(queries.findTakenEmails, [
            users.map((user) => user.email),
          ]);
          if (taken.length > 0) {
            await client.query('ROLLBACK');
            return taken.map((row) => row.email);
          }
          for (const values of rows) {
            const inserted = await client.query(queries.insertUser, values);
            if (inserted.rowCount !== 1) throw new Error('insertUsers: an email was taken.');
          }
          await client.query('COMMIT');
          return [];
        } catch (error) {
          // Best effort: on a dead connection the server has rolled back already.
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },

    async markUserEmailVerified(userId, email) {
      const { rows } = await query<UserRow>('markUserEmailVerified', queries.markUserEmailVerified, [
        userId,
        email,
      ]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async changeUserEmail(userId, fromEmail, toEmail) {
      try {
        const { rows } = await query<UserRow>('changeUserEmail', queries.changeUserEmail, [
          userId,
          fromEmail,
          toEmail,
        ]);
        return rows[0] === undefined ? null : userFromRow(rows[0]);
      } catch (error) {
        // The unique index on email settles a race with a registration or another change: 23505.
        if (error instanceof pg.DatabaseError && error.code === '23505') return false;
        throw error;
      }
    },
  };
}
