import type { Database, Statement } from 'better-sqlite3';
import type {
  AuditEventRow,
  CounterRow,
  RevocationInsertRow,
  RevocationRow,
  SessionRow,
  SigningKeyRow,
  UserRow,
} from './sqlite-rows.js';

const userColumns = 'id, email, password_hash, roles, created_at, disabled_at, email_verified';
const sessionColumns =
  'id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent, ' +
  'transport, refresh_token_hash, previous_refresh_token_hash, refresh_rotated_at, refresh_generation, ' +
  'authenticated_at, amr';
const signingKeyColumns =
  'kid, alg, public_jwk, private_jwk_ciphertext, created_at, activates_at, retired_at, expires_at';
const revocationColumns = 'cursor, session_id, revoked_at, expires_at';
const auditEventColumns = 'id, type, at, user_id, session_id, ip, user_agent, detail';

/** Every statement the SQLite store runs, typed by its parameters and result row. */
export interface SqliteStatements {
  insertUser: Statement<UserRow>;
  getUserById: Statement<[string], UserRow>;
  getUserByEmail: Statement<[string], UserRow>;
  updateUserPasswordHash: Statement<{ id: string; passwordHash: string }>;
  listUsers: Statement<{ emailContains: string | null; afterEmail: string | null; limit: number }, UserRow>;
  updateUserDisabledAt: Statement<{ id: string; disabledAt: number | null }, UserRow>;
  updateUserRoles: Statement<{ id: string; roles: string }, UserRow>;
  listEnabledUserIdsWithRole: Statement<{ role: string; limit: number }, { id: string }>;
  insertSession: Statement<SessionRow>;
  getSession: Statement<[string], SessionRow>;
  updateSessionActivity: Statement<{ id: string; lastSeenAt: number; idleExpiresAt: number }>;
  updateSessionSecretHash: Statement<{ id: string; secretHash: string }>;
  updateSessionAuthentication: Statement<{ id: string; authenticatedAt: number; amr: string }>;
  deleteSession: Statement<[string]>;
  deleteUserSessions: Statement<{ userId: string; exceptSessionId: string | null }, { id: string }>;
  listUserSessions: Statement<[string], SessionRow>;
  deleteExpiredSessions: Statement<[number]>;
  countLiveSessions: Statement<[number], { count: number }>;
  rotateSessionRefreshToken: Statement<RotateRefreshTokenParams>;
  createOrIncrementCounter: Statement<
    { key: string; delta: number; now: number; expiresAt: number },
    CounterRow
  >;
  addToLiveCounter: Statement<{ key: string; delta: number; now: number }, CounterRow>;
  getLiveCounter: Statement<{ key: string; now: number }, CounterRow>;
  deleteCounter: Statement<[string]>;
  deleteExpiredCounters: Statement<[number]>;
  insertAuditEvent: Statement<AuditEventRow>;
  listAuditEvents: Statement<AuditListParams, AuditEventRow>;
  listUserAuditEvents: Statement<AuditListParams & { userId: string }, AuditEventRow>;
  insertSigningKey: Statement<SigningKeyRow>;
  listSigningKeys: Statement<[], SigningKeyRow>;
  retireSigningKey: Statement<{ kid: string; retiredAt: number; expiresAt: number }>;
  updateSigningKeyCiphertext: Statement<{ kid: string; privateJwkCiphertext: string }>;
  deleteExpiredSigningKeys: Statement<[number]>;
  appendRevocation: Statement<RevocationInsertRow, { cursor: number }>;
  listRevocations: Statement<{ after: number; now: number; limit: number }, RevocationRow>;
  deleteExpiredRevocations: Statement<[number]>;
  ping: Statement<[], { ok: number }>;
}

/** Bound values of the refresh-chain compare-and-set. */
export interface RotateRefreshTokenParams {
  id: string;
  expected: string;
  refreshTokenHash: string | null;
  previousRefreshTokenHash: string | null;
  refreshRotatedAt: number | null;
  refreshGeneration: number;
}

/** Bound values of the audit listing; `before` is always a number so the `at` index bounds the scan. */
export interface AuditListParams {
  type: string | null;
  before: number;
  limit: number;
}

/**
 * Prepares every statement once, when the store opens: SQL errors surface at start-up, and each call
 * only binds and steps.
 *
 * @example
 * const statements = prepareStatements(db);
 * statements.getSession.get(sessionId);
 */
export function prepareStatements(db: Database): SqliteStatements {
  return {
    // ON CONFLICT names the email constraint only: a taken email inserts nothing (changes = 0), while a
    // duplicate id or a bad value still fails, since those are bugs and must not read as "email taken".
    insertUser: db.prepare(
      `INSERT INTO users (${userColumns})
       VALUES (@id, @email, @password_hash, @roles, @created_at, @disabled_at, @email_verified)
       ON CONFLICT (email) DO NOTHING`,
    ),
    getUserById: db.prepare(`SELECT ${userColumns} FROM users WHERE id = ?`),
    getUserByEmail: db.prepare(`SELECT ${userColumns} FROM users WHERE email = ?`),
    updateUserPasswordHash: db.prepare('UPDATE users SET password_hash = @passwordHash WHERE id = @id'),
    // instr, not LIKE: the search string is taken literally (no % or _ wildcards to escape). The BINARY
    // collation orders by UTF-8 bytes, the order every store pages in.
    listUsers: db.prepare(
      `SELECT ${userColumns} FROM users
       WHERE (@emailContains IS NULL OR instr(email, @emailContains) > 0)
         AND (@afterEmail IS NULL OR email > @afterEmail)
       ORDER BY email LIMIT @limit`,
    ),
    updateUserDisabledAt: db.prepare(
      `UPDATE users SET disabled_at = @disabledAt WHERE id = @id RETURNING ${userColumns}`,
    ),
    updateUserRoles: db.prepare(`UPDATE users SET roles = @roles WHERE id = @id RETURNING ${userColumns}`),
    // A scan of the users table: it runs only when an administrator is about to lose the role.
    listEnabledUserIdsWithRole: db.prepare(
      `SELECT id FROM users
       WHERE disabled_at IS NULL AND EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = @role)
       ORDER BY id LIMIT @limit`,
    ),

    insertSession: db.prepare(
      `INSERT INTO sessions (${sessionColumns})
       VALUES (@id, @secret_hash, @user_id, @created_at, @last_seen_at, @idle_expires_at,
               @absolute_expires_at, @ip, @user_agent, @transport, @refresh_token_hash,
               @previous_refresh_token_hash, @refresh_rotated_at, @refresh_generation,
               @authenticated_at, @amr)`,
    ),
    getSession: db.prepare(`SELECT ${sessionColumns} FROM sessions WHERE id = ?`),
    updateSessionActivity: db.prepare(
      'UPDATE sessions SET last_seen_at = @lastSeenAt, idle_expires_at = @idleExpiresAt WHERE id = @id',
    ),
    updateSessionSecretHash: db.prepare('UPDATE sessions SET secret_hash = @secretHash WHERE id = @id'),
    updateSessionAuthentication: db.prepare(
      'UPDATE sessions SET authenticated_at = @authenticatedAt, amr = @amr WHERE id = @id',
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    // `IS NOT` is true for every id when the exception is NULL, so one statement serves both variants.
    deleteUserSessions: db.prepare(
      'DELETE FROM sessions WHERE user_id = @userId AND id IS NOT @exceptSessionId RETURNING id',
    ),
    // rowid breaks ties between sessions created in the same millisecond: insertion order.
    listUserSessions: db.prepare(
      `SELECT ${sessionColumns} FROM sessions WHERE user_id = ? ORDER BY created_at, rowid`,
    ),
    // Written exactly like the index expression (migration 1), so the sweep is a range scan on it.
    deleteExpiredSessions: db.prepare(
      'DELETE FROM sessions WHERE min(idle_expires_at, absolute_expires_at) <= ?',
    ),
    // Same expression as the index, so the count is a range scan on it.
    countLiveSessions: db.prepare(
      'SELECT count(*) AS count FROM sessions WHERE min(idle_expires_at, absolute_expires_at) > ?',
    ),
    // The compare-and-set is this one statement: SQLite takes the write lock before the WHERE reads the
    // current hash, so of two rotations of the same token (two processes on one file included) the
    // second finds the hash already replaced and changes nothing. A NULL hash never equals anything.
    rotateSessionRefreshToken: db.prepare(
      `UPDATE sessions SET
         refresh_token_hash = @refreshTokenHash,
         previous_refresh_token_hash = @previousRefreshTokenHash,
         refresh_rotated_at = @refreshRotatedAt,
         refresh_generation = @refreshGeneration
       WHERE id = @id AND refresh_token_hash = @expected`,
    ),

    // Counters: each statement is one atomic read-modify-write. SQLite takes the write lock before a
    // write statement reads anything, so two processes incrementing the same key on the same file
    // serialize on that lock and neither can lose the other's increment.
    // Used for delta > 0: creates the counter, restarts an expired one with a new window, or adds to a
    // live one without touching its expiry (the window is set on creation only).
    createOrIncrementCounter: db.prepare(
      `INSERT INTO counters (key, count, expires_at) VALUES (@key, @delta, @expiresAt)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN counters.expires_at <= @now THEN excluded.count
                      ELSE counters.count + excluded.count END,
         expires_at = CASE WHEN counters.expires_at <= @now THEN excluded.expires_at
                           ELSE counters.expires_at END
       RETURNING count, expires_at`,
    ),
    // Used for delta <= 0: only a live counter changes; a missing or expired one stays so, and no row
    // comes back (the caller resolves null).
    addToLiveCounter: db.prepare(
      `UPDATE counters SET count = count + @delta WHERE key = @key AND expires_at > @now
       RETURNING count, expires_at`,
    ),
    getLiveCounter: db.prepare(
      'SELECT count, expires_at FROM counters WHERE key = @key AND expires_at > @now',
    ),
    deleteCounter: db.prepare('DELETE FROM counters WHERE key = ?'),
    deleteExpiredCounters: db.prepare('DELETE FROM counters WHERE expires_at <= ?'),

    insertAuditEvent: db.prepare(
      `INSERT INTO audit_events (${auditEventColumns})
       VALUES (@id, @type, @at, @user_id, @session_id, @ip, @user_agent, @detail)`,
    ),
    // Two statements rather than `(@userId IS NULL OR user_id = @userId)`: a plan is chosen once per
    // statement, and only a plain equality lets SQLite walk the (user_id, at) index newest first.
    listAuditEvents: db.prepare(
      `SELECT ${auditEventColumns} FROM audit_events
       WHERE at < @before AND (@type IS NULL OR type = @type)
       ORDER BY at DESC, rowid DESC LIMIT @limit`,
    ),
    listUserAuditEvents: db.prepare(
      `SELECT ${auditEventColumns} FROM audit_events
       WHERE user_id = @userId AND at < @before AND (@type IS NULL OR type = @type)
       ORDER BY at DESC, rowid DESC LIMIT @limit`,
    ),

    insertSigningKey: db.prepare(
      `INSERT INTO signing_keys (${signingKeyColumns})
       VALUES (@kid, @alg, @public_jwk, @private_jwk_ciphertext, @created_at, @activates_at,
               @retired_at, @expires_at)`,
    ),
    // rowid breaks ties between keys created in the same millisecond: insertion order.
    listSigningKeys: db.prepare(`SELECT ${signingKeyColumns} FROM signing_keys ORDER BY created_at, rowid`),
    retireSigningKey: db.prepare(
      'UPDATE signing_keys SET retired_at = @retiredAt, expires_at = @expiresAt WHERE kid = @kid',
    ),
    updateSigningKeyCiphertext: db.prepare(
      'UPDATE signing_keys SET private_jwk_ciphertext = @privateJwkCiphertext WHERE kid = @kid',
    ),
    // A NULL expires_at (a current key) is never <= anything: current keys are never swept.
    deleteExpiredSigningKeys: db.prepare('DELETE FROM signing_keys WHERE expires_at <= ?'),

    appendRevocation: db.prepare(
      `INSERT INTO revocations (session_id, revoked_at, expires_at)
       VALUES (@session_id, @revoked_at, @expires_at)
       RETURNING cursor`,
    ),
    // Cursors compare as integers here, never as text. The unary + keeps the expires_at index out of
    // this plan whatever the planner's statistics say: a follower reads a short tail after its cursor,
    // which the primary key finds directly, while the expiry index would walk every live entry and sort.
    listRevocations: db.prepare(
      `SELECT ${revocationColumns} FROM revocations
       WHERE cursor > @after AND +expires_at > @now
       ORDER BY cursor LIMIT @limit`,
    ),
    deleteExpiredRevocations: db.prepare('DELETE FROM revocations WHERE expires_at <= ?'),

    ping: db.prepare('SELECT 1 AS ok'),
  };
}
