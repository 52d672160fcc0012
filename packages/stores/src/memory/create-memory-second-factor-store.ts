import type { SecondFactorStore, TotpFactorRecord } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkStep, checkText } from '../lib/check-second-factor-arguments.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The second-factor part of the memory store (TOTP factors and recovery codes). `hasUser` mirrors
 * the SQL stores' FOREIGN KEY.
 *
 * @example
 * const secondFactors = createMemorySecondFactorStore(gate, (id) => users.has(id));
 */
export function createMemorySecondFactorStore(
  gate: MemoryGate,
  hasUser: (userId: string) => boolean,
): SecondFactorStore {
  const factors = new Map<string, TotpFactorRecord>();
  const recoveryCodes = new Map<string, Set<string>>();
  const { run } = gate;
  gate.onClose(() => {
    factors.clear();
    recoveryCodes.clear();
  });

  return {
    getTotpFactor(userId) {
      return run(() => {
        const factor = factors.get(userId);
        return factor === undefined ? null : copyFactor(factor);
      });
    },

    setPendingTotp(userId, pendingSealedSecret, createdAt) {
      return run(() => {
        checkText(pendingSealedSecret, 'setPendingTotp: pendingSealedSecret');
        const at = new Date(checkDate(createdAt, 'setPendingTotp: createdAt'));
        if (!hasUser(userId)) throw new Error('setPendingTotp: no such user.');
        const factor = factors.get(userId) ?? {
          userId,
          sealedSecret: null,
          confirmedAt: null,
          lastStep: null,
          pendingSealedSecret: null,
          pendingCreatedAt: null,
        };
        factors.set(userId, { ...factor, pendingSealedSecret, pendingCreatedAt: at });
      });
    },

    confirmTotp(userId, expectedPendingSealedSecret, confirmedAt, step) {
      return run(() => {
        checkText(expectedPendingSealedSecret, 'confirmTotp: expectedPendingSealedSecret');
        const at = new Date(checkDate(confirmedAt, 'confirmTotp: confirmedAt'));
        checkStep(step, 'confirmTotp');
        const factor = factors.get(userId);
        if (factor?.pendingSealedSecret !== expectedPendingSealedSecret) return false;
        factors.set(userId, {
          userId,
          sealedSecret: expectedPendingSealedSecret,
          confirmedAt: at,
          lastStep: step,
          pendingSealedSecret: null,
          pendingCreatedAt: null,
        });
        return true;
      });
    },

    acceptTotpStep(userId, expectedSealedSecret, step) {
      return run(() => {
        checkText(expectedSealedSecret, 'acceptTotpStep: expectedSealedSecret');
        checkStep(step, 'acceptTotpStep');
        const factor = factors.get(userId);
        if (factor?.sealedSecret !== expectedSealedSecret) return false;
        if (factor.lastStep !== null && factor.lastStep >= step) return false;
        factor.lastStep = step;
        return true;
      });
    },

    deleteTotpFactor(userId) {
      return run(() => factors.delete(userId));
    },

    replaceRecoveryCodes(userId, codeHashes, createdAt) {
      return run(() => {
        checkDate(createdAt, 'replaceRecoveryCodes: createdAt');
        for (const hash of codeHashes) checkText(hash, 'replaceRecoveryCodes: codeHashes');
        if (!hasUser(userId)) throw new Error('replaceRecoveryCodes: no such user.');
        if (codeHashes.length === 0) recoveryCodes.delete(userId);
        else recoveryCodes.set(userId, new Set(codeHashes));
      });
    },

    useRecoveryCode(userId, codeHash) {
      return run(() => recoveryCodes.get(userId)?.delete(codeHash) ?? false);
    },

    countRecoveryCodes(userId) {
      return run(() => recoveryCodes.get(userId)?.size ?? 0);
    },
  };
}

function copyFactor(factor: TotpFactorRecord): TotpFactorRecord {
  return {
    ...factor,
    confirmedAt: factor.confirmedAt === null ? null : new Date(factor.confirmedAt.getTime()),
    pendingCreatedAt: factor.pendingCreatedAt === null ? null : new Date(factor.pendingCreatedAt.getTime()),
  };
}
