import { mkdirSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createTesseraDeps, parseServerSecrets } from '@tessera/core';
import {
  authorizeNodeRequest,
  createNodeAuthenticator,
  createNodeListener,
  createTesseraHttp,
  isTesseraPath,
} from '@tessera/http/node';
import { openSqliteStore } from '@tessera/stores/sqlite';

// 32+ random characters, the same on every instance: openssl rand -base64 32
const secret = process.env['TESSERA_SECRET'] ?? '';
const dataDir = process.env['DATA_DIR'] ?? '.tessera/node-app';
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
const serveTessera = createNodeListener(tessera.handle, { bodyLimitBytes: tessera.bodyLimitBytes });
const authenticate = createNodeAuthenticator(tessera);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  if (isTesseraPath(tessera, path)) {
    serveTessera(req, res); // /auth/*, /.well-known/jwks.json, /healthz, /livez
    return;
  }
  authenticate(req, res).then(
    (outcome) => {
      if (outcome.answered) return; // a refused credential (401) or a cross-site request (403)
      const route = `${req.method ?? 'GET'} ${path}`;
      if (route === 'GET /api/me') {
        if (!authorizeNodeRequest(res, outcome.auth)) return;
        const { user, session } = outcome.auth;
        sendJson(res, 200, {
          id: user.id,
          email: user.email,
          roles: user.roles,
          sessionExpiresAt: session.expiresAt,
        });
      } else if (route === 'GET /api/reports') {
        if (authorizeNodeRequest(res, outcome.auth, 'admin')) sendJson(res, 200, { reports: [] });
      } else {
        sendJson(res, 404, { code: 'not_found' });
      }
    },
    () => res.destroy(), // a bug: never answer it as a 401
  );
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  console.log(JSON.stringify({ msg: 'listening', url }));
});
process.once('SIGTERM', () => {
  server.close(() => void deps.revocationFeed.stop().then(() => store.close()));
  server.closeAllConnections();
});
