import type { AuditStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { auditEventFromRow, auditEventToRow } from './sqlite-rows.js';
import type { SqliteConnection } from './sqlite-connection.js';

// Beyond every stored instant (the year 287396), so "no `before` filter" can still bound the index scan.
const endOfTimeMillis = Number.MAX_SAFE_INTEGER;

/**
 * The audit part of the SQLite store.
 *
 * @example
 * const audit = createSqliteAuditStore(connection);
 */
export function createSqliteAuditStore({ statements, run }: SqliteConnection): AuditStore {
  return {
    insertAuditEvent(event) {
      return run('insertAuditEvent', () => {
        statements.insertAuditEvent.run(auditEventToRow(event));
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
            ? statements.listAuditEvents.all(params)
            : statements.listUserAuditEvents.all({ ...params, userId: query.userId });
        return rows.map(auditEventFromRow);
      });
    },
  };
}
