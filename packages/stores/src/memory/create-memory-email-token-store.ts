import type { EmailTokenRecord, EmailTokenStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkEmailToken, checkEmailTokenPurpose } from '../lib/check-email-token.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The email-token part of the memory store. `hasUser` tells whether a user is stored: a token of no
 * user is refused, as the SQL stores' FOREIGN KEY does.
 *
 * @example
 * const emailTokens = createMemoryEmailTokenStore(createMemoryGate(), (userId) => users.has(userId));
 */
export function createMemoryEmailTokenStore(
  gate: MemoryGate,
  hasUser: (userId: string) => boolean,
): EmailTokenStore {
  const tokens = new Map<string, EmailTokenRecord>();
  const { run } = gate;
  gate.onClose(() => {
    tokens.clear();
  });

  function liveToken(id: string, nowMillis: number): EmailTokenRecord | undefined {
    const token = tokens.get(id);
    // Expired "at or before now", the same boundary as sessions and counters.
    return token !== undefined && token.expiresAt.getTime() > nowMillis ? token : undefined;
  }

  return {
    insertEmailToken(token) {
      return run(() => {
        checkEmailToken(token);
        if (!hasUser(token.userId)) throw new Error('insertEmailToken: no such user.');
        if (tokens.has(token.id)) throw new Error('insertEmailToken: a token with this id already exists.');
        tokens.set(token.id, copyToken(token));
      });
    },

    getEmailToken(id, now) {
      return run(() => {
        const token = liveToken(id, checkDate(now, 'getEmailToken: now'));
        return token === undefined ? null : copyToken(token);
      });
    },

    takeEmailToken(id, secretHash, now) {
      return run(() => {
        const token = liveToken(id, checkDate(now, 'takeEmailToken: now'));
        if (token?.secretHash !== secretHash) return null;
        tokens.delete(id);
        return copyToken(token);
      });
    },

    deleteUserEmailTokens(userId, purpose, exceptId) {
      return run(() => {
        checkEmailTokenPurpose(purpose, 'deleteUserEmailTokens');
        let count = 0;
        for (const [id, token] of tokens) {
          if (token.userId === userId && token.purpose === purpose && id !== exceptId) {
            tokens.delete(id);
            count += 1;
          }
        }
        return count;
      });
    },

    deleteExpiredEmailTokens(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredEmailTokens: now');
        let count = 0;
        for (const [id, token] of tokens) {
          if (token.expiresAt.getTime() <= nowMillis) {
            tokens.delete(id);
            count += 1;
          }
        }
        return count;
      });
    },
  };
}

// Copied field by field on the way in and out, so neither side can change the other's copy.
function copyToken(token: EmailTokenRecord): EmailTokenRecord {
  return {
    id: token.id,
    secretHash: token.secretHash,
    purpose: token.purpose,
    userId: token.userId,
    email: token.email,
    createdAt: new Date(token.createdAt.getTime()),
    expiresAt: new Date(token.expiresAt.getTime()),
  };
}
