// The whole of Tessera in a Next.js app (docs/getting-started-next.md shows this file): the engine
// over SQLite, the HTTP layer, and the Next.js bindings. Everything else imports `tessera` from here.
import { join } from 'node:path';
import { createTesseraDeps, parseServerSecrets } from '@tessera/core';
import { createTesseraHttp } from '@tessera/http/fetch';
import { createTesseraNext } from '@tessera/next';
import { openSqliteStore } from '@tessera/stores/sqlite';

export const tessera = createTesseraNext({
  // Runs once per server process, on the first request that needs Tessera.
  async create() {
    const dataDir = process.env['TESSERA_DATA_DIR'] ?? '.tessera';
    const secret = process.env['TESSERA_SECRET'];
    if (secret === undefined) throw new TypeError('Set TESSERA_SECRET (at least 32 random characters)');
    const deps = await createTesseraDeps({
      store: openSqliteStore({ path: join(dataDir, 'tessera.db') }),
      secrets: parseServerSecrets(secret, 'TESSERA_SECRET'),
      tokens: { issuer: 'next-app', audience: 'next-app' },
    });
    return createTesseraHttp({
      deps,
      // jwt: pages verify the access cookie in process; a revoked session is refused at once.
      cookieMode: process.env['TESSERA_COOKIE_MODE'] === 'session' ? 'session' : 'jwt',
      trustedOrigins: new Set(),
      trustProxy: { kind: 'none' },
    });
  },
  signInPath: '/login',
});
