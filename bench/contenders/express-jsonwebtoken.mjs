// Express + jsonwebtoken: a stateless bearer token checked by signature and claims only (no
// revocation). BENCH_JWT_ALG picks HS256 or ES256; jsonwebtoken 9 does not implement EdDSA.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import express from 'express';
import jwt from 'jsonwebtoken';
import { announceListening, benchUser } from '../lib/services.mjs';

const algorithm = process.env.BENCH_JWT_ALG ?? 'HS256';
const keys =
  algorithm === 'HS256'
    ? { sign: randomBytes(32), verify: null }
    : (() => {
        const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        return { sign: pair.privateKey, verify: pair.publicKey };
      })();
const verifyKey = keys.verify ?? keys.sign;
const options = { issuer: 'http://bench.local', audience: 'bench' };

const app = express();
app.get('/open', (request, response) => {
  response.json({ status: 'ok' });
});
app.post('/login', (request, response) => {
  const token = jwt.sign({ email: benchUser.email, roles: benchUser.roles }, keys.sign, {
    ...options,
    algorithm,
    subject: benchUser.id,
    expiresIn: 900,
  });
  response.json({ access_token: token });
});
app.get('/me', (request, response) => {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  try {
    if (match === null) throw new Error('no token');
    const claims = jwt.verify(match[1], verifyKey, { ...options, algorithms: [algorithm] });
    response.json({ user: { id: claims.sub, email: claims.email, roles: claims.roles } });
  } catch {
    response.status(401).json({ error: 'unauthenticated' });
  }
});
const server = app.listen(0, '127.0.0.1', () => announceListening(server));
