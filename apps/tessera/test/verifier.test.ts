import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createRemoteKeySet,
  followRevocationFeed,
  RevocationSet,
  SessionRevokedError,
  verifyAccessToken,
} from '@tessera/verify';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';

/** Resolves once `check` is true, polling every few milliseconds; fails after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error('condition not met in time');
}

describe('@tessera/verify against a running auth server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('verifies tokens with the remote JWKS and refuses them right after logout via the feed', async () => {
    const revocations = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 30 });
    const follower = followRevocationFeed({
      url: `${server.url}/auth/revocations`,
      revocations,
      now: () => server.clock.now(),
    });
    try {
      const keys = createRemoteKeySet(`${server.url}/.well-known/jwks.json`);
      const options = {
        keys,
        issuer: server.running.deps.tokens.policy.issuer,
        audience: 'tessera',
        revocations,
        currentDate: server.clock.now(),
      };
      const email = uniqueEmail();
      await server.register(email);
      const login = await server.send('POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      const token = login.json.access_token as string;
      await eventually(() => Promise.resolve(follower.connected));
      const claims = await verifyAccessToken(token, options);
      assert.equal(claims.sub, login.json.user.id);
      assert.equal(claims.sid, login.json.session.id);

      assert.equal((await server.send('POST', '/auth/logout', { bearer: token })).status, 204);
      const elapsedMs = await eventually(async () => {
        try {
          await verifyAccessToken(token, options);
          return false;
        } catch (error) {
          return error instanceof SessionRevokedError;
        }
      });
      assert.ok(elapsedMs < 5000);
    } finally {
      follower.close();
    }
  });

  it('a follower that reconnects resumes from its cursor and misses nothing', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const sessions: { access_token: string; session: { id: string } }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const login = await server.send('POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      sessions.push(login.json as { access_token: string; session: { id: string } });
    }
    const revocations = new RevocationSet({ onFeedLoss: 'accept-until-expiry', maxFeedSilenceSeconds: 30 });
    const first = followRevocationFeed({
      url: `${server.url}/auth/revocations`,
      revocations,
      now: () => server.clock.now(),
    });
    await eventually(() => Promise.resolve(first.connected));
    await server.send('POST', '/auth/logout', { bearer: sessions[0]!.access_token });
    await eventually(() =>
      Promise.resolve(revocations.isRevoked(sessions[0]!.session.id, server.clock.now())),
    );
    first.close();

    // While nobody follows, two more sessions are revoked; a stream resumed from the old cursor
    // (what a reconnect sends as Last-Event-ID) delivers exactly those, in order.
    await server.send('POST', '/auth/logout', { bearer: sessions[1]!.access_token });
    await server.send('POST', '/auth/logout', { bearer: sessions[2]!.access_token });
    const events = await readEvents(`${server.url}/auth/revocations`, first.cursor!, 2);
    assert.deepEqual(
      events.map((event) => event.sessionId),
      [sessions[1]!.session.id, sessions[2]!.session.id],
    );
  });
});

/** Reads `count` revocation events from the stream, resuming after `lastEventId`, then disconnects. */
async function readEvents(url: string, lastEventId: string, count: number): Promise<{ sessionId: string }[]> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', 'last-event-id': lastEventId },
    signal: controller.signal,
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events: { sessionId: string }[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk, { stream: true });
    for (const match of buffer.matchAll(/^data: (.*)$/gm)) events.push(JSON.parse(match[1]!));
    buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    if (events.length >= count) break;
  }
  controller.abort();
  return events;
}
