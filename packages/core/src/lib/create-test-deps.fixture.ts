// Shared setup of the engine tests: the engine's dependencies wired by `createTesseraDeps` over the
// real memory store, with a clock the test moves and the cheap-but-real argon2id hasher the server
// tests use. Not part of the package (the build leaves `*.fixture.ts` out, no entry exports it).
import { createMemoryStore } from '@tessera/stores/memory';
import { fastHasher, PASSWORD, TestClock } from '../../../../test/support/test-kit.js';
import type { RequestOrigin } from '../account/request-origin.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { StoreUnavailableError } from '../errors.js';
import { createTesseraDeps, type TesseraDepsOptions } from '../create-tessera-deps.js';
import { readFeedEntry, type FeedEntry } from '../revocation/feed-entry.js';
import { parseServerSecrets } from '../secret/server-secrets.js';
import type { MailMessage } from '../mail/mailer.js';
import type { AuditEventType } from '../store/audit-store.js';
import type { TesseraStore } from '../store/tessera-store.js';
import type { UserRecord } from '../store/user-store.js';

export { PASSWORD, TestClock };

/** Where every test request comes from, unless a test says otherwise. */
export const ORIGIN: RequestOrigin = { ip: '203.0.113.7', userAgent: 'engine-test' };

/** One engine of its own for one test. */
export interface TestDeps {
  deps: TesseraDeps;
  store: TesseraStore;
  clock: TestClock;
  /** What the revocation feed delivered since the engine started, in order. */
  feed: FeedEntry[];
  /** Every message the engine mailed, in order. */
  mail: MailMessage[];
}

/** The policy a test may set; everything else is `createTesseraDeps`'s default. */
export type TestDepsOptions = Partial<
  Pick<TesseraDepsOptions, 'session' | 'throttle' | 'observer' | 'store' | 'secrets'>
> & { tokens?: Partial<TesseraDepsOptions['tokens']> };

/**
 * Builds the engine the way an application embedding it would, from core and the memory store.
 * Pass `store` to build a second engine over the same store (another instance, or after a restart).
 */
export async function createTestDeps(options: TestDepsOptions = {}): Promise<TestDeps> {
  const clock = new TestClock();
  const store = options.store ?? createMemoryStore();
  const mail: MailMessage[] = [];
  const deps = await createTesseraDeps({
    store,
    email: {
      mailer: {
        send(message) {
          mail.push(message);
          return Promise.resolve();
        },
      },
    },
    secrets: options.secrets ?? parseServerSecrets('x'.repeat(40), 'TEST'),
    clock,
    passwordHasher: fastHasher,
    tokens: { issuer: 'https://auth.example.com', audience: 'https://api.example.com', ...options.tokens },
    ...(options.session ? { session: options.session } : {}),
    ...(options.throttle ? { throttle: options.throttle } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
  const feed: FeedEntry[] = [];
  deps.revocationFeed.subscribe((entries) => feed.push(...entries.map(readFeedEntry)));
  return { deps, store, clock, feed, mail };
}

/** Adds an account (password `PASSWORD` unless given) straight to the store. */
export async function addUser(
  { deps }: Pick<TestDeps, 'deps'>,
  email: string,
  options: { roles?: string[]; password?: string; disabled?: boolean } = {},
): Promise<UserRecord> {
  const user: UserRecord = {
    id: Buffer.from(deps.randomBytes(16)).toString('base64url'),
    email,
    passwordHash: await deps.passwordHasher.hash(options.password ?? PASSWORD),
    roles: options.roles ?? [],
    createdAt: deps.clock.now(),
    disabledAt: options.disabled === true ? deps.clock.now() : null,
    emailVerified: false,
  };
  if (!(await deps.store.insertUser(user))) throw new TypeError(`${email} exists already`);
  return user;
}

/** The audit log's event types for a user, oldest first. */
export async function auditTypes(store: TesseraStore, userId: string | null): Promise<AuditEventType[]> {
  const events = await store.listAuditEvents({ userId, type: null, before: null, limit: 1000 });
  return events.map((event) => event.type).reverse();
}

/** The session ids the feed announced as revoked. */
export function revokedIds(feed: readonly FeedEntry[]): string[] {
  return feed.flatMap((entry) => (entry.kind === 'session-revoked' ? [entry.sessionId] : []));
}

/**
 * The memory store, except that the named methods reject with `StoreUnavailableError` (a database
 * outage) while `fail` has named them; `fail([])` ends the outage.
 */
export function storeWithOutage(): {
  store: TesseraStore;
  fail: (methods: readonly (keyof TesseraStore)[]) => void;
} {
  const real = createMemoryStore();
  let failing = new Set<PropertyKey>();
  const down = () => Promise.reject(new StoreUnavailableError('the store is down (test outage)', undefined));
  const store = new Proxy(real, {
    get(target, property, receiver) {
      if (failing.has(property)) return down;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { store, fail: (methods) => (failing = new Set(methods)) };
}
