import {
  RevocationFeed,
  cryptoRandomBytes,
  silentLogger,
  systemClock,
  type AdminDeps,
  type RevocationStream,
  type TesseraStore,
} from '@tessera/core';
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
  const revocationFeed = new RevocationFeed(store, config.accessTokenTtlSeconds + config.clockSkewSeconds, {
    clock: systemClock,
  });
  return {
    config,
    store,
    deps: { store, clock: systemClock, randomBytes: cryptoRandomBytes, revocationFeed },
    close: () => store.close(),
  };
}
