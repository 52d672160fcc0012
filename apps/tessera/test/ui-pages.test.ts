import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ACCESS_COOKIE,
  PASSWORD,
  REFRESH_COOKIE,
  SESSION_COOKIE,
  startTestServer,
  uniqueEmail,
  type HttpResult,
  type TestServer,
} from './harness.js';
import { alertOf, deviceRows, noticeOf, UI_CSP, UiBrowser } from './ui-browser-kit.js';

function assertPage(result: HttpResult, status: number): void {
  assert.equal(result.status, status, result.text.slice(0, 400));
  assert.equal(result.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(result.headers['content-security-policy'], UI_CSP);
  assert.equal(result.headers['x-frame-options'], 'DENY');
  assert.equal(result.headers['x-content-type-options'], 'nosniff');
  assert.equal(result.headers['referrer-policy'], 'same-origin');
  assert.equal(result.headers['cache-control'], 'no-store');
  assert.doesNotMatch(result.text, /<script(?![^>]*\bsrc=)/, 'no inline script');
  assert.doesNotMatch(result.text, /\sstyle=|<style/, 'no inline style');
}

async function registerInUi(browser: UiBrowser, email = uniqueEmail('ui')): Promise<string> {
  const result = await browser.post('/register', [
    ['email', email],
    ['password', PASSWORD],
  ]);
  assert.equal(result.status, 303, result.text);
  assert.equal(result.headers['location'], '/account');
  return email;
}

describe('web UI, session cookie mode', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_LOGIN_MAX_FAILURES: '3' });
  });
  after(() => server.close());

  it('GET / sends a visitor to /login and a signed-in user to /account', async () => {
    const browser = new UiBrowser(server);
    const anonymous = await browser.get('/');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers['location'], '/login');
    await registerInUi(browser);
    assert.equal((await browser.get('/')).headers['location'], '/account');
  });

  it('the sign-in and registration pages carry the contract forms, labels and links', async () => {
    const browser = new UiBrowser(server);
    const login = await browser.get('/login');
    assertPage(login, 200);
    assert.match(login.text, /<form id="login-form" method="post" action="\/login"/);
    assert.match(login.text, /<label for="email">Email<\/label>/);
    assert.match(login.text, /<label for="password">Password<\/label>/);
    assert.match(
      login.text,
      /id="password"\s+name="password"\s+type="password"\s+autocomplete="current-password"/,
    );
    assert.match(login.text, /<button type="submit" class="full">Sign in<\/button>/);
    assert.match(login.text, /href="\/register"/);
    const register = await browser.get('/register');
    assertPage(register, 200);
    assert.match(register.text, /<form id="register-form" method="post" action="\/register"/);
    assert.match(register.text, /autocomplete="new-password"/);
    assert.match(register.text, />Create account<\/button>/);
    assert.match(register.text, /href="\/login"/);
  });

  it('HEAD answers like GET without a body', async () => {
    const result = await server.send('HEAD', '/login');
    assert.equal(result.status, 200);
    assert.equal(result.text, '');
    assert.equal(result.headers['content-security-policy'], UI_CSP);
  });

  it('no JavaScript needed: register → account → revoke another device → change password → sign out everywhere', async () => {
    const laptop = new UiBrowser(server);
    const email = await registerInUi(laptop);
    assert.deepEqual([...laptop.cookies.keys()], [SESSION_COOKIE], 'exactly the API session cookie');
    const welcome = await laptop.get('/account');
    assertPage(welcome, 200);
    assert.equal(noticeOf(welcome), null);

    const phone = new UiBrowser(
      server,
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    );
    const tablet = new UiBrowser(server, 'curl/8.5.0');
    for (const device of [phone, tablet]) {
      const login = await device.post('/login', [
        ['email', email],
        ['password', PASSWORD],
      ]);
      assert.equal(login.status, 303);
      assert.equal(login.headers['location'], '/account');
    }
    const account = await laptop.get('/account');
    assertPage(account, 200);
    assert.match(account.text, new RegExp(`id="account-email">${email.replace(/[.]/g, '\\.')}<`));
    assert.match(account.text, /<table id="devices">/);
    const rows = deviceRows(account);
    assert.equal(rows.length, 3);
    assert.equal(rows.filter((row) => row.current).length, 1);
    assert.match(account.text, /Safari 17\.5 on macOS/);
    assert.match(account.text, /Chrome 126 on Android/);
    assert.match(account.text, /curl 8\.5 on Unknown OS/);
    assert.match(account.text, /This device/);
    assert.match(account.text, /<time datetime="\d{4}-\d\d-\d\dT[^"]+"[^>]*>just now<\/time>/);
    assert.match(account.text, /<form id="password-form" method="post" action="\/account\/password">/);
    assert.match(account.text, /<form id="logout-form" method="post" action="\/logout">/);
    assert.match(account.text, /<form id="logout-all-form" method="post" action="\/account\/logout-all">/);
    assert.match(account.text, /href="\/inspect"/);

    // Revoke the phone from the laptop.
    const phoneRow = deviceRows(await phone.get('/account')).find((row) => row.current);
    assert.ok(phoneRow);
    assert.match(account.text, new RegExp(`action="/account/sessions/${phoneRow.id}/revoke"`));
    const revoked = await laptop.post(`/account/sessions/${phoneRow.id}/revoke`, []);
    assert.equal(revoked.status, 303);
    assert.equal(revoked.headers['location'], '/account');
    const afterRevoke = await laptop.get('/account');
    assert.equal(noticeOf(afterRevoke), 'That device is signed out.');
    assert.equal(deviceRows(afterRevoke).length, 2);
    const phoneAfter = await phone.get('/account');
    assert.equal(phoneAfter.status, 303);
    assert.equal(phoneAfter.headers['location'], '/login');
    assert.equal(phone.cookies.has(SESSION_COOKIE), false, 'the dead cookie is cleared');
    assert.equal(noticeOf(await phone.get('/login')), 'Your session has ended. Sign in again.');

    // Change the password: the tablet is signed out, the laptop stays.
    const changed = await laptop.post('/account/password', [
      ['currentPassword', PASSWORD],
      ['newPassword', 'a brand new passphrase 42'],
    ]);
    assert.equal(changed.status, 303);
    assert.equal(changed.headers['location'], '/account');
    const afterChange = await laptop.get('/account');
    assert.equal(afterChange.status, 200);
    assert.equal(noticeOf(afterChange), 'Your password is changed. Your other devices were signed out.');
    assert.equal(deviceRows(afterChange).length, 1);
    assert.equal(noticeOf(await laptop.get('/account')), null, 'a notice shows once');
    assert.equal((await tablet.get('/account')).status, 303);

    // Sign out everywhere.
    const everywhere = await laptop.post('/account/logout-all', []);
    assert.equal(everywhere.status, 303);
    assert.equal(everywhere.headers['location'], '/login');
    assert.equal(laptop.cookies.has(SESSION_COOKIE), false);
    assert.equal(noticeOf(await laptop.get('/login')), 'You are signed out on every device.');
    assert.equal((await laptop.get('/account')).headers['location'], '/login');
    const relogin = await laptop.post('/login', [
      ['email', email],
      ['password', 'a brand new passphrase 42'],
    ]);
    assert.equal(relogin.headers['location'], '/account');
  });

  it('a page that slides the session passes the renewed cookie on (/, /inspect, /account)', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    for (const path of ['/', '/inspect', '/account']) {
      server.clock.advanceSeconds(3700); // past half of the 2-hour idle timeout
      const result = await browser.get(path);
      assert.ok(
        result.setCookies.some((line) => line.startsWith(`${SESSION_COOKIE}=`) && /Max-Age=7200/.test(line)),
        path,
      );
    }
  });

  it('the Sign out button on the current row and the logout form sign this browser out', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    const current = deviceRows(await browser.get('/account')).find((row) => row.current);
    assert.ok(current);
    const out = await browser.post(`/account/sessions/${current.id}/revoke`, []);
    assert.equal(out.status, 303);
    assert.equal(out.headers['location'], '/login');
    assert.equal(browser.cookies.has(SESSION_COOKIE), false);
    assert.equal(noticeOf(await browser.get('/login')), 'You are signed out.');

    const other = new UiBrowser(server);
    await registerInUi(other);
    const logout = await other.post('/logout', []);
    assert.equal(logout.headers['location'], '/login');
    assert.equal(other.cookies.has(SESSION_COOKIE), false);
  });

  it('revoking a device that is not yours answers 404 in words', async () => {
    const mallory = new UiBrowser(server);
    await registerInUi(mallory);
    const victim = new UiBrowser(server);
    await registerInUi(victim);
    const victimRow = deviceRows(await victim.get('/account'))[0];
    assert.ok(victimRow);
    const result = await mallory.post(`/account/sessions/${victimRow.id}/revoke`, []);
    assertPage(result, 404);
    assert.equal(alertOf(result)?.code, 'not_found');
    assert.equal((await victim.get('/account')).status, 200, 'the victim stays signed in');
  });

  it('errors in words with the API status: wrong password 401, weak 400, taken email 409', async () => {
    const browser = new UiBrowser(server);
    const email = await registerInUi(browser);
    const visitor = new UiBrowser(server);

    const wrong = await visitor.post('/login', [
      ['email', email],
      ['password', 'not the password'],
    ]);
    assertPage(wrong, 401);
    assert.deepEqual(alertOf(wrong), {
      code: 'invalid_credentials',
      text: 'The email or password is incorrect.',
    });
    assert.match(wrong.text, new RegExp(`value="${email.replace(/[.]/g, '\\.')}"`), 'the email is kept');
    assert.doesNotMatch(wrong.text, /not the password/, 'the password is never echoed');
    assert.equal(wrong.setCookies.length, 0);

    const weak = await visitor.post('/register', [
      ['email', uniqueEmail()],
      ['password', 'short'],
    ]);
    assertPage(weak, 400);
    assert.equal(alertOf(weak)?.code, 'weak_password');
    assert.match(alertOf(weak)?.text ?? '', /at least 8 characters/);

    const taken = await visitor.post('/register', [
      ['email', email],
      ['password', PASSWORD],
    ]);
    assertPage(taken, 409);
    assert.deepEqual(alertOf(taken), {
      code: 'email_taken',
      text: 'An account with this email already exists.',
    });

    const badPassword = await browser.post('/account/password', [
      ['currentPassword', 'not the password'],
      ['newPassword', 'another fine passphrase'],
    ]);
    assertPage(badPassword, 401);
    assert.equal(alertOf(badPassword)?.code, 'invalid_credentials');
    assert.match(badPassword.text, /<table id="devices">/, 'the account page again, still signed in');

    const weakNew = await browser.post('/account/password', [
      ['currentPassword', PASSWORD],
      ['newPassword', 'short'],
    ]);
    assertPage(weakNew, 400);
    assert.equal(alertOf(weakNew)?.code, 'weak_password');
  });

  it('too many failed sign-ins: 429 with Retry-After and the wait in words', async () => {
    const email = await registerInUi(new UiBrowser(server));
    const visitor = new UiBrowser(server);
    let last: HttpResult | null = null;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      last = await visitor.post('/login', [
        ['email', email],
        ['password', 'wrong password attempt'],
      ]);
    }
    assert.ok(last);
    assertPage(last, 429);
    assert.match(String(last.headers['retry-after']), /^\d+$/);
    assert.equal(alertOf(last)?.code, 'rate_limited');
    assert.match(alertOf(last)?.text ?? '', /Try again in \d+ seconds/);
  });

  const crossSite: [string, Record<string, string>][] = [
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { origin: '', 'sec-fetch-site': 'cross-site' }],
  ];
  for (const [name, headers] of crossSite) {
    it(`every UI post from ${name} is refused with a 403 page and changes nothing`, async () => {
      const browser = new UiBrowser(server);
      const email = await registerInUi(browser);
      const sessionId = deviceRows(await browser.get('/account'))[0]?.id ?? '';
      const hostile = (path: string, fields: readonly (readonly [string, string])[]) =>
        browser.post(path, fields, headers);
      const posts: [string, readonly (readonly [string, string])[]][] = [
        [
          '/login',
          [
            ['email', email],
            ['password', PASSWORD],
          ],
        ],
        [
          '/register',
          [
            ['email', uniqueEmail()],
            ['password', PASSWORD],
          ],
        ],
        ['/logout', []],
        ['/account/logout-all', []],
        [`/account/sessions/${sessionId}/revoke`, []],
        [
          '/account/password',
          [
            ['currentPassword', PASSWORD],
            ['newPassword', 'changed by an attacker'],
          ],
        ],
      ];
      for (const [path, fields] of posts) {
        const result = await hostile(path, fields);
        assertPage(result, 403);
        assert.equal(alertOf(result)?.code, 'csrf_rejected', path);
        assert.equal(result.setCookies.length, 0, path);
      }
      assert.equal((await browser.get('/account')).status, 200, 'still signed in');
      const login = await new UiBrowser(server).post('/login', [
        ['email', email],
        ['password', PASSWORD],
      ]);
      assert.equal(login.status, 303, 'the password is unchanged');
    });
  }

  it('a trusted-looking but different host is refused too', async () => {
    const result = await new UiBrowser(server).post(
      '/login',
      [
        ['email', 'a@example.com'],
        ['password', PASSWORD],
      ],
      { origin: `${server.url}.evil.example` },
    );
    assertPage(result, 403);
  });

  it('hostile form input is answered with a 4xx page, never a 500', async () => {
    const browser = new UiBrowser(server);
    const cases: [string, string | Buffer, Record<string, string>, number, string][] = [
      [
        'a JSON body',
        '{"email":"a@example.com","password":"x"}',
        { 'content-type': 'application/json' },
        415,
        'unsupported_media_type',
      ],
      [
        'no content type',
        'email=a%40example.com&password=x',
        { 'content-type': '' },
        415,
        'unsupported_media_type',
      ],
      ['a missing field', 'email=a%40example.com', {}, 400, 'invalid_request'],
      [
        'a repeated field',
        'email=a%40example.com&email=b%40example.com&password=xxxxxxxxxx',
        {},
        400,
        'invalid_request',
      ],
      [
        'bytes that are not UTF-8',
        Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xff, 0xfe]),
        {},
        400,
        'invalid_request',
      ],
      ['broken percent-encoding', 'email=%E0%A4%A&password=%%%', {}, 400, 'invalid_request'],
      ['an empty body', '', {}, 400, 'invalid_request'],
      [
        'a prototype-looking field',
        '__proto__=1&constructor=2&email=x&password=y',
        {},
        401,
        'invalid_credentials',
      ],
    ];
    for (const [name, body, headers, status, code] of cases) {
      const result = await browser.postRaw('/login', body, headers);
      assert.equal(result.status, status, name);
      assertPage(result, status);
      assert.equal(alertOf(result)?.code, code, name);
    }
    const huge = await browser.postRaw('/login', `email=${'a'.repeat(70 * 1024)}&password=x`);
    assert.equal(huge.status, 413);
  });

  it('markup in an email or a user agent is shown as text', async () => {
    const browser = new UiBrowser(server, '<script>alert(1)</script> "quoted" & more');
    const email = `"<img src=x onerror=alert(1)>"@example.com`;
    const failed = await browser.post('/login', [
      ['email', email],
      ['password', 'whatever password'],
    ]);
    assert.doesNotMatch(failed.text, /<img src=x/);
    assert.match(failed.text, /value="&quot;&lt;img src=x onerror=alert\(1\)&gt;&quot;@example\.com"/);
    await registerInUi(browser);
    const account = await browser.get('/account');
    assert.doesNotMatch(account.text, /<script>alert/);
  });

  it('wrong methods get 405 with Allow, unknown paths still reach the API', async () => {
    const put = await server.send('PUT', '/login');
    assertPage(put, 405);
    assert.equal(put.headers['allow'], 'GET, HEAD, POST');
    const getLogout = await server.send('GET', '/logout');
    assert.equal(getLogout.status, 405);
    assert.equal((await server.send('GET', '/auth/me')).headers['content-type'], 'application/problem+json');
    assert.equal((await server.send('GET', '/nothing-here')).status, 404);
    assert.equal((await server.send('GET', '/auth/refresh/continue')).status, 404, 'jwt mode only');
  });

  it('the inspector page has its fields, its script and no form that could send the token', async () => {
    const result = await new UiBrowser(server).get('/inspect');
    assertPage(result, 200);
    assert.match(result.text, /<label for="token">Token<\/label>/);
    assert.match(result.text, /<textarea\s+id="token"\s+name="token"/);
    for (const id of ['inspect-header', 'inspect-claims', 'inspect-signature', 'inspect-warnings']) {
      assert.match(result.text, new RegExp(`id="${id}"`));
    }
    assert.match(result.text, /<script type="module" src="\/ui\/js\/browser\/inspect-page\.js"><\/script>/);
    assert.doesNotMatch(result.text, /<form/);
  });

  it('static files: content types, revalidation, and the client build', async () => {
    const css = await server.send('GET', '/ui/tessera.css');
    assert.equal(css.status, 200);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(css.headers['cache-control'], 'no-cache');
    const etag = String(css.headers['etag']);
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
    const again = await server.send('GET', '/ui/tessera.css', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    const client = await server.send('GET', '/ui/client.js');
    assert.equal(client.status, 200);
    assert.equal(client.headers['content-type'], 'text/javascript; charset=utf-8');
    const index = await server.send('GET', '/ui/client/index.js');
    assert.equal(index.status, 200);
    const fetchModule = await server.send('GET', '/ui/client/create-tessera-fetch.js');
    assert.match(fetchModule.text, /export function createTesseraFetch/);
    for (const script of [
      '/ui/js/browser/inspect-page.js',
      '/ui/js/browser/keep-signed-in.js',
      '/ui/js/inspect-token.js',
    ]) {
      const result = await server.send('GET', script);
      assert.equal(result.status, 200, `${script} (run npm run build)`);
      assert.equal(result.headers['content-type'], 'text/javascript; charset=utf-8');
    }
    assert.equal((await server.send('GET', '/ui/../package.json')).status, 404);
    assert.equal(
      (await server.send('POST', '/ui/tessera.css', { headers: { 'sec-fetch-site': 'same-origin' } })).status,
      405,
    );
  });
});

describe('web UI, jwt cookie mode', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_COOKIE_MODE: 'jwt', TESSERA_ACCESS_TTL: '300' });
  });
  after(() => server.close());

  it('sign-in sets the access and refresh cookies the API sets', async () => {
    const browser = new UiBrowser(server);
    const register = await browser.post('/register', [
      ['email', uniqueEmail('jwt')],
      ['password', PASSWORD],
    ]);
    assert.equal(register.status, 303);
    assert.equal(register.setCookies.length, 2, 'the access and refresh cookies, nothing else');
    assert.ok(
      register.setCookies.some((line) => line.startsWith(`${ACCESS_COOKIE}=`) && /Path=\/;/.test(line)),
    );
    assert.ok(
      register.setCookies.some(
        (line) => line.startsWith(`${REFRESH_COOKIE}=`) && /Path=\/auth\/refresh/.test(line),
      ),
    );
    assert.equal(
      register.setCookies.some((line) => line.startsWith(`${SESSION_COOKIE}=`)),
      false,
    );
    const account = await browser.get('/account');
    assertPage(account, 200);
    assert.match(account.text, /Token cookies/);
    assert.match(account.text, /data-access-expires-in-seconds="300" data-access-ttl-seconds="300"/);
    assert.match(account.text, /src="\/ui\/js\/browser\/keep-signed-in\.js"/);
  });

  it('access cookie gone, refresh cookie good: one button press (no JavaScript) and you are back', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    // The browser drops the access cookie when its Max-Age runs out.
    browser.cookies.delete(ACCESS_COOKIE);
    server.clock.advanceSeconds(301);
    const account = await browser.get('/account');
    assert.equal(account.status, 303);
    assert.equal(account.headers['location'], '/auth/refresh/continue');
    const continuePage = await browser.get('/auth/refresh/continue');
    assertPage(continuePage, 200);
    assert.match(
      continuePage.text,
      /<form id="continue-form" method="post" action="\/auth\/refresh\/continue">/,
    );
    assert.match(continuePage.text, />Continue<\/button>/);
    assert.match(continuePage.text, /data-auto-refresh="true"/);
    const pressed = await browser.post('/auth/refresh/continue', []);
    assert.equal(pressed.status, 303);
    assert.equal(pressed.headers['location'], '/account');
    assert.ok(browser.cookies.has(ACCESS_COOKIE));
    assert.equal((await browser.get('/account')).status, 200);
  });

  it('no refresh cookie either: the continue page sends you to sign in', async () => {
    const browser = new UiBrowser(server);
    const account = await browser.get('/account');
    assert.equal(account.headers['location'], '/auth/refresh/continue');
    const next = await browser.get('/auth/refresh/continue');
    assert.equal(next.status, 303);
    assert.equal(next.headers['location'], '/login');
  });

  it('a refresh cookie that no longer works: signed out, cookies cleared, told why', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    await browser.post('/logout', []);
    browser.cookies.set(REFRESH_COOKIE, 'stale.refresh-token-value');
    const pressed = await browser.post('/auth/refresh/continue', []);
    assert.equal(pressed.status, 303);
    assert.equal(pressed.headers['location'], '/login');
    assert.equal(browser.cookies.has(REFRESH_COOKIE), false);
    assert.equal(noticeOf(await browser.get('/login')), 'Your session has ended. Sign in again.');
  });

  it('an account action without an access cookie is repeated (307) under the refresh path and done there', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    browser.cookies.delete(ACCESS_COOKIE);
    const posted = await browser.post('/account/logout-all', []);
    assert.equal(posted.status, 307, 'same method, same form, not a renewal');
    assert.equal(posted.headers['location'], '/auth/refresh/account/logout-all');
    const done = await browser.post('/auth/refresh/account/logout-all', []);
    assert.equal(done.status, 303);
    assert.equal(done.headers['location'], '/login');
    assert.equal(browser.cookies.has(REFRESH_COOKIE), false, 'the renewed refresh token is never sent back');
    assert.equal(noticeOf(await browser.get('/login')), 'You are signed out on every device.');
  });

  it('under the refresh path: only the account actions, only POST, never from another site', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    assert.equal((await browser.get('/auth/refresh/logout')).status, 405);
    assert.equal((await browser.post('/auth/refresh/account', [])).status, 404);
    assert.equal((await browser.post('/auth/refresh/login', [])).status, 404);
    const crossSite = await browser.post('/auth/refresh/logout', [], { origin: 'https://evil.example' });
    assertPage(crossSite, 403);
    assert.equal(alertOf(crossSite)?.code, 'csrf_rejected');
    assert.equal((await browser.get('/account')).status, 200, 'still signed in');
  });

  it('an account action under the refresh path with a dead session changes nothing and says so', async () => {
    const browser = new UiBrowser(server);
    browser.cookies.set(REFRESH_COOKIE, 'stale.refresh-token-value');
    const posted = await browser.post('/auth/refresh/account/logout-all', []);
    assert.equal(posted.status, 303);
    assert.equal(posted.headers['location'], '/login');
    assert.match(noticeOf(await browser.get('/login')) ?? '', /nothing was changed/);
  });

  it('the continue form is refused from another site', async () => {
    const browser = new UiBrowser(server);
    await registerInUi(browser);
    const result = await browser.post('/auth/refresh/continue', [], { origin: 'https://evil.example' });
    assertPage(result, 403);
    assert.equal(alertOf(result)?.code, 'csrf_rejected');
  });
});

describe('web UI with TESSERA_PUBLIC_URL (issue 11, defect 10; DESIGN §3.1 "Own origin")', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_PUBLIC_URL: 'http://auth.test:8080' });
  });
  after(() => server.close());

  it('a form post from the other scheme on the same host and port is refused by the UI itself', async () => {
    // Not signed in, so the API's sign-out would not check CSRF at all: only the UI's own check can refuse.
    const result = await new UiBrowser(server).post('/logout', [], {
      host: 'auth.test:8080',
      origin: 'https://auth.test:8080',
    });
    assertPage(result, 403);
    assert.equal(alertOf(result)?.code, 'csrf_rejected');
    const own = await new UiBrowser(server).post('/logout', [], {
      host: 'auth.test:8080',
      origin: 'http://auth.test:8080',
    });
    assert.equal(own.status, 303, 'the public origin itself passes');
  });
});
