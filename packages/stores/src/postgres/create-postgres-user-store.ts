import pg from 'pg';
import type { UserRecord, UserStore } from '@tessera/core/store';
import { checkEmailVerified } from '../lib/check-email-verified.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { checkRoles } from '../lib/check-roles.js';
import { checkUserBatch } from '../lib/check-user-batch.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `users` as the driver returns it (`jsonb` parsed, `timestamptz` as `Date`). */
interface UserRow {
  id: string;
  email: string;
  password_hash: string | null;
  roles: string[];
  created_at: Date;
  disabled_at: Date | null;
  email_verified: boolean;
}

const columns = 'id, email, password_hash, roles, created_at, disabled_at, email_verified';

/**
 * The user part of the PostgreSQL store. Its SQL is written here for the store's schema, next to the
 * only code that runs it.
 *
 * @example
 * const users = createPostgresUserStore(connection);
 */
export function createPostgresUserStore({ schema, query, withClient }: PostgresConnection): UserStore {
  const users = `${pg.escapeIdentifier(schema)}.users`;
  const sql = {
    // ON CONFLICT names the email constraint only: a taken email inserts nothing (rowCount 0), while a
    // duplicate id or a bad value still fails, since those are bugs and must not read as "email taken".
    insert: `INSERT INTO ${users} (${columns})
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
       ON CONFLICT (email) DO NOTHING`,
    getById: `SELECT ${columns} FROM ${users} WHERE id = $1`,
    getByEmail: `SELECT ${columns} FROM ${users} WHERE email = $1`,
    // $1 id, $2 hash.
    updatePasswordHash: `UPDATE ${users} SET password_hash = $2 WHERE id = $1`,
    // $1 substring or NULL, $2 the email to page after or NULL, $3 limit. strpos, not LIKE: the search
    // string is literal. COLLATE "C" orders by UTF-8 bytes, the order every store pages in, whatever the
    // database's collation.
    list: `SELECT ${columns} FROM ${users}
       WHERE ($1::text IS NULL OR strpos(email, $1::text) > 0)
         AND ($2::text IS NULL OR email COLLATE "C" > $2::text COLLATE "C")
       ORDER BY email COLLATE "C" LIMIT $3`,
    // $1 id, $2 instant or NULL.
    updateDisabledAt: `UPDATE ${users} SET disabled_at = $2 WHERE id = $1 RETURNING ${columns}`,
    // $1 id, $2 roles as JSON text.
    updateRoles: `UPDATE ${users} SET roles = $2::jsonb WHERE id = $1 RETURNING ${columns}`,
    // $1 role, $2 limit. A scan: it runs only when an administrator is about to lose the role.
    listEnabledIdsWithRole: `SELECT id FROM ${users}
       WHERE disabled_at IS NULL AND roles @> jsonb_build_array($1::text)
       ORDER BY id COLLATE "C" LIMIT $2`,
    // An import checks the emails and inserts under this lock, so a registration cannot take one of
    // them in between (registrations only wait for the import's commit; reads are not blocked).
    lock: `LOCK TABLE ${users} IN SHARE ROW EXCLUSIVE MODE`,
    // $1 emails (text[]).
    findTakenEmails: `SELECT email FROM ${users} WHERE email = ANY($1::text[])`,
    // $1 id, $2 the address the link went to: only while the user still has it.
    markEmailVerified: `UPDATE ${users} SET email_verified = true WHERE id = $1 AND email = $2
       RETURNING ${columns}`,
    // $1 id, $2 from, $3 to. A taken address fails on the unique index (23505).
    changeEmail: `UPDATE ${users} SET email = $3, email_verified = true WHERE id = $1 AND email = $2
       RETURNING ${columns}`,
  };

  return {
    async insertUser(user) {
      const values = userToValues(user);
      return (await query('insertUser', sql.insert, values)).rowCount === 1;
    },

    async getUserById(id) {
      const { rows } = await query<UserRow>('getUserById', sql.getById, [id]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async getUserByEmail(email) {
      const { rows } = await query<UserRow>('getUserByEmail', sql.getByEmail, [email]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async updateUserPasswordHash(userId, passwordHash) {
      await query('updateUserPasswordHash', sql.updatePasswordHash, [userId, passwordHash]);
    },

    async listUsers(filter) {
      checkListLimit(filter.limit, 'listUsers');
      const { rows } = await query<UserRow>('listUsers', sql.list, [
        filter.emailContains,
        filter.afterEmail,
        filter.limit,
      ]);
      return rows.map(userFromRow);
    },

    async updateUserDisabledAt(userId, disabledAt) {
      const at = disabledAt === null ? null : formatTimestamp(disabledAt, 'updateUserDisabledAt');
      const { rows } = await query<UserRow>('updateUserDisabledAt', sql.updateDisabledAt, [userId, at]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async listEnabledUserIdsWithRole(role, limit) {
      checkListLimit(limit, 'listEnabledUserIdsWithRole');
      const { rows } = await query<{ id: string }>('listEnabledUserIdsWithRole', sql.listEnabledIdsWithRole, [
        role,
        limit,
      ]);
      return rows.map((row) => row.id);
    },

    async updateUserRoles(userId, roles) {
      checkRoles(roles, 'updateUserRoles');
      const { rows } = await query<UserRow>('updateUserRoles', sql.updateRoles, [
        userId,
        JSON.stringify(roles),
      ]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async insertUsers(batch) {
      checkUserBatch(batch);
      const rows = batch.map(userToValues);
      return withClient('insertUsers', async (client) => {
        if (rows.length === 0) return [];
        await client.query('BEGIN');
        try {
          await client.query(sql.lock);
          const { rows: taken } = await client.query<{ email: string }>(sql.findTakenEmails, [
            batch.map((user) => user.email),
          ]);
          if (taken.length > 0) {
            await client.query('ROLLBACK');
            return taken.map((row) => row.email);
          }
          for (const values of rows) {
            const inserted = await client.query(sql.insert, values);
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
      const { rows } = await query<UserRow>('markUserEmailVerified', sql.markEmailVerified, [userId, email]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async changeUserEmail(userId, fromEmail, toEmail) {
      try {
        const { rows } = await query<UserRow>('changeUserEmail', sql.changeEmail, [
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

// Bound values in `columns` order; an invalid record is a caller bug and throws `TypeError`.
function userToValues(user: UserRecord): unknown[] {
  return [
    user.id,
    user.email,
    user.passwordHash,
    // Bound as JSON text: the driver would send a JavaScript array as a PostgreSQL array, not jsonb.
    JSON.stringify(user.roles),
    formatTimestamp(user.createdAt, 'insertUser: createdAt'),
    user.disabledAt === null ? null : formatTimestamp(user.disabledAt, 'insertUser: disabledAt'),
    checkEmailVerified(user.emailVerified),
  ];
}

function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    roles: row.roles,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    emailVerified: row.email_verified,
  };
}
