import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  createTesseraDeps,
  parseServerSecrets,
  type Logger,
  type ServerSecrets,
  type TesseraDeps,
} from '@tessera/core';
import { normalizeEmail } from '@tessera/core/account';
import { checkNewPassword } from '@tessera/core/password';
import { createTesseraHttp } from '@tessera/http/express';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { createFoodDeliveryApp } from './create-food-delivery-app.js';
import { FoodCatalog } from './food-catalog.js';

/** Options of `startFoodDelivery`. */
export interface FoodDeliveryOptions {
  /** Where the SQLite database (users, sessions, keys, audit) and the generated secret live. */
  dataDir: string;
  /** 0: an ephemeral port. */
  port: number;
  host?: string;
  /** `iss` of the access tokens; default: the URL the app listens on. */
  issuer?: string;
  /**
   * When set, the staff accounts `admin@example.com` (admin), `owner@example.com`
   * (restaurant-owner of Pizza Nova) and `courier@example.com` (courier) are created with this
   * password if they do not exist yet. Roles have no public sign-up: someone must grant them.
   */
  staffPassword?: string | null;
  /** Origins of a separate front end allowed to send cookie-authenticated unsafe requests. */
  trustedOrigins?: readonly string[];
  logger?: Logger;
}

/** A running food-delivery API. */
export interface RunningFoodDelivery {
  /** e.g. `http://127.0.0.1:3100` */
  url: string;
  deps: TesseraDeps;
  close(): Promise<void>;
}

/** Every access token issued here names this audience; the courier service expects it. */
export const FOOD_DELIVERY_AUDIENCE = 'food-delivery';

const STAFF = [
  { email: 'admin@example.com', roles: ['admin'] },
  { email: 'owner@example.com', roles: ['restaurant-owner'] },
  { email: 'courier@example.com', roles: ['courier'] },
] as const;

/**
 * Starts the example: Tessera on an embedded SQLite database in `dataDir`, session cookies, and
 * the food-delivery routes, on one Express app.
 *
 * @example
 * const app = await startFoodDelivery({ dataDir: '.tessera/food-delivery', port: 3100 });
 */
export async function startFoodDelivery(options: FoodDeliveryOptions): Promise<RunningFoodDelivery> {
  mkdirSync(options.dataDir, { recursive: true });
  const store = openSqliteStore({ path: join(options.dataDir, 'tessera.db') });
  // The app is attached once Tessera is wired; the issuer is the URL, known once listening.
  let listener: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => listener(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  const deps = await createTesseraDeps({
    store,
    secrets: loadSecret(options.dataDir),
    tokens: { issuer: options.issuer ?? url, audience: FOOD_DELIVERY_AUDIENCE },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const tessera = createTesseraHttp({
    deps,
    cookieMode: 'session',
    trustedOrigins: new Set(options.trustedOrigins ?? []),
    trustProxy: { kind: 'none' },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const staff = options.staffPassword
    ? await ensureStaff(deps, options.staffPassword)
    : new Map<string, string>();
  const catalog = new FoodCatalog(
    [
      { id: 'pizza-nova', name: 'Pizza Nova', ownerId: staff.get('owner@example.com') ?? null },
      { id: 'green-bowl', name: 'Green Bowl', ownerId: null },
    ],
    {
      'pizza-nova': [
        { id: 'margherita', name: 'Margherita', priceCents: 1090 },
        { id: 'diavola', name: 'Diavola', priceCents: 1290 },
      ],
      'green-bowl': [{ id: 'falafel-bowl', name: 'Falafel bowl', priceCents: 1150 }],
    },
  );
  listener = createFoodDeliveryApp({ tessera, catalog, now: () => deps.clock.now() });

  // Expired sessions and throttle counters are deleted now and then, as the auth server does.
  const sweep = setInterval(
    () => {
      const now = deps.clock.now();
      Promise.all([store.deleteExpiredSessions(now), store.deleteExpiredCounters(now)]).catch(() =>
        options.logger?.warn('sweep of expired records failed'),
      );
    },
    10 * 60 * 1000,
  );
  sweep.unref();

  let closing: Promise<void> | null = null;
  return {
    url,
    deps,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Revocation-feed followers (the courier service) hold a stream open: cut it.
        server.closeAllConnections();
        await closed;
        await deps.revocationFeed.stop();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * `TESSERA_SECRET` if set, else a secret generated once into the data directory (mode 0600), so
 * the example starts with no configuration and keeps its signing keys across restarts.
 */
function loadSecret(dataDir: string): ServerSecrets {
  const fromEnv = process.env['TESSERA_SECRET'];
  if (fromEnv !== undefined && fromEnv !== '') return parseServerSecrets(fromEnv, 'TESSERA_SECRET');
  const path = join(dataDir, 'secret');
  if (!existsSync(path)) {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  return parseServerSecrets(readFileSync(path, 'utf8').trim(), `the secret file ${path}`);
}

/** Creates the missing staff accounts; returns every staff email's user id. */
async function ensureStaff(deps: TesseraDeps, password: string): Promise<Map<string, string>> {
  // The same policy as sign-up: a weak staff password stops the start with WeakPasswordError.
  const normalized = checkNewPassword(password);
  const ids = new Map<string, string>();
  for (const { email, roles } of STAFF) {
    const normalizedEmail = normalizeEmail(email) ?? email;
    const existing = await deps.store.getUserByEmail(normalizedEmail);
    if (existing !== null) {
      ids.set(email, existing.id);
      continue;
    }
    const user = {
      id: randomUUID(),
      email: normalizedEmail,
      passwordHash: await deps.passwordHasher.hash(normalized),
      roles: [...roles],
      createdAt: deps.clock.now(),
      disabledAt: null,
      emailVerified: false,
    };
    await deps.store.insertUser(user);
    ids.set(email, user.id);
  }
  return ids;
}
