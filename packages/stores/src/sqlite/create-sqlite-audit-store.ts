import type { AuditEvent, AuditEventType, AuditStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `audit_events`. `at` in INTEGER milliseconds; detail is JSON text. */
interface AuditEventRow {
  id: string;
  type: string;
  at: number;
  user_id: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: string;
}

/** Bound values of the audit listing; `before` is always a number so the `at` index bounds the scan. */
interface AuditListParams {
  type: string | null;
  before: number;
  limit: number;
}

const columns = 'id, type, at, user_id, session_id, ip, user_agent, detail';

// Beyond every stored instant (the year 287396), so "no `before` filter" can still bound the index scan.
const endOfTimeMillis = Number.MAX_SAFE_INTEGER;

/**
 * The audit part of the SQLite store. Its statements are prepared here, next to the only code that runs
 * them, when the store opens.
 *
 * @example
 * const audit = createSqliteAuditStore(connection);
 */
export function createSqliteAuditStore({ db, run }: SqliteConnection): AuditStore {
  const statements = {
    insert: db.prepare<AuditEventRow>(
      `INSERT INTO audit_events (${columns})
       VALUES (@id, @type, @at, @user_id, @session_id, @ip, @user_agent, @detail)`,
    ),
    // Two statements rather than `(@userId IS NULL OR user_id = @userId)`: a plan is chosen once per
    // statement, and only a plain equality lets SQLite walk the (user_id, at) index newest first.
    list: db.prepare<AuditListParams, AuditEventRow>(
      `SELECT ${columns} FROM audit_events
       WHERE at < @before AND (@type IS NULL OR type = @type)
       ORDER BY at DESC, rowid DESC LIMIT @limit`,
    ),
    listOfUser: db.prepare<AuditListParams & { userId: string }, AuditEventRow>(
      `SELECT ${columns} FROM audit_events
       WHERE user_id = @userId AND at < @before AND (@type IS NULL OR type = @type)
       ORDER BY at DESC, rowid DESC LIMIT @limit`,
    ),
  };

  return {
    insertAuditEvent(event) {
      return run('insertAuditEvent', () => {
        statements.insert.run(auditEventToRow(event));
      });
    },

    listAuditEvents(query) {
      return run('listAuditEvents', () => {
        checkListLimit(query.limit, 'listAuditEvents');
        const params = {
          type: query.type,
          before:
            query.before === null ? endOfTimeMillis : checkDate(query.before, 'listAuditEvents: before'),
          limit: query.limit,
        };
        const rows =
          query.userId === null
            ? statements.list.all(params)
            : statements.listOfUser.all({ ...params, userId: query.userId });
        return rows.map(auditEventFromRow);
      });
    },
  };
}

function auditEventToRow(event: AuditEvent): AuditEventRow {
  return {
    id: event.id,
    type: event.type,
    at: checkDate(event.at, 'insertAuditEvent: at'),
    user_id: event.userId,
    session_id: event.sessionId,
    ip: event.ip,
    user_agent: event.userAgent,
    detail: JSON.stringify(event.detail),
  };
}

function auditEventFromRow(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    // Written only by insertAuditEvent from a typed event.
    type: row.type as AuditEventType,
    at: new Date(row.at),
    userId: row.user_id,
    sessionId: row.session_id,
    ip: row.ip,
    userAgent: row.user_agent,
    detail: JSON.parse(row.detail) as AuditEvent['detail'],
  };
}
