// Provider sign-in on PostgreSQL + Redis with two instances (DESIGN §5, §8): a real OpenID Connect
// provider, a session that both instances honour, identities in PostgreSQL, and the flow's single-use
// mark shared through Redis.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/load-config.js';
import { openStore } from '../src/open-store.js';
import { MemoryLogger, SESSION_COOKIE, TEST_SECRET, uniqueEmail, type TestServer } from './harness.js';
import { signInAtProvider, TestBrowser } from './oauth/drive-browser.js';
import { startOidcProvider, type RunningOidcProvider } from './oauth/start-oidc-provider.js';
import {
  freePort,
  setCookieValue,
  signInThroughProvider,
  startTesseraWithProviders,
} from './oauth/tessera-with-provider.js';
import { createTestDatabase, createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';

const skip = await servicesSkipReason();

describe('provider sign-in on PostgreSQL + Redis, two instances', { skip }, () => {
  let provider: RunningOidcProvider;
  let first: TestServer;
  let second: TestServer;
  let dropDatabase: () => Promise<void> = () => Promise.resolve();
  let cleanupRedis: () => Promise<void> = () => Promise.resolve();

  before(async () => {
    const database = await createTestDatabase();
    dropDatabase = () => database.drop();
    const redis = createTestRedisPrefix();
    cleanupRedis = () => redis.cleanup();
    const [port1, port2] = [await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${port1}`;
    provider = await startOidcProvider([`${publicUrl}/auth/oauth/local/callback`]);
    const providers = [
      {
        id: 'local',
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
      },
    ];
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      TESSERA_REDIS_PREFIX: redis.prefix,
      TESSERA_SECRET: TEST_SECRET,
      // Both instances are one site: the same public URL, so the same redirect URI.
      TESSERA_PUBLIC_URL: publicUrl,
    };
    const store = () => openStore(loadConfig({ ...env, TESSERA_OAUTH_PROVIDERS: '' }), new MemoryLogger());
    first = await startTesseraWithProviders(port1, providers, env, await store());
    second = await startTesseraWithProviders(port2, providers, env, await store());
  });

  after(async () => {
    await Promise.all([first.close(), second.close()]);
    await provider.close();
    await cleanupRedis();
    await dropDatabase();
  });

  it('signs in on one instance; the other honours the session and sees the identity', async () => {
    const email = uniqueEmail('pg-oidc');
    provider.accounts.set('pg-sub-1', { email, emailVerified: true });
    const flow = await signInThroughProvider(
      new TestBrowser(),
      first,
      'local',
      'pg-sub-1',
      '?return_to=/account',
    );
    assert.equal(flow.callback.status, 303);
    assert.equal(flow.callback.location, `${first.url}/account`);
    const session = setCookieValue(flow.callback, SESSION_COOKIE);
    assert.ok(session);
    const me = await second.send('GET', '/auth/me', { cookie: session });
    assert.equal(me.status, 200);
    assert.equal((me.json as { user: { email: string } }).user.email, email);
    const identities = await second.send('GET', '/auth/identities', { cookie: session });
    assert.equal(
      (identities.json as { identities: { provider: string }[] }).identities[0]?.provider,
      'local',
    );
    // No password, on PostgreSQL too.
    const login = await second.send('POST', '/auth/login', { body: { email, password: 'whatever it is' } });
    assert.equal(login.status, 401);
    const refused = await second.send('DELETE', '/auth/identities/local', { cookie: session });
    assert.equal(refused.status, 409);
    assert.equal((refused.json as { code: string }).code, 'last_sign_in_method');
  });

  it('a callback completed on one instance is refused on the other (single use, shared)', async () => {
    provider.accounts.set('pg-sub-2', { email: uniqueEmail('pg-replay'), emailVerified: true });
    const browser = new TestBrowser();
    const start = await browser.get(`${first.url}/auth/oauth/local`);
    const origin = new URL(first.url).origin;
    const flowCookie = browser.cookie(origin, '__Host-tessera-oauth')!;
    const callbackUrl = new URL(await signInAtProvider(browser, start.location!, 'pg-sub-2'));
    const done = await browser.get(callbackUrl.href);
    assert.equal(done.location, `${first.url}/`);
    const replay = await new TestBrowser().get(`${second.url}${callbackUrl.pathname}${callbackUrl.search}`, {
      cookie: `__Host-tessera-oauth=${flowCookie}`,
    });
    assert.equal(replay.location, `${second.url}/login?error=oauth_failed`);
    assert.equal(setCookieValue(replay, SESSION_COOKIE), null);
    assert.ok(second.logger.lines.some((line) => line.includes('already completed')));
  });

  it('an address a password account has is account_exists; linking works from a signed-in session', async () => {
    const email = uniqueEmail('pg-taken');
    const token = await first.register(email);
    provider.accounts.set('pg-sub-3', { email, emailVerified: true });
    const refused = await signInThroughProvider(new TestBrowser(), first, 'local', 'pg-sub-3');
    assert.equal(refused.callback.location, `${first.url}/login?error=account_exists`);
    assert.equal(setCookieValue(refused.callback, SESSION_COOKIE), null);
    const browser = new TestBrowser();
    browser.setCookie(new URL(first.url).origin, SESSION_COOKIE, token);
    const linked = await signInThroughProvider(browser, first, 'local', 'pg-sub-3', '?link=true');
    assert.equal(linked.callback.location, `${first.url}/`);
    const viaProvider = await signInThroughProvider(new TestBrowser(), first, 'local', 'pg-sub-3');
    const me = await second.send('GET', '/auth/me', {
      cookie: setCookieValue(viaProvider.callback, SESSION_COOKIE)!,
    });
    assert.equal((me.json as { user: { email: string } }).user.email, email);
    assert.equal((await second.send('DELETE', '/auth/identities/local', { cookie: token })).status, 204);
  });
});
