import { cryptoRandomBytes, silentLogger, systemClock, type TesseraStore } from '@tessera/core';
import type { AdminDeps } from '@tessera/core/admin';
import { resolveSessionPolicy, resolveTokenPolicy } from '@tessera/core/config';
import { RevocationFeed } from '@tessera/core/revocation';
import type { RevocationStream } from '@tessera/core/store';
import { loadConfig, type Environment, type ServerConfig } from '../load-config.js';
import { openStore } from '../open-store.js';

/** The store the server uses, and the admin operations' dependencies over it. */
export interface CliStore {
  config: ServerConfig;
  store: TesseraStore & Partial<RevocationStream>;
  deps: AdminDeps;
  close(): Promise<void>;
}

/**
 * Opens the store the server of this environment uses (`DATABASE_URL`, else the SQLite file in
 * `TESSERA_DATA_DIR`; `REDIS_URL` for the revocation stream) with a revocation feed that only
 * publishes: revocations land in the same durable log (or Redis stream) every running server
 * follows, so they reach them without this process serving anything.
 *
 * @example
 * const cli = await openCliStore(env);
 * try { await disableUser(cli.deps, id, actor); } finally { await cli.close(); }
 */
export async function openCliStore(env: Environment): Promise<CliStore> {
  const config = loadConfig(env);
  // The single-instance warning is for servers; the CLI is a short-lived writer next to them.
  const store = await openStore(config, silentLogger);
  const tokens = resolveTokenPolicy(config.deps.tokens);
  const session = resolveSessionPolicy(config.deps.session);
  const revocationFeed = new RevocationFeed(store, tokens.accessTokenTtlSeconds + tokens.clockSkewSeconds, {
    clock: systemClock,
    sessionLifetimeSeconds: Math.min(session.idleTimeoutSeconds, session.absoluteTimeoutSeconds),
  });
  return {
    config,
    store,
    deps: { store, clock: systemClock, randomBytes: cryptoRandomBytes, revocationFeed },
    close: () => store.close(),
  };
}

/**
 * Runs one CLI command against the environment's store and closes the store afterwards, whatever
 * the command did: the shape every store-touching command shares.
 *
 * @example
 * return withCliStore(env, async (cli) => {
 *   await disableUser(cli.deps, id, actor);
 *   return 0;
 * });
 */
export async function withCliStore<T>(env: Environment, run: (cli: CliStore) => Promise<T>): Promise<T> {
  const cli = await openCliStore(env);
  try {
    return await run(cli);
  } finally {
    await cli.close();
  }
}
