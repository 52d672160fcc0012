import type { AuditStore } from '@tessera/core/store';
import { checkListLimit } from '../lib/check-list-limit.js';
import { formatTimestamp } from './format-timestamp.js';
import { auditEventFromRow, auditEventToValues } from './postgres-rows.js';
import type { AuditEventRow } from './postgres-rows.js';
import type { PostgresConnection } from './postgres-connection.js';

/**
 * The audit part of the PostgreSQL store.
 *
 * @example
 * const audit = createPostgresAuditStore(connection);
 */
export function createPostgresAuditStore({ queries, query }: PostgresConnection): AuditStore {
  return {
    async insertAuditEvent(event) {
      const values = auditEventToValues(event);
      await query('insertAuditEvent', queries.insertAuditEvent, values);
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
          ? await query<AuditEventRow>('listAuditEvents', queries.listAuditEvents, values)
          : await query<AuditEventRow>('listAuditEvents', queries.listUserAuditEvents, [
              ...values,
              auditQuery.userId,
            ]);
      return rows.map(auditEventFromRow);
    },
  };
}
