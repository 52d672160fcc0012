// A Better Auth server for the revocation comparison: email + password, sessions in PostgreSQL
// (DATABASE_URL, migrated here with Better Auth's own migration planner), and the session cookie
// cache on with maxAge = BETTER_AUTH_COOKIE_CACHE_SECONDS. Announces {"url": …} on stdout like the
// Tessera server, so bench/lib/services.mjs can start it.
import { createServer } from 'node:http';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import pg from 'pg';

const cookieCacheSeconds = Number(process.env.BETTER_AUTH_COOKIE_CACHE_SECONDS ?? '5');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
const options = {
  database: pool,
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL: 'http://127.0.0.1',
  emailAndPassword: { enabled: true },
  session: { cookieCache: { enabled: true, maxAge: cookieCacheSeconds } },
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
  logger: { disabled: true },
};
const { runMigrations } = await getMigrations(options);
await runMigrations();
const auth = betterAuth(options);
const server = createServer(toNodeHandler(auth));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
});
