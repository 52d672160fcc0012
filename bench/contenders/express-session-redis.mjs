// Express + express-session + connect-redis (the official `redis` client), sessions under their own
// key prefix on the shared Redis. POST /login starts a session for the bench user (no password
// check: the bench measures authenticated requests, not sign-in); GET /me answers from the session.
import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { announceListening, benchUser, redisUrl } from '../lib/services.mjs';

const client = createClient({ url: redisUrl });
await client.connect();
const app = express();
app.get('/open', (request, response) => {
  response.json({ status: 'ok' });
});
app.use(
  session({
    store: new RedisStore({ client, prefix: `${process.env.BENCH_REDIS_PREFIX ?? 'bench'}:sess:` }),
    secret: process.env.BENCH_SECRET ?? 'bench-secret',
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 },
  }),
);
app.post('/login', (request, response) => {
  request.session.user = benchUser;
  response.json({ user: benchUser });
});
app.get('/me', (request, response) => {
  if (request.session.user === undefined) {
    response.status(401).json({ error: 'unauthenticated' });
    return;
  }
  response.json({ user: request.session.user });
});
const server = app.listen(0, '127.0.0.1', () => announceListening(server));
