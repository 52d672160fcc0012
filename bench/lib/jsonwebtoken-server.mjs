// The usual Express + jsonwebtoken setup, for the revocation comparison: POST /login signs an HS256
// token that expires after JWT_LIFETIME_SECONDS, POST /logout answers 204 and can do nothing about the
// token (there is no server state to change), GET /me verifies it. Announces {"url": …} on stdout.
import { randomBytes } from 'node:crypto';
import express from 'express';
import jwt from 'jsonwebtoken';

const lifetimeSeconds = Number(process.env.JWT_LIFETIME_SECONDS ?? '5');
const secret = randomBytes(32);
const app = express();
app.post('/login', (_request, response) => {
  response.json({ token: jwt.sign({ sub: 'bench-user' }, secret, { expiresIn: lifetimeSeconds }) });
});
app.post('/logout', (_request, response) => {
  response.status(204).end();
});
app.get('/me', (request, response) => {
  const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  try {
    response.json({ user: jwt.verify(token, secret, { algorithms: ['HS256'] }).sub });
  } catch {
    response.status(401).json({ error: 'invalid_token' });
  }
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
