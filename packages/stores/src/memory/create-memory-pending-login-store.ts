import type { PendingLoginRecord, PendingLoginStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkMaxFailures, checkPendingLogin } from '../lib/check-second-factor-arguments.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The pending-login part of the memory store (logins waiting for their second step).
 *
 * @example
 * const pendingLogins = createMemoryPendingLoginStore(gate, (id) => users.has(id));
 */
export function createMemoryPendingLoginStore(
  gate: MemoryGate,
  hasUser: (userId: string) => boolean,
): PendingLoginStore {
  const logins = new Map<string, PendingLoginRecord>();
  const { run } = gate;
  gate.onClose(() => {
    logins.clear();
  });

  return {
    insertPendingLogin(login) {
      return run(() => {
        checkPendingLogin(login);
        if (logins.has(login.id)) throw new Error('insertPendingLogin: a pending login with this id exists.');
        if (!hasUser(login.userId)) throw new Error('insertPendingLogin: no such user.');
        logins.set(login.id, copyLogin(login));
      });
    },

    getPendingLogin(id) {
      return run(() => {
        const login = logins.get(id);
        return login === undefined ? null : copyLogin(login);
      });
    },

    recordPendingLoginFailure(id, maxFailures) {
      return run(() => {
        checkMaxFailures(maxFailures);
        const login = logins.get(id);
        if (login === undefined) return null;
        login.failures += 1;
        if (login.failures >= maxFailures) logins.delete(id);
        return login.failures;
      });
    },

    deletePendingLogin(id) {
      return run(() => logins.delete(id));
    },

    deleteExpiredPendingLogins(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredPendingLogins: now');
        let count = 0;
        for (const [id, login] of logins) {
          if (login.expiresAt.getTime() <= nowMillis) {
            logins.delete(id);
            count += 1;
          }
        }
        return count;
      });
    },
  };
}

function copyLogin(login: PendingLoginRecord): PendingLoginRecord {
  return {
    ...login,
    amr: [...login.amr],
    createdAt: new Date(login.createdAt.getTime()),
    expiresAt: new Date(login.expiresAt.getTime()),
  };
}
