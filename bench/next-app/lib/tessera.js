// Tessera in the bench app: two instances of @tessera/next (jwt cookie mode and session mode), each
// built the way the auth server builds itself from the same environment (DATABASE_URL, REDIS_URL,
// TESSERA_SECRET, …): the Next.js app is one more instance of the deployment the bench's Tessera
// server belongs to, sharing its PostgreSQL users, sessions and signing keys and its Redis
// revocation feed.
import { createTesseraDeps, silentLogger } from '@tessera/core';
import { createTesseraHttp } from '@tessera/http/fetch';
import { createTesseraNext } from '@tessera/next';
import { loadConfig } from 'tessera/dist/load-config.js';
import { loadServerSecrets } from 'tessera/dist/load-server-secrets.js';
import { openStore } from 'tessera/dist/open-store.js';

function createBenchTessera(cookieMode) {
  return createTesseraNext({
    name: `bench-${cookieMode}`,
    async create() {
      const config = loadConfig(process.env);
      const store = await openStore(config, silentLogger);
      const deps = await createTesseraDeps({
        store,
        secrets: loadServerSecrets(config.secret, config.dataDir, silentLogger),
        ...config.deps,
        logger: silentLogger,
      });
      return createTesseraHttp({
        deps,
        cookieMode,
        trustedOrigins: config.http.trustedOrigins,
        trustProxy: config.http.trustProxy,
      });
    },
  });
}

export const tesseraJwt = createBenchTessera('jwt');
export const tesseraSession = createBenchTessera('session');
