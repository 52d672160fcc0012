// In-process cost of authenticating one application request (session cookie, cached session):
// createTesseraHttp's `authenticate` on a request view, ns per call (CPU time), median of rounds.
// For profiling the adapters' per-request auth work without HTTP in the way.
//
//   npm run build && node bench/lib/authenticate-cost.mjs [--rounds 31]
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { createTesseraDeps, parseServerSecrets } from '@tessera/core';
import { createTesseraHttp } from '@tessera/http/express';
import { createAuthRequest } from '../../packages/http/dist/lib/create-auth-request.js';
import { createMemoryStore } from '@tessera/stores/memory';

const roundsIndex = process.argv.indexOf('--rounds');
const rounds = roundsIndex === -1 ? 31 : Number(process.argv[roundsIndex + 1]);
const deps = await createTesseraDeps({
  store: createMemoryStore(),
  secrets: parseServerSecrets(randomBytes(32).toString('base64url'), 'TESSERA_SECRET'),
  tokens: { issuer: 'http://127.0.0.1', audience: 'http://127.0.0.1' },
});
const tessera = createTesseraHttp({ deps, cookieMode: 'session', trustedOrigins: new Set() });
const registered = await tessera.handle(
  createAuthRequest({
    method: 'POST',
    url: '/auth/register',
    headers: { 'content-type': 'application/json', host: '127.0.0.1' },
    body: Buffer.from(
      JSON.stringify({ email: 'cost@example.com', password: 'correct horse battery staple' }),
    ),
    peerAddress: '127.0.0.1',
  }),
);
const cookie = registered.headers
  .filter(([name]) => name === 'set-cookie')
  .map(([, value]) => value.split(';', 1)[0])
  .join('; ');
const headers = { host: '127.0.0.1:3000', cookie, accept: '*/*', 'user-agent': 'bench' };
const view = () => createAuthRequest({ method: 'GET', url: '/me', headers, peerAddress: '127.0.0.1' });
const first = await tessera.authenticate(view());
if (first.kind !== 'authenticated') throw new Error(`not authenticated: ${first.kind}`);

const batch = 2000;
const samples = [];
for (let round = 0; round < rounds + 3; round += 1) {
  const started = process.cpuUsage();
  for (let index = 0; index < batch; index += 1) {
    const result = await tessera.authenticate(view());
    if (result.kind !== 'authenticated') throw new Error(result.kind);
  }
  const used = process.cpuUsage(started);
  if (round >= 3) samples.push(((used.user + used.system) * 1000) / batch);
}
samples.sort((a, b) => a - b);
console.log(
  `authenticate (session cookie, cached): ${Math.round(samples[samples.length >> 1])} ns per call (median of ${rounds} rounds of ${batch})`,
);
