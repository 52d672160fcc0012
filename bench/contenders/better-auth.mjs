// Better Auth on node:http with its PostgreSQL adapter (a private database), email + password
// sign-in through its own handler, and GET /me calling `auth.api.getSession`. BENCH_BETTER_AUTH
// picks the variant: `db` (every getSession reads PostgreSQL), `cookie-cache` (`session.cookieCache`:
// a signed cookie holds the session for 5 minutes), `redis` (sessions in Redis secondary storage).
import { createServer } from 'node:http';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import pg from 'pg';
import { createClient } from 'redis';
import { announceListening, redisUrl } from '../lib/services.mjs';

const variant = process.env.BENCH_BETTER_AUTH ?? 'db';
if (!['db', 'cookie-cache', 'redis'].includes(variant)) throw new TypeError(`unknown variant ${variant}`);
const prefix = `${process.env.BENCH_REDIS_PREFIX ?? 'bench'}:better-auth:`;

let secondaryStorage;
if (variant === 'redis') {
  const client = createClient({ url: redisUrl });
  await client.connect();
  secondaryStorage = {
    get: (key) => client.get(prefix + key),
    getAndDelete: (key) => client.getDel(prefix + key),
    increment: async (key, ttl) => {
      const [value] = await client
        .multi()
        .incr(prefix + key)
        .expire(prefix + key, ttl, 'NX')
        .exec();
      return Number(value);
    },
    set: (key, value, ttl) =>
      ttl ? client.set(prefix + key, value, { EX: ttl }) : client.set(prefix + key, value),
    delete: (key) => client.del(prefix + key),
  };
}

const options = {
  database: new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 }),
  secret: process.env.BENCH_SECRET ?? 'bench-secret-bench-secret-bench-secret',
  baseURL: 'http://127.0.0.1',
  emailAndPassword: { enabled: true },
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
  ...(secondaryStorage ? { secondaryStorage } : {}),
  ...(variant === 'cookie-cache' ? { session: { cookieCache: { enabled: true, maxAge: 300 } } } : {}),
};
const { runMigrations } = await getMigrations(options);
await runMigrations();
const auth = betterAuth(options);
const authHandler = toNodeHandler(auth);

const server = createServer((request, response) => {
  if (request.url === '/open') {
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify({ status: 'ok' }));
    return;
  }
  if (request.url === '/me') {
    auth.api.getSession({ headers: fromNodeHeaders(request.headers), returnHeaders: true }).then(
      ({ headers, response: session }) => {
        // A refreshed cookie cache comes back as Set-Cookie, like in an application.
        const setCookie = headers.getSetCookie();
        if (setCookie.length > 0) response.setHeader('set-cookie', setCookie);
        response.statusCode = session === null ? 401 : 200;
        response.setHeader('content-type', 'application/json; charset=utf-8');
        response.end(
          JSON.stringify(session === null ? { error: 'unauthenticated' } : { user: session.user }),
        );
      },
      (error) => {
        response.statusCode = 500;
        response.end(String(error?.message ?? error));
      },
    );
    return;
  }
  authHandler(request, response);
});
server.listen(0, '127.0.0.1', () => announceListening(server));
