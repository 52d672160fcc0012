import type { CounterStore, RevocationStore, RevocationStream, TesseraStore } from '@tessera/core';
import { isRevocationStream } from '@tessera/core';

/** What a part may have besides its store methods; `composeStore` pings and closes the parts that do. */
export interface StorePartLifecycle {
  ping?(): Promise<void>;
  close?(): Promise<void>;
}

/** The parts `composeStore` puts together. */
export interface ComposeStoreParts {
  /** Users, sessions, keys and audit, and whatever no other part takes. */
  base: TesseraStore;
  /** Rate-limit counters shared between instances (e.g. `createRedisCounterStore`). */
  counters?: CounterStore & StorePartLifecycle;
  /** The revocation log, ideally one that pushes (e.g. `createRedisRevocationStore`). */
  revocations?: RevocationStore & Partial<RevocationStream> & StorePartLifecycle;
}

const counterMethods = ['incrementCounter', 'getCounter', 'deleteCounter', 'deleteExpiredCounters'] as const;
const revocationMethods = ['appendRevocations', 'listRevocations', 'deleteExpiredRevocations'] as const;

/**
 * One `TesseraStore` made of parts: counter calls go to `counters`, revocation calls to `revocations`,
 * everything else (and any part not given) to `base`. It has `readRevocations` exactly when the part
 * serving revocations has it, so `isRevocationStream` tells the truth about the whole. `ping` pings every
 * distinct part (a part given twice is pinged once) and rejects if any does; `close` closes every distinct
 * part once, even when one of them fails, and is idempotent.
 *
 * Ownership: the composed store owns its parts (its `close` closes them), not what the parts were built
 * on: a Redis client passed to the Redis stores is still the caller's to close, after this store.
 *
 * @example
 * const store = composeStore({
 *   base: await openPostgresStore({ connectionString }),
 *   counters: createRedisCounterStore(client, { prefix: 'tessera' }),
 *   revocations: createRedisRevocationStore(client, { prefix: 'tessera' }),
 * });
 */
export function composeStore(parts: ComposeStoreParts): TesseraStore & Partial<RevocationStream> {
  const { base } = parts;
  if (typeof (base as unknown) !== 'object' || (base as unknown) === null)
    throw new TypeError('composeStore: base must be a store.');
  const counters = parts.counters ?? base;
  const revocations = parts.revocations ?? base;
  checkMethods(counters, counterMethods, 'counters');
  checkMethods(revocations, revocationMethods, 'revocations');
  const distinctParts: StorePartLifecycle[] = [...new Set<StorePartLifecycle>([base, counters, revocations])];
  let closing: Promise<void> | null = null;

  const store: TesseraStore = {
    insertUser: (user) => base.insertUser(user),
    getUserById: (id) => base.getUserById(id),
    getUserByEmail: (email) => base.getUserByEmail(email),
    updateUserPasswordHash: (userId, passwordHash) => base.updateUserPasswordHash(userId, passwordHash),
    listUsers: (query) => base.listUsers(query),
    updateUserDisabledAt: (userId, disabledAt) => base.updateUserDisabledAt(userId, disabledAt),
    updateUserRoles: (userId, roles) => base.updateUserRoles(userId, roles),
    listEnabledUserIdsWithRole: (role, limit) => base.listEnabledUserIdsWithRole(role, limit),
    insertUsers: (users) => base.insertUsers(users),
    insertSession: (session) => base.insertSession(session),
    getSession: (sessionId) => base.getSession(sessionId),
    updateSessionActivity: (sessionId, lastSeenAt, idleExpiresAt) =>
      base.updateSessionActivity(sessionId, lastSeenAt, idleExpiresAt),
    updateSessionSecretHash: (sessionId, secretHash) => base.updateSessionSecretHash(sessionId, secretHash),
    deleteSession: (sessionId) => base.deleteSession(sessionId),
    deleteUserSessions: (userId, exceptSessionId) => base.deleteUserSessions(userId, exceptSessionId),
    listUserSessions: (userId) => base.listUserSessions(userId),
    deleteExpiredSessions: (now) => base.deleteExpiredSessions(now),
    countLiveSessions: (now) => base.countLiveSessions(now),
    rotateSessionRefreshToken: (sessionId, expected, next) =>
      base.rotateSessionRefreshToken(sessionId, expected, next),
    insertSigningKey: (key) => base.insertSigningKey(key),
    listSigningKeys: () => base.listSigningKeys(),
    retireSigningKey: (kid, retiredAt, expiresAt) => base.retireSigningKey(kid, retiredAt, expiresAt),
    updateSigningKeyCiphertext: (kid, ciphertext) => base.updateSigningKeyCiphertext(kid, ciphertext),
    deleteExpiredSigningKeys: (now) => base.deleteExpiredSigningKeys(now),
    insertAuditEvent: (event) => base.insertAuditEvent(event),
    listAuditEvents: (query) => base.listAuditEvents(query),

    incrementCounter: (key, delta, windowSeconds, now) =>
      counters.incrementCounter(key, delta, windowSeconds, now),
    getCounter: (key, now) => counters.getCounter(key, now),
    deleteCounter: (key) => counters.deleteCounter(key),
    deleteExpiredCounters: (now) => counters.deleteExpiredCounters(now),

    appendRevocations: (entries) => revocations.appendRevocations(entries),
    listRevocations: (afterCursor, now, limit) => revocations.listRevocations(afterCursor, now, limit),
    deleteExpiredRevocations: (now) => revocations.deleteExpiredRevocations(now),

    async ping() {
      await Promise.all(
        distinctParts.map((part) => (part.ping === undefined ? Promise.resolve() : part.ping())),
      );
    },

    close() {
      closing ??= closeAll(distinctParts);
      return closing;
    },
  };
  if (!isRevocationStream(revocations)) return store;
  const stream: RevocationStream = revocations;
  return {
    ...store,
    readRevocations: (afterCursor, now, limit, blockMs) =>
      stream.readRevocations(afterCursor, now, limit, blockMs),
  };
}

// Every part is closed even when an earlier one fails; the first failure is reported.
async function closeAll(parts: readonly StorePartLifecycle[]): Promise<void> {
  const results = await Promise.allSettled(
    parts.map((part) => (part.close === undefined ? Promise.resolve() : part.close())),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}

function checkMethods(part: object, methods: readonly string[], name: string): void {
  for (const method of methods) {
    if (typeof (part as Record<string, unknown>)[method] !== 'function') {
      throw new TypeError(`composeStore: ${name} must have ${method}().`);
    }
  }
}
