import pg from 'pg';

const userColumns = 'id, email, password_hash, roles, created_at, disabled_at, email_verified';
const sessionColumns =
  'id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent, ' +
  'transport, refresh_token_hash, previous_refresh_token_hash, refresh_rotated_at, refresh_generation, ' +
  'authenticated_at, amr';
const signingKeyColumns =
  'kid, alg, public_jwk, private_jwk_ciphertext, created_at, activates_at, retired_at, expires_at';
// json is selected as text, the exact string that was stored (the driver would parse it).
const signingKeySelect =
  'kid, alg, public_jwk::text AS public_jwk, private_jwk_ciphertext, created_at, activates_at, retired_at, ' +
  'expires_at';
const revocationColumns = 'cursor, session_id, revoked_at, expires_at';
const identityColumns = 'provider, subject, user_id, email, email_verified, linked_at';
const auditEventColumns = 'id, type, at, user_id, session_id, ip, user_agent, detail';
const emailTokenColumns = 'id, secret_hash, purpose, user_id, email, created_at, expires_at';

/** The SQL of every call of the PostgreSQL store; parameters are `$1`, `$2`… in the order noted. */
export type PostgresQueries = Readonly<Record<PostgresQueryName, string>>;

/** One entry per statement the store runs. */
export type PostgresQueryName =
  | 'insertUser'
  | 'getUserById'
  | 'getUserByEmail'
  | 'updateUserPasswordHash'
  | 'listUsers'
  | 'updateUserDisabledAt'
  | 'updateUserRoles'
  | 'listEnabledUserIdsWithRole'
  | 'lockUsers'
  | 'findTakenEmails'
  | 'insertSession'
  | 'getSession'
  | 'updateSessionActivity'
  | 'updateSessionSecretHash'
  | 'updateSessionAuthentication'
  | 'deleteSession'
  | 'deleteUserSessions'
  | 'listUserSessions'
  | 'deleteExpiredSessions'
  | 'countLiveSessions'
  | 'rotateSessionRefreshToken'
  | 'createOrIncrementCounter'
  | 'addToLiveCounter'
  | 'getLiveCounter'
  | 'deleteCounter'
  | 'deleteExpiredCounters'
  | 'insertAuditEvent'
  | 'listAuditEvents'
  | 'listUserAuditEvents'
  | 'insertSigningKey'
  | 'listSigningKeys'
  | 'retireSigningKey'
  | 'updateSigningKeyCiphertext'
  | 'deleteExpiredSigningKeys'
  | 'lockRevocations'
  | 'appendRevocation'
  | 'listRevocations'
  | 'deleteExpiredRevocations'
  | 'ping'
  | 'markUserEmailVerified'
  | 'changeUserEmail'
  | 'insertEmailToken'
  | 'getEmailToken'
  | 'takeEmailToken'
  | 'deleteUserEmailTokens'
  | 'deleteExpiredEmailTokens'
  | 'insertIdentity'
  | 'getIdentity'
  | 'listUserIdentities'
  | 'deleteIdentity';

/**
 * Writes the SQL of every call once, when the store opens, with each table qualified by the quoted
 * `schema`: no query depends on the connection's `search_path`, which a pooler or a role's settings
 * could change behind the store's back.
 *
 * @example
 * const queries = buildQueries('tessera');
 * await pool.query(queries.getSession, [sessionId]);
 */
export function buildQueries(schema: string): PostgresQueries {
  const quotedSchema = pg.escapeIdentifier(schema);
  const users = `${quotedSchema}.users`;
  const sessions = `${quotedSchema}.sessions`;
  const counters = `${quotedSchema}.counters`;
  const auditEvents = `${quotedSchema}.audit_events`;
  const signingKeys = `${quotedSchema}.signing_keys`;
  const revocations = `${quotedSchema}.revocations`;
  const emailTokens = `${quotedSchema}.email_tokens`;
  const identities = `${quotedSchema}.identities`;

  return {
    // ON CONFLICT names the email constraint only: a taken email inserts nothing (rowCount 0), while a
    // duplicate id or a bad value still fails, since those are bugs and must not read as "email taken".
    insertUser: `INSERT INTO ${users} (${userColumns})
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
       ON CONFLICT (email) DO NOTHING`,
    getUserById: `SELECT ${userColumns} FROM ${users} WHERE id = $1`,
    getUserByEmail: `SELECT ${userColumns} FROM ${users} WHERE email = $1`,
    // $1 id, $2 hash.
    updateUserPasswordHash: `UPDATE ${users} SET password_hash = $2 WHERE id = $1`,
    // $1 substring or NULL, $2 the email to page after or NULL, $3 limit. strpos, not LIKE: the search
    // string is literal. COLLATE "C" orders by UTF-8 bytes, the order every store pages in, whatever the
    // database's collation.
    listUsers: `SELECT ${userColumns} FROM ${users}
       WHERE ($1::text IS NULL OR strpos(email, $1::text) > 0)
         AND ($2::text IS NULL OR email COLLATE "C" > $2::text COLLATE "C")
       ORDER BY email COLLATE "C" LIMIT $3`,
    // $1 id, $2 instant or NULL.
    updateUserDisabledAt: `UPDATE ${users} SET disabled_at = $2 WHERE id = $1 RETURNING ${userColumns}`,
    // $1 id, $2 roles as JSON text.
    updateUserRoles: `UPDATE ${users} SET roles = $2::jsonb WHERE id = $1 RETURNING ${userColumns}`,
    // $1 role, $2 limit. A scan: it runs only when an administrator is about to lose the role.
    listEnabledUserIdsWithRole: `SELECT id FROM ${users}
       WHERE disabled_at IS NULL AND roles @> jsonb_build_array($1::text)
       ORDER BY id COLLATE "C" LIMIT $2`,
    // An import checks the emails and inserts under this lock, so a registration cannot take one of
    // them in between (registrations only wait for the import's commit; reads are not blocked).
    lockUsers: `LOCK TABLE ${users} IN SHARE ROW EXCLUSIVE MODE`,
    // $1 emails (text[]).
    findTakenEmails: `SELECT email FROM ${users} WHERE email = ANY($1::text[])`,

    insertSession: `INSERT INTO ${sessions} (${sessionColumns})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb)`,
    // The primary key: one index probe.
    getSession: `SELECT ${sessionColumns} FROM ${sessions} WHERE id = $1`,
    // $1 id, $2 lastSeenAt, $3 idleExpiresAt.
    updateSessionActivity: `UPDATE ${sessions} SET last_seen_at = $2, idle_expires_at = $3 WHERE id = $1`,
    // $1 id, $2 hash.
    updateSessionSecretHash: `UPDATE ${sessions} SET secret_hash = $2 WHERE id = $1`,
    // $1 id, $2 authenticatedAt, $3 amr (JSON text).
    updateSessionAuthentication: `UPDATE ${sessions} SET authenticated_at = $2, amr = $3::jsonb WHERE id = $1`,
    deleteSession: `DELETE FROM ${sessions} WHERE id = $1`,
    // $1 user id, $2 the exception or NULL: IS DISTINCT FROM is true for every id when it is NULL, so one
    // statement serves both variants.
    deleteUserSessions: `DELETE FROM ${sessions} WHERE user_id = $1 AND id IS DISTINCT FROM $2::text RETURNING id`,
    // The (user_id, created_at, seq) index hands the rows over in this order: no sort step. seq breaks
    // ties between sessions created in the same millisecond: insertion order.
    listUserSessions: `SELECT ${sessionColumns} FROM ${sessions} WHERE user_id = $1 ORDER BY created_at, seq`,
    // Written exactly like the index expression (migration 1), so the sweep is a range scan on it.
    deleteExpiredSessions: `DELETE FROM ${sessions} WHERE least(idle_expires_at, absolute_expires_at) <= $1`,
    // Same expression as the index, so the count is a range scan on it.
    countLiveSessions: `SELECT count(*)::int AS count FROM ${sessions} WHERE least(idle_expires_at, absolute_expires_at) > $1`,
    // The compare-and-set is this one statement ($1 id, $2 expected hash, $3–$6 the next state). Under
    // READ COMMITTED an UPDATE that finds its row locked by a concurrent UPDATE waits for it to commit,
    // then re-checks the WHERE against the new row: the second of two rotations of the same token finds
    // the hash already replaced and changes nothing. A NULL hash never equals anything.
    rotateSessionRefreshToken: `UPDATE ${sessions} SET
         refresh_token_hash = $3,
         previous_refresh_token_hash = $4,
         refresh_rotated_at = $5,
         refresh_generation = $6
       WHERE id = $1 AND refresh_token_hash = $2`,

    // Counters: each statement is one atomic read-modify-write, for the same reason (the row lock, then
    // a re-check against the newest version), and two first increments of a new key race on the primary
    // key, where the loser waits and takes the DO UPDATE branch: no increment is ever lost.
    // Used for delta > 0 ($1 key, $2 delta, $3 now, $4 expiry of a new window): creates the counter,
    // restarts an expired one with a new window, or adds to a live one without touching its expiry.
    createOrIncrementCounter: `INSERT INTO ${counters} AS counter (key, count, expires_at) VALUES ($1, $2, $4)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN counter.expires_at <= $3::timestamptz THEN excluded.count
                      ELSE counter.count + excluded.count END,
         expires_at = CASE WHEN counter.expires_at <= $3::timestamptz THEN excluded.expires_at
                           ELSE counter.expires_at END
       RETURNING count, expires_at`,
    // Used for delta <= 0 ($1 key, $2 delta, $3 now): only a live counter changes; a missing or expired
    // one stays so, and no row comes back (the caller resolves null).
    addToLiveCounter: `UPDATE ${counters} SET count = count + $2 WHERE key = $1 AND expires_at > $3
       RETURNING count, expires_at`,
    getLiveCounter: `SELECT count, expires_at FROM ${counters} WHERE key = $1 AND expires_at > $2`,
    deleteCounter: `DELETE FROM ${counters} WHERE key = $1`,
    deleteExpiredCounters: `DELETE FROM ${counters} WHERE expires_at <= $1`,

    insertAuditEvent: `INSERT INTO ${auditEvents} (${auditEventColumns})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    // $1 before ('infinity' when unbounded, so the `at` index still bounds the scan), $2 type or NULL,
    // $3 limit. Two statements rather than `($4 IS NULL OR user_id = $4)`, so that a plain equality lets
    // the (user_id, at, seq) index be walked backwards, newest first, with no sort.
    listAuditEvents: `SELECT ${auditEventColumns} FROM ${auditEvents}
       WHERE at < $1 AND ($2::text IS NULL OR type = $2::text)
       ORDER BY at DESC, seq DESC LIMIT $3`,
    listUserAuditEvents: `SELECT ${auditEventColumns} FROM ${auditEvents}
       WHERE user_id = $4 AND at < $1 AND ($2::text IS NULL OR type = $2::text)
       ORDER BY at DESC, seq DESC LIMIT $3`,

    insertSigningKey: `INSERT INTO ${signingKeys} (${signingKeyColumns})
       VALUES ($1, $2, $3::json, $4, $5, $6, $7, $8)`,
    // seq breaks ties between keys created in the same millisecond: insertion order.
    listSigningKeys: `SELECT ${signingKeySelect} FROM ${signingKeys} ORDER BY created_at, seq`,
    // $1 kid, $2 retiredAt, $3 expiresAt.
    retireSigningKey: `UPDATE ${signingKeys} SET retired_at = $2, expires_at = $3 WHERE kid = $1`,
    // $1 kid, $2 ciphertext.
    updateSigningKeyCiphertext: `UPDATE ${signingKeys} SET private_jwk_ciphertext = $2 WHERE kid = $1`,
    // A NULL expires_at (a current key) is never <= anything: current keys are never swept.
    deleteExpiredSigningKeys: `DELETE FROM ${signingKeys} WHERE expires_at <= $1`,

    // Taken at the start of every append transaction. A sequence hands out numbers when rows are
    // inserted, not when they commit: without this lock, an append could take cursor 10, a concurrent
    // one 11 and commit first, and a follower reading 11 would resume after it and never see 10. The
    // mode conflicts with itself and with other writers only; followers' SELECTs never wait for it.
    lockRevocations: `LOCK TABLE ${revocations} IN SHARE ROW EXCLUSIVE MODE`,
    appendRevocation: `INSERT INTO ${revocations} (session_id, revoked_at, expires_at)
       VALUES ($1, $2, $3)
       RETURNING ${revocationColumns}`,
    // $1 after (a position, compared as an integer), $2 now, $3 limit. No index hint, unlike SQLite: with
    // the actual ends of the btree ranges PostgreSQL's planner takes the primary key for a follower's short
    // tail after its cursor (the common read), and the expiry index to read every live entry from scratch.
    listRevocations: `SELECT ${revocationColumns} FROM ${revocations}
       WHERE cursor > $1::bigint AND expires_at > $2
       ORDER BY cursor LIMIT $3`,
    deleteExpiredRevocations: `DELETE FROM ${revocations} WHERE expires_at <= $1`,

    // ON CONFLICT DO NOTHING covers both unique keys (provider, subject) and (user_id, provider).
    insertIdentity: `INSERT INTO ${identities} (${identityColumns}) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
    getIdentity: `SELECT ${identityColumns} FROM ${identities} WHERE provider = $1 AND subject = $2`,
    // COLLATE "C": byte order, as SQLite and the memory store sort.
    listUserIdentities: `SELECT ${identityColumns} FROM ${identities} WHERE user_id = $1
       ORDER BY provider COLLATE "C"`,
    deleteIdentity: `DELETE FROM ${identities} WHERE user_id = $1 AND provider = $2`,

    ping: 'SELECT 1 AS ok',

    // $1 id, $2 the address the link went to: only while the user still has it.
    markUserEmailVerified: `UPDATE ${users} SET email_verified = true WHERE id = $1 AND email = $2
       RETURNING ${userColumns}`,
    // $1 id, $2 from, $3 to. A taken address fails on the unique index (23505).
    changeUserEmail: `UPDATE ${users} SET email = $3, email_verified = true WHERE id = $1 AND email = $2
       RETURNING ${userColumns}`,
    insertEmailToken: `INSERT INTO ${emailTokens} (${emailTokenColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    // $1 id, $2 now.
    getEmailToken: `SELECT ${emailTokenColumns} FROM ${emailTokens} WHERE id = $1 AND expires_at > $2`,
    // $1 id, $2 secret hash, $3 now. One DELETE: of two concurrent takes, one gets the row.
    takeEmailToken: `DELETE FROM ${emailTokens} WHERE id = $1 AND secret_hash = $2 AND expires_at > $3
       RETURNING ${emailTokenColumns}`,
    // $1 user id, $2 purpose, $3 the id to keep or NULL.
    deleteUserEmailTokens: `DELETE FROM ${emailTokens}
       WHERE user_id = $1 AND purpose = $2 AND ($3::text IS NULL OR id <> $3::text)`,
    deleteExpiredEmailTokens: `DELETE FROM ${emailTokens} WHERE expires_at <= $1`,
  };
}
