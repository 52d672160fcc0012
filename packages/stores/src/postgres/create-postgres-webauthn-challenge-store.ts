import type { WebAuthnCeremony, WebAuthnChallengeStore } from '@tessera/core/store';
import pg from 'pg';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `webauthn_challenges` as the driver returns it. */
interface ChallengeRow {
  challenge: string;
  ceremony: string;
  user_id: string | null;
  expires_at: Date;
}

/**
 * The WebAuthn challenge part of the PostgreSQL store: a challenge issued by one instance is answered at
 * another. Its SQL is built here for the store's `schema`.
 *
 * @example
 * const challenges = createPostgresWebAuthnChallengeStore(connection);
 */
export function createPostgresWebAuthnChallengeStore({
  schema,
  query,
}: PostgresConnection): WebAuthnChallengeStore {
  const challenges = `${pg.escapeIdentifier(schema)}.webauthn_challenges`;
  const sql = {
    insert: `INSERT INTO ${challenges} (challenge, ceremony, user_id, expires_at) VALUES ($1, $2, $3, $4)`,
    // One DELETE … RETURNING: of two concurrent takes, the second waits for the first's row lock, then
    // finds the row gone. IS NOT DISTINCT FROM compares NULL user ids as equal.
    take: `DELETE FROM ${challenges}
       WHERE challenge = $1 AND ceremony = $2 AND user_id IS NOT DISTINCT FROM $3::text AND expires_at > $4
       RETURNING challenge, ceremony, user_id, expires_at`,
    deleteExpired: `DELETE FROM ${challenges} WHERE expires_at <= $1`,
  };

  return {
    async insertWebAuthnChallenge(record) {
      const expiresAt = formatTimestamp(record.expiresAt, 'insertWebAuthnChallenge: expiresAt');
      await query('insertWebAuthnChallenge', sql.insert, [
        record.challenge,
        record.ceremony,
        record.userId,
        expiresAt,
      ]);
    },

    async takeWebAuthnChallenge(challenge, ceremony, userId, now) {
      const values = [challenge, ceremony, userId, formatTimestamp(now, 'takeWebAuthnChallenge: now')];
      const { rows } = await query<ChallengeRow>('takeWebAuthnChallenge', sql.take, values);
      const row = rows[0];
      if (row === undefined) return null;
      return {
        challenge: row.challenge,
        ceremony: row.ceremony as WebAuthnCeremony,
        userId: row.user_id,
        expiresAt: row.expires_at,
      };
    },

    async deleteExpiredWebAuthnChallenges(now) {
      const values = [formatTimestamp(now, 'deleteExpiredWebAuthnChallenges: now')];
      return (await query('deleteExpiredWebAuthnChallenges', sql.deleteExpired, values)).rowCount ?? 0;
    },
  };
}
