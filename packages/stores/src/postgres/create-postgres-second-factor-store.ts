import type { SecondFactorStore, TotpFactorRecord } from '@tessera/core/store';
import pg from 'pg';
import { checkStep, checkText } from '../lib/check-second-factor-arguments.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `totp_factors`. */
interface TotpFactorRow {
  user_id: string;
  sealed_secret: string | null;
  confirmed_at: Date | null;
  last_step: number | null;
  pending_sealed_secret: string | null;
  pending_created_at: Date | null;
}

const totpColumns =
  'user_id, sealed_secret, confirmed_at, last_step, pending_sealed_secret, pending_created_at';

/**
 * The second-factor part of the PostgreSQL store (migration 4), its SQL built for `schema`. Each
 * compare-and-set is one UPDATE whose WHERE holds the expectation: under READ COMMITTED a second
 * concurrent UPDATE re-checks the WHERE against the committed row, so of two uses of one code one wins.
 *
 * @example
 * const secondFactors = createPostgresSecondFactorStore(connection);
 */
export function createPostgresSecondFactorStore({
  schema,
  query,
  withClient,
}: PostgresConnection): SecondFactorStore {
  const quoted = pg.escapeIdentifier(schema);
  const factors = `${quoted}.totp_factors`;
  const codes = `${quoted}.recovery_codes`;
  return {
    async getTotpFactor(userId) {
      const { rows } = await query<TotpFactorRow>(
        'getTotpFactor',
        `SELECT ${totpColumns} FROM ${factors} WHERE user_id = $1`,
        [userId],
      );
      return rows[0] === undefined ? null : factorFromRow(rows[0]);
    },

    async setPendingTotp(userId, pendingSealedSecret, createdAt) {
      const values = [
        userId,
        checkText(pendingSealedSecret, 'setPendingTotp: pendingSealedSecret'),
        formatTimestamp(createdAt, 'setPendingTotp: createdAt'),
      ];
      await query(
        'setPendingTotp',
        `INSERT INTO ${factors} (user_id, pending_sealed_secret, pending_created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET pending_sealed_secret = excluded.pending_sealed_secret,
           pending_created_at = excluded.pending_created_at`,
        values,
      );
    },

    async confirmTotp(userId, expectedPendingSealedSecret, confirmedAt, step) {
      const values = [
        userId,
        checkText(expectedPendingSealedSecret, 'confirmTotp: expectedPendingSealedSecret'),
        formatTimestamp(confirmedAt, 'confirmTotp: confirmedAt'),
        checkStep(step, 'confirmTotp'),
      ];
      const result = await query(
        'confirmTotp',
        `UPDATE ${factors} SET sealed_secret = pending_sealed_secret, confirmed_at = $3, last_step = $4,
           pending_sealed_secret = NULL, pending_created_at = NULL
         WHERE user_id = $1 AND pending_sealed_secret = $2`,
        values,
      );
      return result.rowCount === 1;
    },

    async acceptTotpStep(userId, expectedSealedSecret, step) {
      const values = [
        userId,
        checkText(expectedSealedSecret, 'acceptTotpStep: expectedSealedSecret'),
        checkStep(step, 'acceptTotpStep'),
      ];
      const result = await query(
        'acceptTotpStep',
        `UPDATE ${factors} SET last_step = $3
         WHERE user_id = $1 AND sealed_secret = $2 AND (last_step IS NULL OR last_step < $3)`,
        values,
      );
      return result.rowCount === 1;
    },

    async deleteTotpFactor(userId) {
      const result = await query('deleteTotpFactor', `DELETE FROM ${factors} WHERE user_id = $1`, [userId]);
      return result.rowCount === 1;
    },

    async replaceRecoveryCodes(userId, codeHashes, createdAt) {
      const at = formatTimestamp(createdAt, 'replaceRecoveryCodes: createdAt');
      const hashes = [
        ...new Set(codeHashes.map((hash) => checkText(hash, 'replaceRecoveryCodes: codeHashes'))),
      ];
      await withClient('replaceRecoveryCodes', async (client) => {
        await client.query('BEGIN');
        try {
          await client.query(`DELETE FROM ${codes} WHERE user_id = $1`, [userId]);
          if (hashes.length > 0) {
            await client.query(
              `INSERT INTO ${codes} (user_id, code_hash, created_at) SELECT $1, unnest($2::text[]), $3`,
              [userId, hashes, at],
            );
          }
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },

    async useRecoveryCode(userId, codeHash) {
      const result = await query(
        'useRecoveryCode',
        `DELETE FROM ${codes} WHERE user_id = $1 AND code_hash = $2`,
        [userId, codeHash],
      );
      return result.rowCount === 1;
    },

    async countRecoveryCodes(userId) {
      const { rows } = await query<{ count: number }>(
        'countRecoveryCodes',
        `SELECT count(*)::int AS count FROM ${codes} WHERE user_id = $1`,
        [userId],
      );
      return rows[0]?.count ?? 0;
    },
  };
}

function factorFromRow(row: TotpFactorRow): TotpFactorRecord {
  return {
    userId: row.user_id,
    sealedSecret: row.sealed_secret,
    confirmedAt: row.confirmed_at,
    lastStep: row.last_step,
    pendingSealedSecret: row.pending_sealed_secret,
    pendingCreatedAt: row.pending_created_at,
  };
}
