import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { createTesseraDeps, parseServerSecrets } from '@tessera/core';
import {
  createTesseraHttp,
  requireAuth,
  requireRole,
  tesseraExpress,
  type AuthenticatedRequest,
} from '@tessera/http/express';
import { openSqliteStore } from '@tessera/stores/sqlite';

// 32+ random characters, the same on every instance: openssl rand -base64 32
const secret = process.env['TESSERA_SECRET'] ?? '';
const dataDir = process.env['DATA_DIR'] ?? '.tessera/express-app';
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

const app = express();
app.use(tesseraExpress(tessera)); // first: it reads the raw body of /auth/*
app.use(express.json());

app.get('/api/me', requireAuth(), (req: AuthenticatedRequest, res) => {
  const auth = req.auth;
  if (!auth) throw new TypeError('this route is missing requireAuth()');
  const { user, session } = auth;
  res.json({ id: user.id, email: user.email, roles: user.roles, sessionExpiresAt: session.expiresAt });
});
app.get('/api/reports', requireRole('admin'), (_req, res) => {
  res.json({ reports: [] });
});

const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  console.log(JSON.stringify({ msg: 'listening', url }));
});
process.once('SIGTERM', () => {
  server.close(() => void deps.revocationFeed.stop().then(() => store.close()));
  server.closeAllConnections();
});
