// A service that trusts Tessera access tokens without talking to Tessera's database: it verifies
// each bearer token against the auth server's JWKS and refuses revoked sessions, which it learns
// about from the auth server's revocation feed within milliseconds.
//
//   TESSERA_URL=http://127.0.0.1:3000 PORT=4000 node --import tsx examples/verify-service/server.ts
//   curl -H "authorization: Bearer $ACCESS_TOKEN" http://127.0.0.1:4000/whoami
import { createServer } from 'node:http';
import {
  AccessTokenError,
  createRemoteKeySet,
  followRevocationFeed,
  RevocationSet,
  verifyAccessToken,
} from '@tessera/verify';

const tesseraUrl = process.env['TESSERA_URL'] ?? 'http://127.0.0.1:3000';
const feedUrl = process.env['TESSERA_FEED_URL'] ?? `${tesseraUrl}/auth/revocations`;
const issuer = process.env['TESSERA_ISSUER'] ?? tesseraUrl;
const audience = process.env['TESSERA_AUDIENCE'] ?? 'tessera';

const keys = createRemoteKeySet(`${tesseraUrl}/.well-known/jwks.json`);
// Fail closed: if the feed is silent for 10 s, refuse tokens (503) rather than risk a revoked one.
const revocations = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 10 });
const feed = followRevocationFeed({ url: feedUrl, revocations });

const server = createServer((request, response) => {
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  if (request.url !== '/whoami') {
    send(404, { code: 'not_found' });
    return;
  }
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  if (match === null) {
    send(401, { code: 'unauthenticated' }, { 'www-authenticate': 'Bearer realm="example"' });
    return;
  }
  verifyAccessToken(match[1] ?? '', { keys, issuer, audience, revocations }).then(
    (claims) => send(200, { sub: claims.sub, sid: claims.sid, roles: claims.roles }),
    (error: unknown) => {
      if (!(error instanceof AccessTokenError)) {
        send(500, { code: 'internal_error' });
        return;
      }
      const unavailable =
        error.code === 'ERR_KEY_SET_UNAVAILABLE' || error.code === 'ERR_REVOCATION_FEED_UNAVAILABLE';
      const code = error.code.slice(4).toLowerCase();
      if (unavailable) send(503, { code });
      else send(401, { code }, { 'www-authenticate': 'Bearer realm="example", error="invalid_token"' });
    },
  );
});

server.listen(Number(process.env['PORT'] ?? 4000), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(
    `${JSON.stringify({ msg: 'verify-service listening', url: `http://127.0.0.1:${port}` })}\n`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    feed.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
