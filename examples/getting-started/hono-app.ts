import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createTesseraDeps, parseServerSecrets } from '@tessera/core';
import {
  createTesseraHttp,
  requireAuth,
  requireRole,
  tesseraHono,
  tesseraRoutes,
  type TesseraEnv,
} from '@tessera/http/hono';
import { openSqliteStore } from '@tessera/stores/sqlite';

// 32+ random characters, the same on every instance: openssl rand -base64 32
const secret = process.env['TESSERA_SECRET'] ?? '';
const dataDir = process.env['DATA_DIR'] ?? '.tessera/hono-app';
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

const app = new Hono<TesseraEnv>();
app.use(tesseraHono(tessera)); // sets c.get('auth') on your routes
app.route('/', tesseraRoutes(tessera)); // serves /auth/*, the JWKS and the health probes

app.get('/api/me', requireAuth(), (c) => {
  const auth = c.get('auth');
  if (!auth) throw new TypeError('this route is missing requireAuth()');
  const { user, session } = auth;
  return c.json({ id: user.id, email: user.email, roles: user.roles, sessionExpiresAt: session.expiresAt });
});
app.get('/api/reports', requireRole('admin'), (c) => c.json({ reports: [] }));

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  console.log(JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${info.port}` }));
});
process.once('SIGTERM', () => {
  server.close(() => void deps.revocationFeed.stop().then(() => store.close()));
  if ('closeAllConnections' in server) server.closeAllConnections();
});
