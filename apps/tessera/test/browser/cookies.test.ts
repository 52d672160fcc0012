// The cookies as the browser itself keeps them: registered and signed in through the forms, read
// back from Chromium's own cookie jar (HttpOnly ones included), in both cookie modes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Cookie } from 'playwright-core';
import type { BrowserTestServer as TestServer } from './support/browser-kit.js';
import {
  ACCESS_COOKIE,
  chromiumSkipReason,
  findCookie,
  launchChromium,
  newTestContext,
  PASSWORD,
  REFRESH_COOKIE,
  registerThroughForm,
  SESSION_COOKIE,
  signInThroughForm,
  startBrowserServer,
  submitForm,
  uniqueEmail,
} from './support/browser-kit.js';

const IDLE_SECONDS = 600;
const ABSOLUTE_SECONDS = 3600;
const ACCESS_SECONDS = 900;
const HOST = '127.0.0.1';

/** Asserts what every Tessera cookie must be, and that the wire carried no `Domain`. */
function assertHardened(cookie: Cookie | undefined, path: string, setCookieLines: string[]): Cookie {
  assert.ok(cookie, 'the cookie is in the jar');
  assert.equal(cookie.httpOnly, true, `${cookie.name} is HttpOnly`);
  assert.equal(cookie.secure, true, `${cookie.name} is Secure`);
  assert.equal(cookie.sameSite, 'Lax', `${cookie.name} is SameSite=Lax`);
  assert.equal(cookie.path, path, `${cookie.name} path`);
  // The jar writes a domain cookie with a leading dot; a host-only cookie carries the bare host.
  assert.equal(cookie.domain, HOST, `${cookie.name} is host-only`);
  const line = setCookieLines.find((l) => l.startsWith(`${cookie.name}=`));
  assert.ok(line, `${cookie.name} was set by the form's answer`);
  assert.doesNotMatch(line, /;\s*domain=/i, `${cookie.name} has no Domain attribute`);
  return cookie;
}

/** Asserts the browser will keep the cookie for `seconds` from the moment it was set (±3 s). */
function assertLifetime(cookie: Cookie, setAtSeconds: [number, number], seconds: number): void {
  const [from, to] = setAtSeconds;
  assert.ok(
    cookie.expires >= from + seconds - 3 && cookie.expires <= to + seconds + 3,
    `${cookie.name} expires ${cookie.expires - to}s after it was set; expected about ${seconds}s`,
  );
}

const nowSeconds = () => Date.now() / 1000;

describe('cookies in a real browser', { skip: chromiumSkipReason() }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser.close());

  describe('session mode', () => {
    let server: TestServer;
    before(async () => {
      server = await startBrowserServer('session', {
        TESSERA_IDLE_TTL: String(IDLE_SECONDS),
        TESSERA_ABSOLUTE_TTL: String(ABSOLUTE_SECONDS),
      });
    });
    after(() => server.close());

    it('register → __Host- session cookie, hardened, host-only, living as long as the idle timeout', async () => {
      const context = await newTestContext(browser);
      const page = await context.newPage();
      const from = nowSeconds();
      const lines = await registerThroughForm(page, server.url, uniqueEmail(), PASSWORD);
      const to = nowSeconds();
      const cookie = assertHardened(await findCookie(context, SESSION_COOKIE), '/', lines);
      assertLifetime(cookie, [from, to], IDLE_SECONDS);
      assert.equal(await findCookie(context, ACCESS_COOKIE), undefined, 'no jwt cookie in session mode');
      await context.close();
    });

    it('sign out, sign in again: a new cookie value (no fixation), and the old one is dead', async () => {
      const context = await newTestContext(browser);
      const page = await context.newPage();
      const email = uniqueEmail();
      await registerThroughForm(page, server.url, email, PASSWORD);
      const first = (await findCookie(context, SESSION_COOKIE))!.value;

      await submitForm(page, '#logout-form', 'Sign out', /\/login$/);
      assert.equal(await findCookie(context, SESSION_COOKIE), undefined, 'sign-out removes the cookie');
      assert.equal((await server.send('GET', '/auth/me', { cookie: first })).status, 401);

      const lines = await signInThroughForm(page, server.url, email, PASSWORD);
      const second = assertHardened(await findCookie(context, SESSION_COOKIE), '/', lines).value;
      assert.notEqual(second, first);
      assert.notEqual(second.split('.')[0], first.split('.')[0], 'a new session id, not just a new secret');
      assert.equal((await server.send('GET', '/auth/me', { cookie: second })).status, 200);
      await context.close();
    });

    it('the cookie slides with activity but never outlives the absolute timeout', async () => {
      const context = await newTestContext(browser);
      const page = await context.newPage();
      await registerThroughForm(page, server.url, uniqueEmail(), PASSWORD);
      // Active every 500 s (inside the 600 s idle timeout) until 100 s before the absolute end:
      // each visit slides the idle expiry, and the re-sent cookie follows the session.
      for (let elapsed = 500; elapsed <= 3500; elapsed += 500) {
        server.clock.advanceSeconds(500);
        const from = nowSeconds();
        await page.goto(`${server.url}/account`);
        const to = nowSeconds();
        assert.equal(new URL(page.url()).pathname, '/account', `still signed in after ${elapsed}s`);
        const cookie = await findCookie(context, SESSION_COOKIE);
        assert.ok(cookie, `cookie present after ${elapsed}s`);
        assertLifetime(cookie, [from, to], Math.min(IDLE_SECONDS, ABSOLUTE_SECONDS - elapsed));
      }
      server.clock.advanceSeconds(101);
      await page.goto(`${server.url}/account`);
      assert.equal(new URL(page.url()).pathname, '/login', 'the absolute timeout ends the session');
      assert.equal(await findCookie(context, SESSION_COOKIE), undefined, 'and the dead cookie is cleared');
      await context.close();
    });
  });

  describe('jwt cookie mode', () => {
    let server: TestServer;
    before(async () => {
      server = await startBrowserServer('jwt', {
        TESSERA_IDLE_TTL: String(IDLE_SECONDS),
        TESSERA_ABSOLUTE_TTL: String(ABSOLUTE_SECONDS),
      });
    });
    after(() => server.close());

    it('register → __Host- access cookie on / and __Secure- refresh cookie on /auth/refresh', async () => {
      const context = await newTestContext(browser);
      const page = await context.newPage();
      const from = nowSeconds();
      const lines = await registerThroughForm(page, server.url, uniqueEmail(), PASSWORD);
      const to = nowSeconds();
      const access = assertHardened(await findCookie(context, ACCESS_COOKIE), '/', lines);
      assertLifetime(access, [from, to], ACCESS_SECONDS);
      assert.match(access.value, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'the access cookie holds a JWT');
      const refresh = assertHardened(await findCookie(context, REFRESH_COOKIE), '/auth/refresh', lines);
      assertLifetime(refresh, [from, to], IDLE_SECONDS);
      assert.equal(await findCookie(context, SESSION_COOKIE), undefined, 'no session cookie in jwt mode');
      await context.close();
    });

    it('sign out, sign in again: new access and refresh cookies, the old refresh token is dead', async () => {
      const context = await newTestContext(browser);
      const page = await context.newPage();
      const email = uniqueEmail();
      await registerThroughForm(page, server.url, email, PASSWORD);
      const firstRefresh = (await findCookie(context, REFRESH_COOKIE))!.value;
      const firstAccess = (await findCookie(context, ACCESS_COOKIE))!.value;

      await submitForm(page, '#logout-form', 'Sign out', /\/login$/);
      assert.equal(await findCookie(context, ACCESS_COOKIE), undefined, 'sign-out removes the access cookie');
      assert.equal(await findCookie(context, REFRESH_COOKIE), undefined, 'and the refresh cookie');
      const replay = await server.send('POST', '/auth/refresh', {
        cookies: { [REFRESH_COOKIE]: firstRefresh },
      });
      assert.equal(replay.status, 401);
      const me = await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: firstAccess } });
      assert.equal(me.status, 401, 'the old access token is refused at once, not at exp');

      const lines = await signInThroughForm(page, server.url, email, PASSWORD);
      const access = assertHardened(await findCookie(context, ACCESS_COOKIE), '/', lines);
      const refresh = assertHardened(await findCookie(context, REFRESH_COOKIE), '/auth/refresh', lines);
      assert.notEqual(access.value, firstAccess);
      assert.notEqual(refresh.value, firstRefresh);
      await context.close();
    });
  });
});
