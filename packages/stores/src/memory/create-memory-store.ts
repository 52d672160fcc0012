import type { TesseraStore } from '@tessera/core';
import type { UserRecord } from '@tessera/core/store';
import { createMemoryAuditStore } from './create-memory-audit-store.js';
import { createMemoryCounterStore } from './create-memory-counter-store.js';
import { createMemoryEmailTokenStore } from './create-memory-email-token-store.js';
import { createMemoryGate } from './create-memory-gate.js';
import { createMemoryIdentityStore } from './create-memory-identity-store.js';
import { createMemoryRevocationStore } from './create-memory-revocation-store.js';
import { createMemorySessionStore } from './create-memory-session-store.js';
import { createMemorySigningKeyStore } from './create-memory-signing-key-store.js';
import { createMemoryUserStore } from './create-memory-user-store.js';
import { createMemorySecondFactorStore } from './create-memory-second-factor-store.js';
import { createMemoryPendingLoginStore } from './create-memory-pending-login-store.js';
import { createMemoryPasskeyStore } from './create-memory-passkey-store.js';
import { createMemoryWebAuthnChallengeStore } from './create-memory-webauthn-challenge-store.js';

/**
 * A `TesseraStore` kept in this process's memory, for tests and single-process development.
 * Warning: everything it holds is lost when the process exits or the store closes; the SQLite store keeps data.
 *
 * @example
 * const store = createMemoryStore();
 * await store.ping();
 */
export function createMemoryStore(): TesseraStore {
  const gate = createMemoryGate();
  const users = new Map<string, UserRecord>();
  return {
    ...createMemoryUserStore(gate, users),
    ...createMemorySessionStore(gate, (userId) => users.has(userId)),
    ...createMemorySigningKeyStore(gate),
    ...createMemoryRevocationStore(gate),
    ...createMemoryCounterStore(gate),
    ...createMemoryAuditStore(gate),
    ...createMemorySecondFactorStore(gate, (userId) => users.has(userId)),
    ...createMemoryPendingLoginStore(gate, (userId) => users.has(userId)),
    ...createMemoryEmailTokenStore(gate, (userId) => users.has(userId)),
    ...createMemoryIdentityStore(gate, users),
    ...createMemoryPasskeyStore(gate, (userId) => users.has(userId)),
    ...createMemoryWebAuthnChallengeStore(gate),
    ping: () => gate.run(() => undefined),
    close() {
      gate.close();
      return Promise.resolve();
    },
  };
}
