import type { RevocationEntry, RevocationStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { formatRevocationCursor } from '../lib/format-revocation-cursor.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';
import type { MemoryGate } from './create-memory-gate.js';

// A revocation as kept here: its position in the log as a number, rendered as a cursor on the way out.
interface StoredRevocation {
  position: number;
  sessionId: string;
  revokedAt: Date;
  expiresAt: Date;
}

/**
 * The revocation-log part of the memory store.
 *
 * @example
 * const revocations = createMemoryRevocationStore(createMemoryGate());
 */
export function createMemoryRevocationStore(gate: MemoryGate): RevocationStore {
  // In append order. Positions are never reused, even once the newest entries are swept (see the SQLite
  // migration's AUTOINCREMENT), so a follower's cursor always means the same place in the log.
  const revocations: StoredRevocation[] = [];
  let lastRevocationPosition = 0;
  const { run } = gate;
  gate.onClose(() => {
    revocations.length = 0;
  });

  return {
    appendRevocations(entries) {
      return run(() => {
        // Every entry is checked before the first is kept: all of a batch or none of it.
        const checked = entries.map((entry) => ({
          sessionId: entry.sessionId,
          revokedAtMillis: checkDate(entry.revokedAt, 'appendRevocations: revokedAt'),
          expiresAtMillis: checkDate(entry.expiresAt, 'appendRevocations: expiresAt'),
        }));
        return checked.map((entry) => {
          lastRevocationPosition += 1;
          const stored: StoredRevocation = {
            position: lastRevocationPosition,
            sessionId: entry.sessionId,
            revokedAt: new Date(entry.revokedAtMillis),
            expiresAt: new Date(entry.expiresAtMillis),
          };
          revocations.push(stored);
          return revocationFromStored(stored);
        });
      });
    },

    listRevocations(afterCursor, now, limit) {
      return run(() => {
        checkListLimit(limit, 'listRevocations');
        const after = parseRevocationCursor(afterCursor, 'listRevocations');
        const nowMillis = checkDate(now, 'listRevocations: now');
        const listed: RevocationEntry[] = [];
        for (const stored of revocations) {
          if (listed.length >= limit) break;
          if (stored.position > after && stored.expiresAt.getTime() > nowMillis) {
            listed.push(revocationFromStored(stored));
          }
        }
        return listed;
      });
    },

    deleteExpiredRevocations(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredRevocations: now');
        // Compacts in place, keeping append order.
        let kept = 0;
        for (const stored of revocations) {
          if (stored.expiresAt.getTime() > nowMillis) {
            revocations[kept] = stored;
            kept += 1;
          }
        }
        const deleted = revocations.length - kept;
        revocations.length = kept;
        return deleted;
      });
    },
  };
}

// Copied field by field on the way in and out, so neither side can change the other's copy.
function revocationFromStored(stored: StoredRevocation): RevocationEntry {
  return {
    cursor: formatRevocationCursor(stored.position),
    sessionId: stored.sessionId,
    revokedAt: new Date(stored.revokedAt.getTime()),
    expiresAt: new Date(stored.expiresAt.getTime()),
  };
}
