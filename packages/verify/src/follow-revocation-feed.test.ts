import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { RevocationFeedUnavailableError } from './access-token-error.js';
import { followRevocationFeed, type RevocationFeedFollower } from './follow-revocation-feed.js';
import { RevocationSet } from './revocation-set.js';

const t0 = new Date('2025-06-01T12:00:00Z');
const later = new Date('2025-06-01T13:00:00Z');

interface FeedEvent {
  id: string;
  sessionId: string;
}

/** A real SSE revocation feed on 127.0.0.1, playing the auth server's side of the protocol. */
interface FeedServer {
  url: string;
  events: FeedEvent[];
  requests: IncomingHttpHeaders[];
  /** Events written on each connection, by connection index. */
  sentPerConnection: string[][];
  /** Status of the next answers; 200 streams. */
  status: number;
  open: Set<ServerResponse>;
  /** Appends an event and pushes it to every open stream. */
  publish(event: FeedEvent): void;
  /** Drops every open stream (a network cut). */
  cut(): void;
  stop(): Promise<void>;
}

const followers: RevocationFeedFollower[] = [];
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const follower of followers) follower.close();
  for (const stop of stops) await stop();
});

function frame(event: FeedEvent): string {
  const data = { sessionId: event.sessionId, revokedAt: t0.toISOString(), expiresAt: later.toISOString() };
  return `id: ${event.id}\nevent: revocation\ndata: ${JSON.stringify(data)}\n\n`;
}

async function startFeedServer(events: FeedEvent[] = []): Promise<FeedServer> {
  const state: FeedServer = {
    url: '',
    events,
    requests: [],
    sentPerConnection: [],
    status: 200,
    open: new Set(),
    publish(event) {
      state.events.push(event);
      for (const response of state.open) response.write(frame(event));
    },
    cut() {
      for (const response of state.open) response.destroy();
      state.open.clear();
    },
    stop: async () => {
      state.cut();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((request, response) => {
    state.requests.push(request.headers);
    if (state.status !== 200) {
      response.writeHead(state.status).end();
      return;
    }
    const sent: string[] = [];
    state.sentPerConnection.push(sent);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(': ping\n\n');
    const cursor = request.headers['last-event-id'];
    const start = cursor === undefined ? 0 : state.events.findIndex((event) => event.id === cursor) + 1;
    for (const event of state.events.slice(start)) {
      sent.push(event.id);
      response.write(frame(event));
    }
    state.open.add(response);
    response.on('close', () => state.open.delete(response));
  });
  stops.push(() => (server.listening ? state.stop() : Promise.resolve()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/revocations`;
  return state;
}

/** A feed served by a process of its own, which the test can freeze (SIGSTOP) like a hung host. */
interface FeedProcess {
  child: ChildProcess;
  url: string;
  /** `Last-Event-ID` of each request, `(none)` when absent, as the process reported them. */
  requests: string[];
  /** Pings written so far. */
  pings: number;
}

/**
 * The auth server's side of the protocol in a child process: event 1 at once, a ping every
 * `heartbeatSeconds`, and event 2 to a follower that resumes after event 1.
 */
const feedProcessSource = `
import { createServer } from 'node:http';
const intervalMs = Number(process.argv[1]) * 1000;
const frame = (id, sessionId) => 'id: ' + id + '\\nevent: revocation\\ndata: ' + JSON.stringify({
  sessionId, revokedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 3600000).toISOString(),
}) + '\\n\\n';
const server = createServer((request, response) => {
  const cursor = request.headers['last-event-id'];
  console.log('request ' + (cursor ?? '(none)'));
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(cursor === '1' ? frame('2', 'ses_after') : frame('1', 'ses_before'));
  const timer = setInterval(() => { response.write(': ping\\n\\n'); console.log('ping'); }, intervalMs);
  response.on('close', () => clearInterval(timer));
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

async function spawnFeedProcess(heartbeatSeconds: number): Promise<FeedProcess> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', feedProcessSource, String(heartbeatSeconds)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  stops.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await once(child, 'exit');
  });
  const state: FeedProcess = { child, url: '', requests: [], pings: 0 };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ping') state.pings += 1;
      else if (line.startsWith('request ')) state.requests.push(line.slice('request '.length));
      else if (line.startsWith('port ')) state.url = `http://127.0.0.1:${line.slice(5)}/auth/revocations`;
    }
  });
  await until(() => state.url !== '' || child.exitCode !== null);
  assert.notEqual(state.url, '', 'the feed process listens');
  return state;
}

/** Waits for `condition`; gives up when `signal` aborts (the test's timeout), so a failure ends the run. */
async function until(condition: () => boolean, signal?: AbortSignal): Promise<void> {
  while (!condition()) {
    signal?.throwIfAborted();
    await sleep(5);
  }
}

function follow(options: Parameters<typeof followRevocationFeed>[0]): RevocationFeedFollower {
  const follower = followRevocationFeed({ reconnectDelayMs: 10, ...options });
  followers.push(follower);
  return follower;
}

describe('followRevocationFeed', () => {
  it('applies revocation events and remembers the cursor', async () => {
    const server = await startFeedServer([
      { id: '1', sessionId: 'ses_a' },
      { id: '2', sessionId: 'ses_b' },
    ]);
    const revocations = new RevocationSet({ createdAt: t0 });
    const feed = follow({ url: server.url, revocations, now: () => t0 });
    await until(() => feed.cursor === '2');
    assert.equal(revocations.isRevoked('ses_a', t0), true);
    assert.equal(revocations.isRevoked('ses_b', t0), true);
    assert.equal(revocations.isRevoked('ses_b', later), false, 'kept until expiresAt only');
    assert.equal(feed.connected, true);
    assert.equal(server.requests[0]?.accept, 'text/event-stream');
    assert.equal(server.requests[0]['last-event-id'], undefined);

    server.publish({ id: '3', sessionId: 'ses_c' });
    await until(() => feed.cursor === '3');
    assert.equal(revocations.isRevoked('ses_c', t0), true);
  });

  it('resumes after a disconnect with Last-Event-ID and receives only the rest, without a gap', async () => {
    const server = await startFeedServer([
      { id: '1', sessionId: 'ses_a' },
      { id: '2', sessionId: 'ses_b' },
    ]);
    const revocations = new RevocationSet({ createdAt: t0 });
    const feed = follow({ url: server.url, revocations, now: () => t0 });
    await until(() => feed.cursor === '2');

    server.status = 503; // hold the follower off while revocations happen during the outage
    server.cut();
    server.events.push({ id: '3', sessionId: 'ses_c' }, { id: '4', sessionId: 'ses_d' });
    await until(() => server.requests.length >= 2);
    assert.equal(feed.connected, false);
    server.status = 200;

    await until(() => feed.cursor === '4');
    const resumed = server.requests.at(-1);
    assert.equal(resumed?.['last-event-id'], '2');
    assert.deepEqual(server.sentPerConnection.at(-1), ['3', '4']);
    for (const sessionId of ['ses_a', 'ses_b', 'ses_c', 'ses_d'])
      assert.equal(revocations.isRevoked(sessionId, t0), true);
  });

  it('marks the feed lost when the server goes down, and fail-closed refuses after the window', async () => {
    const server = await startFeedServer([]);
    let now = t0;
    const revocations = new RevocationSet({
      onFeedLoss: 'fail-closed',
      maxFeedSilenceSeconds: 30,
      createdAt: t0,
    });
    const feed = follow({ url: server.url, revocations, now: () => now });
    await until(() => feed.connected);
    now = new Date(t0.getTime() + 3_600_000);
    revocations.assertUsable(now); // connected: a quiet feed is fine

    const lostAt = now;
    await server.stop();
    await until(() => !feed.connected);
    await sleep(50); // let a few reconnection attempts fail
    revocations.assertUsable(new Date(lostAt.getTime() + 30_000));
    assert.throws(
      () => revocations.assertUsable(new Date(lostAt.getTime() + 31_000)),
      RevocationFeedUnavailableError,
    );
  });

  it('marks the feed lost on a non-200 answer and keeps retrying', async () => {
    const server = await startFeedServer([{ id: '1', sessionId: 'ses_a' }]);
    server.status = 500;
    const revocations = new RevocationSet({ maxFeedSilenceSeconds: 0, createdAt: t0 });
    const feed = follow({ url: server.url, revocations, now: () => t0 });
    await until(() => server.requests.length >= 2);
    assert.throws(() => revocations.assertUsable(new Date(t0.getTime() + 1)), RevocationFeedUnavailableError);
    server.status = 200;
    await until(() => feed.cursor === '1');
    revocations.assertUsable(new Date(t0.getTime() + 1));
  });

  it('stops reconnecting after close()', async () => {
    const server = await startFeedServer([]);
    const revocations = new RevocationSet({ createdAt: t0 });
    const feed = follow({ url: server.url, revocations, now: () => t0 });
    await until(() => feed.connected);
    feed.close();
    await until(() => server.open.size === 0);
    const requests = server.requests.length;
    await sleep(100); // ten reconnection delays
    assert.equal(server.requests.length, requests);
    assert.equal(feed.connected, false);
  });

  it('stops when its signal aborts', async () => {
    const server = await startFeedServer([]);
    const controller = new AbortController();
    const feed = follow({ url: server.url, revocations: RevocationSet.local(), signal: controller.signal });
    await until(() => feed.connected);
    controller.abort();
    await until(() => server.open.size === 0);
    assert.equal(feed.connected, false);
  });

  it('skips a malformed revocation but applies the next one', async () => {
    const server = await startFeedServer([]);
    const revocations = RevocationSet.local();
    const feed = follow({ url: server.url, revocations });
    await until(() => server.open.size === 1);
    for (const response of server.open) {
      response.write('id: 1\nevent: revocation\ndata: {"sessionId": 5}\n\n');
      response.write('id: 2\nevent: revocation\ndata: not json\n\n');
      response.write('id: 3\nevent: other\ndata: {}\n\n');
    }
    server.publish({ id: '4', sessionId: 'ses_ok' });
    await until(() => feed.cursor === '4');
    assert.equal(revocations.size, 1);
    assert.equal(revocations.isRevoked('ses_ok', t0), true);
  });

  it('sends the caller headers, but Accept and Last-Event-ID are its own', async () => {
    const server = await startFeedServer([]);
    const feed = follow({
      url: server.url,
      revocations: RevocationSet.local(),
      headers: { authorization: 'Bearer feed-credential', Accept: 'text/html', 'Last-Event-ID': '99' },
    });
    await until(() => feed.connected);
    assert.equal(server.requests[0]?.authorization, 'Bearer feed-credential');
    assert.equal(server.requests[0].accept, 'text/event-stream');
    assert.equal(server.requests[0]['last-event-id'], undefined);
  });

  it('treats a 200 that is not text/event-stream as a failed connection', async () => {
    const revocations = new RevocationSet({ maxFeedSilenceSeconds: 0, createdAt: t0 });
    let requests = 0;
    const fetchStub: typeof fetch = () => {
      requests += 1;
      return Promise.resolve(
        new Response('<html></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      );
    };
    const feed = follow({ url: 'https://auth.example.com/auth/revocations', revocations, fetch: fetchStub });
    await until(() => requests >= 3);
    assert.equal(feed.connected, false);
    assert.throws(() => revocations.assertUsable(new Date(t0.getTime() + 1)), RevocationFeedUnavailableError);
  });

  // Issue 11 (7): a half-open connection (frozen auth host, packets dropped) never ends, so only
  // the missing pings can tell the follower that the feed is gone.
  it(
    'treats a frozen feed server (SIGSTOP) as lost, fails closed, and resumes with its cursor on SIGCONT',
    {
      timeout: 20_000,
    },
    async (t) => {
      const server = await spawnFeedProcess(0.1);
      const revocations = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 0 });
      // The follower allows 2.5 of its intervals (1 s): ten of the server's pings, room for a loaded machine.
      const feed = follow({ url: server.url, revocations, heartbeatIntervalSeconds: 0.4 });
      await until(() => feed.cursor === '1', t.signal);
      assert.equal(revocations.isRevoked('ses_before', new Date()), true);
      // Pings keep a quiet stream alive: several intervals pass on the first connection.
      const pingsSeen = server.pings;
      await until(() => server.pings >= pingsSeen + 6, t.signal);
      assert.deepEqual(server.requests, ['(none)'], 'no reconnection while the pings arrive');
      revocations.assertUsable(new Date());

      server.child.kill('SIGSTOP');
      await until(() => !feed.connected, t.signal);
      assert.throws(() => revocations.assertUsable(new Date()), RevocationFeedUnavailableError);

      server.child.kill('SIGCONT');
      await until(() => server.requests.length >= 2 && feed.connected, t.signal);
      await until(() => feed.cursor === '2', t.signal);
      assert.equal(server.requests[1], '1', 'the reconnection resumes from the cursor');
      assert.equal(revocations.isRevoked('ses_after', new Date()), true);
      revocations.assertUsable(new Date());
    },
  );

  const badOptions: [string, Record<string, unknown>][] = [
    ['an invalid url', { url: 'nope', revocations: RevocationSet.local() }],
    ['no revocation set', { url: 'https://a.example/feed' }],
    [
      'a checker that is not a RevocationSet',
      { url: 'https://a.example/feed', revocations: { add: () => undefined } },
    ],
    [
      'a negative delay',
      { url: 'https://a.example/feed', revocations: RevocationSet.local(), reconnectDelayMs: -1 },
    ],
    [
      'non-string headers',
      { url: 'https://a.example/feed', revocations: RevocationSet.local(), headers: { a: 1 } },
    ],
    [
      'a zero heartbeat interval',
      { url: 'https://a.example/feed', revocations: RevocationSet.local(), heartbeatIntervalSeconds: 0 },
    ],
    [
      'a heartbeat interval past what a timer takes',
      { url: 'https://a.example/feed', revocations: RevocationSet.local(), heartbeatIntervalSeconds: 1e9 },
    ],
    [
      'fetch not a function',
      { url: 'https://a.example/feed', revocations: RevocationSet.local(), fetch: 'x' },
    ],
  ];
  for (const [name, options] of badOptions) {
    it(`throws TypeError for ${name}`, () => {
      assert.throws(
        () => followRevocationFeed(options as unknown as Parameters<typeof followRevocationFeed>[0]),
        TypeError,
      );
    });
  }
});
