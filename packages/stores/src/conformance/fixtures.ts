// Record builders for the conformance cases. Every id, email and key carries a random suffix, so a case
// never sees another case's data, even when all of them share one database.
import type {
  AuditEvent,
  RevocationEntry,
  SessionRecord,
  SigningKeyRecord,
  UserRecord,
} from '@tessera/core/store';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The instant most fixtures are built around, far from the distant-past instants some cases use.
 * Builders copy it, so a case that mutates a record's Dates never moves it.
 */
export const T0 = new Date('2030-01-01T00:00:00.000Z');

/** `base` plus `seconds`, as a new `Date`. */
export function addSeconds(base: Date, seconds: number): Date {
  return new Date(base.getTime() + seconds * 1000);
}

/** A unique id with a readable prefix. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * A random instant somewhere in 1971–1999, for cases that query by time across the whole store: nothing
 * else is stored there, and two runs of the same case are very unlikely to overlap.
 */
export function distantPastInstant(): Date {
  const from = Date.UTC(1971, 0, 1);
  const to = Date.UTC(1999, 0, 1);
  return new Date(from + Math.floor(Math.random() * (to - from)));
}

/** A valid user with unique id and email; `overrides` replace fields. */
export function makeUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: uniqueId('user'),
    email: `${randomUUID()}@example.test`,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
    roles: [],
    createdAt: addSeconds(T0, 0),
    disabledAt: null,
    emailVerified: false,
    ...overrides,
  };
}

/** A valid `cookie` session of `userId` (no refresh chain) with a unique id; `overrides` replace fields. */
export function makeSession(userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: uniqueId('session'),
    secretHash: 'a'.repeat(64),
    userId,
    createdAt: addSeconds(T0, 0),
    lastSeenAt: addSeconds(T0, 0),
    idleExpiresAt: addSeconds(T0, 7200),
    absoluteExpiresAt: addSeconds(T0, 2_592_000),
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (conformance)',
    transport: 'cookie',
    refreshTokenHash: null,
    previousRefreshTokenHash: null,
    refreshRotatedAt: null,
    refreshGeneration: 0,
    authenticatedAt: addSeconds(T0, 0),
    amr: ['pwd'],
    ...overrides,
  };
}

/** A lower-case hex SHA-256-shaped string, unique per call (stands for a refresh-token hash). */
export function uniqueHash(): string {
  return randomBytes(32).toString('hex');
}

/**
 * A valid current EdDSA signing key with a unique kid; `overrides` replace fields. The key material is
 * a placeholder: stores keep it as text and never look inside.
 */
export function makeSigningKey(overrides: Partial<SigningKeyRecord> = {}): SigningKeyRecord {
  const kid = uniqueId('kid');
  return {
    kid,
    alg: 'EdDSA',
    publicJwk: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'placeholder', kid }),
    privateJwkCiphertext: `v1.${randomBytes(24).toString('base64url')}`,
    createdAt: addSeconds(T0, 0),
    activatesAt: addSeconds(T0, 0),
    retiredAt: null,
    expiresAt: null,
    ...overrides,
  };
}

/** A revocation to append, of a fresh session id; `overrides` replace fields. */
export function makeRevocation(
  overrides: Partial<Omit<RevocationEntry, 'cursor'>> = {},
): Omit<RevocationEntry, 'cursor'> {
  return {
    sessionId: uniqueId('session'),
    revokedAt: addSeconds(T0, 0),
    expiresAt: addSeconds(T0, 900),
    ...overrides,
  };
}

/** A valid audit event with a unique id; `overrides` replace fields. */
export function makeAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: uniqueId('event'),
    type: 'login.succeeded',
    at: addSeconds(T0, 0),
    userId: null,
    sessionId: null,
    ip: null,
    userAgent: null,
    detail: {},
    ...overrides,
  };
}

/** Stores a fresh user and resolves it. */
export async function storeUser(
  store: { insertUser(user: UserRecord): Promise<boolean> },
  overrides: Partial<UserRecord> = {},
): Promise<UserRecord> {
  const user = makeUser(overrides);
  if (!(await store.insertUser(user)))
    throw new Error('fixture: insertUser resolved false for a fresh email.');
  return user;
}
