// The web UI with TESSERA_COOKIE_DOMAIN (DESIGN §10), and with passkeys on or off: the pages read
// the cookie names and the passkey switch from the router they are served by, so the `__Secure-`
// access cookie is the one a page reads, renews and replaces (jwt mode), and the passkey controls
// follow TESSERA_PUBLIC_URL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCESS_COOKIE, PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';
import { noticeOf, UiBrowser } from './ui-browser-kit.js';

const DOMAIN = 'example.com';
const SHARED_ACCESS = '__Secure-tessera-access';
const SHARED_SESSION = '__Secure-tessera-session';

async function registerInUi(browser: UiBrowser, headers: Record<string, string> = {}): Promise<void> {
  const result = await browser.post(
    '/register',
    [
      ['email', uniqueEmail('ui-shared')],
      ['password', PASSWORD],
    ],
    headers,
  );
  assert.equal(result.status, 303, result.text);
  assert.equal(result.headers['location'], '/account');
}

describe('web UI, jwt cookie mode with TESSERA_COOKIE_DOMAIN', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      TESSERA_COOKIE_DOMAIN: DOMAIN,
      TESSERA_COOKIE_MODE: 'jwt',
      TESSERA_ACCESS_TTL: '300',
    });
  });
  after(() => server.close());

  it('the account page reads the shared access cookie (its expiry for the keep-signed-in script)', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    assert.ok(browser.cookies.has(SHARED_ACCESS));
    assert.equal(browser.cookies.has(ACCESS_COOKIE), false, 'no host-only access cookie');
    const account = await browser.get('/account');
    assert.equal(account.status, 200, account.text.slice(0, 400));
    assert.match(account.text, /data-access-expires-in-seconds="300" data-access-ttl-seconds="300"/);
    assert.match(account.text, /src="\/ui\/js\/browser\/keep-signed-in\.js"/);
  });

  it('an account action without the shared access cookie renews it under the refresh path and is done', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    browser.cookies.delete(SHARED_ACCESS);
    const posted = await browser.post('/account/logout-all', []);
    assert.equal(posted.status, 307);
    assert.equal(posted.headers['location'], '/auth/refresh/account/logout-all');
    const done = await browser.post('/auth/refresh/account/logout-all', []);
    assert.equal(done.status, 303);
    assert.equal(done.headers['location'], '/login');
    // Renewed with the shared name and acted on: not "your session ended, nothing was changed".
    assert.equal(noticeOf(await browser.get('/login')), 'You are signed out on every device.');
  });

  it('access cookie gone: the continue page finds the refresh cookie and signs back in', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    browser.cookies.delete(SHARED_ACCESS);
    const account = await browser.get('/account');
    assert.equal(account.headers['location'], '/auth/refresh/continue');
    assert.equal((await browser.get('/auth/refresh/continue')).status, 200);
    const pressed = await browser.post('/auth/refresh/continue', []);
    assert.equal(pressed.headers['location'], '/account');
    assert.ok(browser.cookies.has(SHARED_ACCESS));
    assert.equal((await browser.get('/account')).status, 200);
  });
});

describe('web UI, session cookie mode with TESSERA_COOKIE_DOMAIN', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_COOKIE_DOMAIN: DOMAIN });
  });
  after(() => server.close());

  it('signs up, shows the account page and signs out with the shared session cookie', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    assert.ok(browser.cookies.has(SHARED_SESSION));
    assert.equal((await browser.get('/account')).status, 200);
    const out = await browser.post('/logout', []);
    assert.equal(out.headers['location'], '/login');
    assert.equal(browser.cookies.has(SHARED_SESSION), false);
    assert.equal((await browser.get('/account')).headers['location'], '/login');
  });
});

describe('web UI: the passkey controls follow TESSERA_PUBLIC_URL', () => {
  let onServer: TestServer;
  let offServer: TestServer;
  const host = { host: 'auth.test:8080', origin: 'http://auth.test:8080' };
  before(async () => {
    onServer = await startTestServer({ TESSERA_PUBLIC_URL: 'http://auth.test:8080' });
    offServer = await startTestServer({ TESSERA_PUBLIC_URL: 'http://127.0.0.1:8080' });
  });
  after(async () => {
    await onServer.close();
    await offServer.close();
  });

  it('a domain: the sign-in page and the account page have them', async () => {
    const browser = new UiBrowser(onServer);
    const login = await browser.get('/login', { host: host.host });
    assert.match(login.text, /id="passkey-sign-in"/);
    assert.match(login.text, /src="\/ui\/js\/browser\/passkeys\.js"/);
    await registerInUi(browser, host);
    const account = await browser.get('/account', { host: host.host });
    assert.equal(account.status, 200, account.text.slice(0, 400));
    assert.match(account.text, /id="passkeys"/);
  });

  it('an IP address: neither page has them', async () => {
    const browser = new UiBrowser(offServer);
    const login = await browser.get('/login');
    assert.doesNotMatch(login.text, /passkey/);
    await registerInUi(browser, { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' });
    const account = await browser.get('/account');
    assert.equal(account.status, 200, account.text.slice(0, 400));
    assert.doesNotMatch(account.text, /id="passkeys"/);
  });
});
