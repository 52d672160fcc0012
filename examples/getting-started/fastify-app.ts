import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { createTesseraDeps, parseServerSecrets } from '@tessera/core';
import {
  createTesseraHttp,
  requireAuth,
  requireRole,
  tesseraFastify,
  type AuthenticatedRequest,
} from '@tessera/http/fastify';
import { openSqliteStore } from '@tessera/stores/sqlite';

// 32+ random characters, the same on every instance: openssl rand -base64 32
const secret = process.env['TESSERA_SECRET'] ?? '';
const dataDir = process.env['DATA_DIR'] ?? '.tessera/fastify-app';
const port = Number(process.env['PORT'] ?? 3000);
mkdirSync(dataDir, { recursive: true });

const store = openSqliteStore({ path: join(dataDir, 'tessera.db') });
const deps = await createTesseraDeps({
  store,
  secrets: parseServerSecrets(secret, 'TESSERA_SECRET'), // TypeError at start-up if too short
  tokens: { issuer: 'https://app.example.com', audience: 'my-app' },
});
const tessera = createTesseraHttp({
  deps,
  cookieMode: 'session', // or 'jwt': see docs/choosing-a-mode.md
  trustedOrigins: new Set(), // a separate front end's origin, if it sends unsafe requests
  // publicOrigin: 'https://app.example.com', // in production: the only own origin, scheme included
  trustProxy: { kind: 'none' }, // behind a proxy: see docs/deploying.md
});

// forceCloseConnections: close() also ends open revocation-feed streams.
const app = Fastify({ forceCloseConnections: true });
await app.register(tesseraFastify(tessera));

app.get('/api/me', { preHandler: requireAuth() }, (request: AuthenticatedRequest) => {
  const auth = request.auth;
  if (!auth) throw new TypeError('this route is missing requireAuth()');
  const { user, session } = auth;
  return { id: user.id, email: user.email, roles: user.roles, sessionExpiresAt: session.expiresAt };
});
app.get('/api/reports', { preHandler: requireRole('admin') }, () => ({ reports: [] }));

const url = await app.listen({ port, host: '127.0.0.1' });
console.log(JSON.stringify({ msg: 'listening', url }));
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => deps.revocationFeed.stop())
    .then(() => store.close());
});
