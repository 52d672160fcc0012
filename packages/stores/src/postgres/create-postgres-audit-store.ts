import pg from 'pg';
import type { AuditEvent, AuditEventType, AuditStore } from '@tessera/core/store';
import { checkListLimit } from '../lib/check-list-limit.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `audit_events` as the driver returns it (`jsonb` parsed, `timestamptz` as `Date`). */
interface AuditEventRow {
  id: string;
  type: string;
  at: Date;
  user_id: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: AuditEvent['detail'];
}

const columns = 'id, type, at, user_id, session_id, ip, user_agent, detail';

/**
 * The audit part of the PostgreSQL store. Its SQL is written here for the store's schema.
 *
 * @example
 * const audit = createPostgresAuditStore(connection);
 */
export function createPostgresAuditStore({ schema, query }: PostgresConnection): AuditStore {
  const auditEvents = `${pg.escapeIdentifier(schema)}.audit_events`;
  const sql = {
    insert: `INSERT INTO ${auditEvents} (${columns})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    // $1 before ('infinity' when unbounded, so the `at` index still bounds the scan), $2 type or NULL,
    // $3 limit. Two statements rather than `($4 IS NULL OR user_id = $4)`, so that a plain equality lets
    // the (user_id, at, seq) index be walked backwards, newest first, with no sort.
    list: `SELECT ${columns} FROM ${auditEvents}
       WHERE at < $1 AND ($2::text IS NULL OR type = $2::text)
       ORDER BY at DESC, seq DESC LIMIT $3`,
    listOfUser: `SELECT ${columns} FROM ${auditEvents}
       WHERE user_id = $4 AND at < $1 AND ($2::text IS NULL OR type = $2::text)
       ORDER BY at DESC, seq DESC LIMIT $3`,
  };

  return {
    async insertAuditEvent(event) {
      const values = auditEventToValues(event);
      await query('insertAuditEvent', sql.insert, values);
    },

    async listAuditEvents(auditQuery) {
      checkListLimit(auditQuery.limit, 'listAuditEvents');
      const values = [
        auditQuery.before === null
          ? 'infinity'
          : formatTimestamp(auditQuery.before, 'listAuditEvents: before'),
        auditQuery.type,
        auditQuery.limit,
      ];
      const { rows } =
        auditQuery.userId === null
          ? await query<AuditEventRow>('listAuditEvents', sql.list, values)
          : await query<AuditEventRow>('listAuditEvents', sql.listOfUser, [...values, auditQuery.userId]);
      return rows.map(auditEventFromRow);
    },
  };
}

// Bound values in `columns` order.
function auditEventToValues(event: AuditEvent): unknown[] {
  return [
    event.id,
    event.type,
    formatTimestamp(event.at, 'insertAuditEvent: at'),
    event.userId,
    event.sessionId,
    event.ip,
    event.userAgent,
    JSON.stringify(event.detail),
  ];
}

function auditEventFromRow(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    // Written only by insertAuditEvent from a typed event.
    type: row.type as AuditEventType,
    at: row.at,
    userId: row.user_id,
    sessionId: row.session_id,
    ip: row.ip,
    userAgent: row.user_agent,
    detail: row.detail,
  };
}
