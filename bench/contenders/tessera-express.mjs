// Tessera mounted on Express (`@tessera/http/express`) in session mode, on the store the auth server
// would open from the same environment (DATABASE_URL + REDIS_URL with the local session cache, or
// the embedded SQLite file). GET /open is registered before Tessera's middleware: the no-auth
// ceiling of the same app. GET /me requires a session and answers with the public user.
import express from 'express';
import { createTesseraDeps, silentLogger } from '@tessera/core';
import { createTesseraHttp, requireAuth, tesseraExpress } from '@tessera/http/express';
import { loadConfig } from '../../apps/tessera/dist/load-config.js';
import { loadServerSecrets } from '../../apps/tessera/dist/load-server-secrets.js';
import { openStore } from '../../apps/tessera/dist/open-store.js';
import { announceListening } from '../lib/services.mjs';

const config = loadConfig(process.env);
const store = await openStore(config, silentLogger);
const deps = await createTesseraDeps({
  ...config.deps,
  store,
  secrets: loadServerSecrets(config.secret, config.dataDir, silentLogger),
});
const tessera = createTesseraHttp({
  deps,
  cookieMode: 'session',
  trustedOrigins: config.http.trustedOrigins,
  trustProxy: config.http.trustProxy,
});

const app = express();
app.get('/open', (request, response) => {
  response.json({ status: 'ok' });
});
app.use(tesseraExpress(tessera));
app.get('/me', requireAuth(), (request, response) => {
  const { id, email, roles } = request.auth.user;
  response.json({ user: { id, email, roles } });
});
const server = app.listen(0, '127.0.0.1', () => announceListening(server));
