import type { UserRecord, UserStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkEmailVerified } from '../lib/check-email-verified.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { checkRoles } from '../lib/check-roles.js';
import { checkUserBatch } from '../lib/check-user-batch.js';
import { compareEmails } from '../lib/compare-emails.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The user part of the memory store. `users` is shared with the session part, which checks that a
 * session's user exists (as the SQL stores' FOREIGN KEY does).
 *
 * @example
 * const users = createMemoryUserStore(createMemoryGate(), new Map());
 */
export function createMemoryUserStore(gate: MemoryGate, users: Map<string, UserRecord>): UserStore {
  const userIdsByEmail = new Map<string, string>();
  const { run } = gate;
  gate.onClose(() => {
    users.clear();
    userIdsByEmail.clear();
  });

  return {
    insertUser(user) {
      return run(() => {
        checkEmailVerified(user.emailVerified);
        if (userIdsByEmail.has(user.email)) return false;
        // A duplicate id is a caller bug (ids are random), not a taken email: reject like SQLite's PRIMARY KEY.
        if (users.has(user.id)) throw new Error('insertUser: a user with this id already exists.');
        users.set(user.id, copyUser(user));
        userIdsByEmail.set(user.email, user.id);
        return true;
      });
    },

    getUserById(id) {
      return run(() => {
        const user = users.get(id);
        return user === undefined ? null : copyUser(user);
      });
    },

    getUserByEmail(email) {
      return run(() => {
        const id = userIdsByEmail.get(email);
        const user = id === undefined ? undefined : users.get(id);
        return user === undefined ? null : copyUser(user);
      });
    },

    updateUserPasswordHash(userId, passwordHash) {
      return run(() => {
        const user = users.get(userId);
        if (user !== undefined) user.passwordHash = passwordHash;
      });
    },

    listUsers(query) {
      return run(() => {
        checkListLimit(query.limit, 'listUsers');
        const { emailContains, afterEmail } = query;
        return [...users.values()]
          .filter(
            (user) =>
              (emailContains === null || user.email.includes(emailContains)) &&
              (afterEmail === null || compareEmails(user.email, afterEmail) > 0),
          )
          .sort((a, b) => compareEmails(a.email, b.email))
          .slice(0, query.limit)
          .map(copyUser);
      });
    },

    updateUserDisabledAt(userId, disabledAt) {
      return run(() => {
        const at = disabledAt === null ? null : new Date(checkDate(disabledAt, 'updateUserDisabledAt'));
        const user = users.get(userId);
        if (user === undefined) return null;
        user.disabledAt = at;
        return copyUser(user);
      });
    },

    updateUserRoles(userId, roles) {
      return run(() => {
        checkRoles(roles, 'updateUserRoles');
        const user = users.get(userId);
        if (user === undefined) return null;
        user.roles = [...roles];
        return copyUser(user);
      });
    },

    listEnabledUserIdsWithRole(role, limit) {
      return run(() => {
        checkListLimit(limit, 'listEnabledUserIdsWithRole');
        return [...users.values()]
          .filter((user) => user.disabledAt === null && user.roles.includes(role))
          .map((user) => user.id)
          .sort()
          .slice(0, limit);
      });
    },

    insertUsers(batch) {
      return run(() => {
        checkUserBatch(batch);
        const taken = batch.filter((user) => userIdsByEmail.has(user.email)).map((user) => user.email);
        if (taken.length > 0) return taken;
        if (batch.some((user) => users.has(user.id)))
          throw new Error('insertUsers: a user with this id already exists.');
        for (const user of batch) {
          users.set(user.id, copyUser(user));
          userIdsByEmail.set(user.email, user.id);
        }
        return [];
      });
    },

    markUserEmailVerified(userId, email) {
      return run(() => {
        const user = users.get(userId);
        if (user?.email !== email) return null;
        user.emailVerified = true;
        return copyUser(user);
      });
    },

    changeUserEmail(userId, fromEmail, toEmail) {
      return run(() => {
        const user = users.get(userId);
        if (user?.email !== fromEmail) return null;
        if (toEmail === fromEmail) {
          user.emailVerified = true;
          return copyUser(user);
        }
        if (userIdsByEmail.has(toEmail)) return false;
        userIdsByEmail.delete(fromEmail);
        userIdsByEmail.set(toEmail, userId);
        user.email = toEmail;
        user.emailVerified = true;
        return copyUser(user);
      });
    },
  };
}

// Records are copied field by field on the way in and out, so neither the caller nor the store can
// change the other's copy (Dates and arrays are mutable), and stray extra properties are not kept.
function copyUser(user: UserRecord): UserRecord {
  return {
    id: user.id,
    email: user.email,
    passwordHash: user.passwordHash,
    roles: [...user.roles],
    createdAt: new Date(user.createdAt.getTime()),
    disabledAt: user.disabledAt === null ? null : new Date(user.disabledAt.getTime()),
    emailVerified: user.emailVerified,
  };
}
