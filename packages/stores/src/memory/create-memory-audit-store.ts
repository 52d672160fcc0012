import type { AuditEvent, AuditQuery, AuditStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The audit part of the memory store.
 *
 * @example
 * const audit = createMemoryAuditStore(createMemoryGate());
 */
export function createMemoryAuditStore(gate: MemoryGate): AuditStore {
  // Insertion order doubles as the tie-break for events with the same `at`, like SQLite's rowid.
  const auditEvents: AuditEvent[] = [];
  const auditEventIds = new Set<string>();
  const { run } = gate;
  gate.onClose(() => {
    auditEvents.length = 0;
    auditEventIds.clear();
  });

  return {
    insertAuditEvent(event) {
      return run(() => {
        if (auditEventIds.has(event.id))
          throw new Error('insertAuditEvent: an event with this id already exists.');
        auditEventIds.add(event.id);
        auditEvents.push(copyAuditEvent(event));
      });
    },

    listAuditEvents(query) {
      return run(() => {
        checkListLimit(query.limit, 'listAuditEvents');
        const beforeMillis =
          query.before === null ? null : checkDate(query.before, 'listAuditEvents: before');
        const matches = auditEvents
          .filter((event) => matchesAuditQuery(event, query, beforeMillis))
          .reverse();
        // Stable sort over the reversed log: newest `at` first, later insertions first among equal instants.
        matches.sort((a, b) => b.at.getTime() - a.at.getTime());
        return matches.slice(0, query.limit).map(copyAuditEvent);
      });
    },
  };
}

function matchesAuditQuery(event: AuditEvent, query: AuditQuery, beforeMillis: number | null): boolean {
  return (
    (query.userId === null || event.userId === query.userId) &&
    (query.type === null || event.type === query.type) &&
    (beforeMillis === null || event.at.getTime() < beforeMillis)
  );
}

// Copied field by field on the way in and out, so neither side can change the other's copy.
function copyAuditEvent(event: AuditEvent): AuditEvent {
  return {
    id: event.id,
    type: event.type,
    at: new Date(event.at.getTime()),
    userId: event.userId,
    sessionId: event.sessionId,
    ip: event.ip,
    userAgent: event.userAgent,
    detail: { ...event.detail },
  };
}
