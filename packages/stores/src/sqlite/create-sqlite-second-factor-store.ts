import type { SecondFactorStore, TotpFactorRecord } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkStep, checkText } from '../lib/check-second-factor-arguments.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `totp_factors`. */
interface TotpFactorRow {
  user_id: string;
  sealed_secret: string | null;
  confirmed_at: number | null;
  last_step: number | null;
  pending_sealed_secret: string | null;
  pending_created_at: number | null;
}

const totpColumns =
  'user_id, sealed_secret, confirmed_at, last_step, pending_sealed_secret, pending_created_at';

/**
 * The second-factor part of the SQLite store (TOTP factors and recovery codes, migration 4). Its
 * statements are prepared once, here, when the store opens. Each compare-and-set is one UPDATE whose
 * WHERE holds the expectation: SQLite runs it under the write lock, so two processes cannot both win.
 *
 * @example
 * const secondFactors = createSqliteSecondFactorStore(connection);
 */
export function createSqliteSecondFactorStore({ db, run }: SqliteConnection): SecondFactorStore {
  const statements = {
    get: db.prepare<[string], TotpFactorRow>(`SELECT ${totpColumns} FROM totp_factors WHERE user_id = ?`),
    setPending: db.prepare<{ userId: string; sealed: string; at: number }>(
      `INSERT INTO totp_factors (user_id, pending_sealed_secret, pending_created_at) VALUES (@userId, @sealed, @at)
       ON CONFLICT (user_id) DO UPDATE SET pending_sealed_secret = excluded.pending_sealed_secret,
         pending_created_at = excluded.pending_created_at`,
    ),
    confirm: db.prepare<{ userId: string; expected: string; at: number; step: number }>(
      `UPDATE totp_factors SET sealed_secret = pending_sealed_secret, confirmed_at = @at, last_step = @step,
         pending_sealed_secret = NULL, pending_created_at = NULL
       WHERE user_id = @userId AND pending_sealed_secret = @expected`,
    ),
    accept: db.prepare<{ userId: string; expected: string; step: number }>(
      `UPDATE totp_factors SET last_step = @step
       WHERE user_id = @userId AND sealed_secret = @expected AND (last_step IS NULL OR last_step < @step)`,
    ),
    delete: db.prepare<[string]>('DELETE FROM totp_factors WHERE user_id = ?'),
    deleteCodes: db.prepare<[string]>('DELETE FROM recovery_codes WHERE user_id = ?'),
    insertCode: db.prepare<{ userId: string; hash: string; at: number }>(
      'INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (@userId, @hash, @at)',
    ),
    useCode: db.prepare<{ userId: string; hash: string }>(
      'DELETE FROM recovery_codes WHERE user_id = @userId AND code_hash = @hash',
    ),
    countCodes: db.prepare<[string], { count: number }>(
      'SELECT count(*) AS count FROM recovery_codes WHERE user_id = ?',
    ),
  };
  const replaceCodes = db.transaction((userId: string, hashes: readonly string[], at: number) => {
    statements.deleteCodes.run(userId);
    for (const hash of new Set(hashes)) statements.insertCode.run({ userId, hash, at });
  });

  return {
    getTotpFactor(userId) {
      return run('getTotpFactor', () => {
        const row = statements.get.get(userId);
        return row === undefined ? null : factorFromRow(row);
      });
    },

    setPendingTotp(userId, pendingSealedSecret, createdAt) {
      return run('setPendingTotp', () => {
        const sealed = checkText(pendingSealedSecret, 'setPendingTotp: pendingSealedSecret');
        const at = checkDate(createdAt, 'setPendingTotp: createdAt');
        statements.setPending.run({ userId, sealed, at });
      });
    },

    confirmTotp(userId, expectedPendingSealedSecret, confirmedAt, step) {
      return run('confirmTotp', () => {
        const expected = checkText(expectedPendingSealedSecret, 'confirmTotp: expectedPendingSealedSecret');
        const at = checkDate(confirmedAt, 'confirmTotp: confirmedAt');
        return (
          statements.confirm.run({ userId, expected, at, step: checkStep(step, 'confirmTotp') }).changes === 1
        );
      });
    },

    acceptTotpStep(userId, expectedSealedSecret, step) {
      return run('acceptTotpStep', () => {
        const expected = checkText(expectedSealedSecret, 'acceptTotpStep: expectedSealedSecret');
        return (
          statements.accept.run({ userId, expected, step: checkStep(step, 'acceptTotpStep') }).changes === 1
        );
      });
    },

    deleteTotpFactor(userId) {
      return run('deleteTotpFactor', () => statements.delete.run(userId).changes === 1);
    },

    replaceRecoveryCodes(userId, codeHashes, createdAt) {
      return run('replaceRecoveryCodes', () => {
        const at = checkDate(createdAt, 'replaceRecoveryCodes: createdAt');
        for (const hash of codeHashes) checkText(hash, 'replaceRecoveryCodes: codeHashes');
        replaceCodes.immediate(userId, codeHashes, at);
      });
    },

    useRecoveryCode(userId, codeHash) {
      return run('useRecoveryCode', () => statements.useCode.run({ userId, hash: codeHash }).changes === 1);
    },

    countRecoveryCodes(userId) {
      return run('countRecoveryCodes', () => statements.countCodes.get(userId)?.count ?? 0);
    },
  };
}

function factorFromRow(row: TotpFactorRow): TotpFactorRecord {
  return {
    userId: row.user_id,
    sealedSecret: row.sealed_secret,
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at),
    lastStep: row.last_step,
    pendingSealedSecret: row.pending_sealed_secret,
    pendingCreatedAt: row.pending_created_at === null ? null : new Date(row.pending_created_at),
  };
}
