import type { WebAuthnCeremony, WebAuthnChallengeStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `webauthn_challenges`. */
interface ChallengeRow {
  challenge: string;
  ceremony: string;
  user_id: string | null;
  expires_at: number;
}

/**
 * The WebAuthn challenge part of the SQLite store (challenges shared by the processes on the file).
 *
 * @example
 * const challenges = createSqliteWebAuthnChallengeStore(connection);
 */
export function createSqliteWebAuthnChallengeStore({ db, run }: SqliteConnection): WebAuthnChallengeStore {
  const insert = db.prepare<ChallengeRow>(
    `INSERT INTO webauthn_challenges (challenge, ceremony, user_id, expires_at)
     VALUES (@challenge, @ceremony, @user_id, @expires_at)`,
  );
  // Taking is one DELETE … RETURNING: of two processes taking the same challenge, one deletes the row
  // and the other finds nothing. "IS" compares NULL user ids as equal.
  const take = db.prepare<
    { challenge: string; ceremony: string; userId: string | null; now: number },
    ChallengeRow
  >(
    `DELETE FROM webauthn_challenges
     WHERE challenge = @challenge AND ceremony = @ceremony AND user_id IS @userId AND expires_at > @now
     RETURNING challenge, ceremony, user_id, expires_at`,
  );
  const deleteExpired = db.prepare<[number]>('DELETE FROM webauthn_challenges WHERE expires_at <= ?');

  return {
    insertWebAuthnChallenge(record) {
      return run('insertWebAuthnChallenge', () => {
        insert.run({
          challenge: record.challenge,
          ceremony: record.ceremony,
          user_id: record.userId,
          expires_at: checkDate(record.expiresAt, 'insertWebAuthnChallenge: expiresAt'),
        });
      });
    },

    takeWebAuthnChallenge(challenge, ceremony, userId, now) {
      return run('takeWebAuthnChallenge', () => {
        const nowMillis = checkDate(now, 'takeWebAuthnChallenge: now');
        const row = take.get({ challenge, ceremony, userId, now: nowMillis });
        if (row === undefined) return null;
        return {
          challenge: row.challenge,
          ceremony: row.ceremony as WebAuthnCeremony,
          userId: row.user_id,
          expiresAt: new Date(row.expires_at),
        };
      });
    },

    deleteExpiredWebAuthnChallenges(now) {
      return run(
        'deleteExpiredWebAuthnChallenges',
        () => deleteExpired.run(checkDate(now, 'deleteExpiredWebAuthnChallenges: now')).changes,
      );
    },
  };
}
