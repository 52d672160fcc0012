// /metrics scraped from a real server after a scripted story: every counter checked by value, and
// no label carrying anything that identifies a person, a device or a credential.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StoreUnavailableError } from '@tessera/core';
import { createMemoryStore } from '@tessera/stores/memory';
import {
  REFRESH_COOKIE,
  sessionCookieFrom,
  startTestServer,
  uniqueEmail,
  type TestServer,
} from './harness.js';

/** One sample line of the Prometheus text format: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the sample lines of the text format 0.0.4 (label values here never hold `"` or `,`). */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(match, `not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? []) {
      const at = pair.indexOf('=');
      labels[pair.slice(0, at)] = pair.slice(at + 2, -1);
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  assert.equal(found.length, 1, `${name} ${JSON.stringify(labels)}: ${found.length} samples`);
  return found[0]!.value;
}

describe('GET /metrics after a scripted story', () => {
  let server: TestServer;
  const email = uniqueEmail('metrics');
  const secrets: string[] = [email];
  let samples: Sample[];
  let scrape: Awaited<ReturnType<TestServer['send']>>;

  before(async () => {
    // Healthy for the story; /healthz then finds the store down once (a store error).
    const memory = createMemoryStore();
    let storeDown = false;
    const store = {
      ...memory,
      ping: () =>
        storeDown ? Promise.reject(new StoreUnavailableError('down for the test', undefined)) : memory.ping(),
    };
    server = await startTestServer(
      { TESSERA_LOGIN_MAX_FAILURES: '1', TESSERA_REFRESH_REUSE_GRACE: '0', TESSERA_COOKIE_MODE: 'jwt' },
      { store },
    );
    const registered = await server.send('POST', '/auth/register', {
      body: { email, password: 'correct horse battery staple' },
    });
    assert.equal(registered.status, 201);
    const accessCookie = registered.setCookies.find((line) => line.startsWith('__Host-tessera-access='));
    assert.ok(accessCookie);
    const bearer = await server.send('POST', '/auth/login', {
      body: { email, password: 'correct horse battery staple', transport: 'bearer' },
    });
    assert.equal(bearer.status, 200);
    const { access_token: accessToken, refresh_token: firstRefresh } = bearer.json;
    secrets.push(accessToken, firstRefresh, bearer.json.user.id, bearer.json.session.id, registered.text);

    // A failure, then (limit 1) a throttled attempt with the right password.
    assert.equal((await server.login(email, 'wrong password entirely')).status, 401);
    assert.equal((await server.login(email)).status, 429);

    // Authenticated requests: a bearer token accepted.
    assert.equal((await server.send('GET', '/auth/me', { bearer: accessToken })).status, 200);

    // A refresh, an invalid refresh token, and the first token again a second later: reuse.
    const refreshed = await server.send('POST', '/auth/refresh', { body: { refresh_token: firstRefresh } });
    assert.equal(refreshed.status, 200);
    secrets.push(refreshed.json.refresh_token, refreshed.json.access_token);
    const invalid = await server.send('POST', '/auth/refresh', { body: { refresh_token: 'nonsense.token' } });
    assert.equal(invalid.status, 401);
    server.clock.advanceSeconds(1);
    const reused = await server.send('POST', '/auth/refresh', { body: { refresh_token: firstRefresh } });
    assert.equal(reused.json.code, 'refresh_token_reused');
    // The revoked session's token is now refused.
    assert.equal((await server.send('GET', '/auth/me', { bearer: accessToken })).status, 401);

    // A logout with the access cookie of the registration (jwt cookie mode).
    const access = accessCookie.split(';', 1)[0]!.split('=').slice(1).join('=');
    secrets.push(access);
    const logout = await server.send('POST', '/auth/logout', {
      cookies: { '__Host-tessera-access': access },
    });
    assert.equal(logout.status, 204);

    // Once the throttle window has passed, one live session remains.
    server.clock.advanceSeconds(901);
    const cookieLogin = await server.login(email);
    assert.equal(cookieLogin.status, 200);
    secrets.push(sessionCookieFrom(cookieLogin) ?? '', ...cookieLogin.setCookies);

    storeDown = true;
    assert.equal((await server.send('GET', '/healthz')).status, 503);
    storeDown = false;

    scrape = await server.send('GET', '/metrics');
    samples = parseSamples(scrape.text);
  });
  after(() => server.close());

  it('answers the Prometheus text format', () => {
    assert.equal(scrape.status, 200);
    assert.equal(scrape.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(scrape.text, /^# HELP tessera_logins_total /m);
    // Node's default process metrics are there too.
    assert.ok(samples.some((sample) => sample.name === 'process_cpu_seconds_total'));
  });

  it('counts logins by outcome and throttle hits by scope', () => {
    // The registration signs in, so it is a success like the two logins.
    assert.equal(valueOf(samples, 'tessera_logins_total', { outcome: 'success' }), 3);
    assert.equal(valueOf(samples, 'tessera_logins_total', { outcome: 'failure' }), 1);
    assert.equal(valueOf(samples, 'tessera_logins_total', { outcome: 'throttled' }), 1);
    assert.equal(valueOf(samples, 'tessera_rate_limited_total', { scope: 'account' }), 1);
    assert.equal(valueOf(samples, 'tessera_rate_limited_total', { scope: 'ip' }), 0);
  });

  it('counts refreshes by outcome and the reuse detection', () => {
    assert.equal(valueOf(samples, 'tessera_refreshes_total', { outcome: 'success' }), 1);
    assert.equal(valueOf(samples, 'tessera_refreshes_total', { outcome: 'invalid' }), 1);
    assert.equal(valueOf(samples, 'tessera_refreshes_total', { outcome: 'reused' }), 1);
    assert.equal(valueOf(samples, 'tessera_refresh_token_reuse_detections_total'), 1);
  });

  it('counts revocations by reason, and times how fast this instance applied them', () => {
    assert.equal(valueOf(samples, 'tessera_revocations_total', { reason: 'refresh-token-reused' }), 1);
    assert.equal(valueOf(samples, 'tessera_revocations_total', { reason: 'logout' }), 1);
    assert.equal(valueOf(samples, 'tessera_revocation_propagation_seconds_count'), 2);
    // One process: applied in the same instant of the injected clock.
    assert.equal(valueOf(samples, 'tessera_revocation_propagation_seconds_bucket', { le: '0.001' }), 2);
  });

  it('times authentication by mode and outcome', () => {
    const count = (mode: string, outcome: string) =>
      valueOf(samples, 'tessera_authentication_duration_seconds_count', { mode, outcome });
    // GET /auth/me accepted, then refused after the reuse revoked its session.
    assert.equal(count('bearer', 'authenticated'), 1);
    assert.equal(count('bearer', 'refused'), 1);
    // The logout's access cookie.
    assert.equal(count('access-cookie', 'authenticated'), 1);
    assert.equal(count('session-cookie', 'authenticated'), 0);
    assert.ok(
      valueOf(samples, 'tessera_authentication_duration_seconds_sum', {
        mode: 'bearer',
        outcome: 'authenticated',
      }) > 0,
    );
  });

  it('counts live sessions in the store and the store error', () => {
    // The cookie login (jwt-cookie session) is the only one not revoked.
    assert.equal(valueOf(samples, 'tessera_active_sessions'), 1);
    assert.equal(valueOf(samples, 'tessera_store_errors_total', { operation: 'GET /healthz' }), 1);
  });

  it('carries no user id, email, address, session id or token in any label', () => {
    // `factor` names a kind of second factor (totp, recovery_code), never a user's.
    const allowed = new Set([
      'outcome',
      'mode',
      'reason',
      'scope',
      'operation',
      'ceremony',
      'kind',
      'le',
      'factor',
    ]);
    for (const sample of samples.filter((s) => s.name.startsWith('tessera_'))) {
      for (const [name, value] of Object.entries(sample.labels)) {
        assert.ok(allowed.has(name), `${sample.name} has label ${name}`);
        assert.match(value, /^[A-Za-z0-9_. /+-]{1,40}$/, `${sample.name} ${name}="${value}"`);
      }
    }
    assert.doesNotMatch(scrape.text, /127\.0\.0\.1|::1/);
    for (const secret of secrets.filter((s) => s.length > 8)) {
      assert.ok(!scrape.text.includes(secret), 'a secret or identifier appears in /metrics');
    }
    assert.ok(!scrape.text.includes(REFRESH_COOKIE));
  });
});

describe('TESSERA_METRICS_TOKEN', () => {
  let server: TestServer;
  const token = 'a-metrics-token-of-at-least-32-characters';
  before(async () => {
    server = await startTestServer({ TESSERA_METRICS_TOKEN: token });
  });
  after(() => server.close());

  it('refuses a scrape without the token or with another one, and answers with it', async () => {
    const none = await server.send('GET', '/metrics');
    assert.equal(none.status, 401);
    assert.equal(none.json.code, 'unauthenticated');
    assert.equal(none.headers['www-authenticate'], 'Bearer realm="tessera"');
    const wrong = await server.send('GET', '/metrics', { bearer: `${token}x` });
    assert.equal(wrong.status, 401);
    assert.ok(!wrong.text.includes(token));
    const right = await server.send('GET', '/metrics', { bearer: token });
    assert.equal(right.status, 200);
    assert.match(right.text, /^tessera_logins_total\{outcome="success"\} 0$/m);
  });

  it('is validated at start-up without echoing it', async () => {
    const { loadConfig, ConfigError } = await import('../src/load-config.js');
    assert.throws(
      () => loadConfig({ TESSERA_METRICS_TOKEN: 'short-secret' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.includes('TESSERA_METRICS_TOKEN') &&
        !error.message.includes('short-secret'),
    );
    assert.throws(() => loadConfig({ TESSERA_METRICS_TOKEN: `${'x'.repeat(40)} with spaces` }), ConfigError);
  });

  it('answers 405 to other methods and nothing to HEAD', async () => {
    const post = await server.send('POST', '/metrics', { bearer: token });
    assert.equal(post.status, 405);
    assert.equal(post.headers['allow'], 'GET, HEAD');
    const head = await server.send('HEAD', '/metrics', { bearer: token });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });
});
