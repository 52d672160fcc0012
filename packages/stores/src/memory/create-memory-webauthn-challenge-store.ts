import type { WebAuthnChallengeRecord, WebAuthnChallengeStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The WebAuthn challenge part of the memory store (challenges of one process).
 *
 * @example
 * const challenges = createMemoryWebAuthnChallengeStore(createMemoryGate());
 */
export function createMemoryWebAuthnChallengeStore(gate: MemoryGate): WebAuthnChallengeStore {
  const challenges = new Map<string, WebAuthnChallengeRecord>();
  const { run } = gate;
  gate.onClose(() => {
    challenges.clear();
  });

  return {
    insertWebAuthnChallenge(record) {
      return run(() => {
        checkDate(record.expiresAt, 'insertWebAuthnChallenge: expiresAt');
        if (challenges.has(record.challenge))
          throw new Error('insertWebAuthnChallenge: duplicate challenge.');
        challenges.set(record.challenge, copyChallenge(record));
      });
    },

    takeWebAuthnChallenge(challenge, ceremony, userId, now) {
      return run(() => {
        const nowMillis = checkDate(now, 'takeWebAuthnChallenge: now');
        const record = challenges.get(challenge);
        if (
          record === undefined ||
          record.ceremony !== ceremony ||
          record.userId !== userId ||
          // Expired "at or before now", the same boundary as every other expiry.
          record.expiresAt.getTime() <= nowMillis
        ) {
          return null;
        }
        challenges.delete(challenge);
        return copyChallenge(record);
      });
    },

    deleteExpiredWebAuthnChallenges(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredWebAuthnChallenges: now');
        let count = 0;
        for (const [key, record] of challenges) {
          if (record.expiresAt.getTime() <= nowMillis) {
            challenges.delete(key);
            count += 1;
          }
        }
        return count;
      });
    },
  };
}

function copyChallenge(record: WebAuthnChallengeRecord): WebAuthnChallengeRecord {
  return { ...record, expiresAt: new Date(record.expiresAt.getTime()) };
}
