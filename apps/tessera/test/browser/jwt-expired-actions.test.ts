// jwt cookie mode: the account page's forms still do what they say after the access cookie is gone
// (laptop asleep, a tab left in the background) or expired by the server's clock. The refresh
// cookie only goes to /auth/refresh/…, so a form post to /logout no longer proves who the caller
// is; the action must still be done, never turned into a silent renewal. The outcome is checked
// from the server's side, through another device of the same user.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserTestServer as TestServer } from './support/browser-kit.js';
import {
  ACCESS_COOKIE,
  chromiumSkipReason,
  findCookie,
  launchChromium,
  newTestContext,
  PASSWORD,
  REFRESH_COOKIE,
  signInThroughForm,
  startBrowserServer,
  uniqueEmail,
} from './support/browser-kit.js';

const ACCESS_SECONDS = 900;
const LEEWAY_SECONDS = 60;
const NEW_PASSWORD = 'a different passphrase 42';

/** Another device of the same user: a bearer client signed in through the JSON API. */
interface OtherDevice {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
}

/** A browser signed in through the form, on /account, and what the server knows it by. */
interface SignedInBrowser {
  context: BrowserContext;
  page: Page;
  sessionId: string;
  refreshToken: string;
}

describe(
  'jwt cookie mode: account actions after the access cookie expired',
  { skip: chromiumSkipReason() },
  () => {
    let browser: Browser;
    let server: TestServer;
    before(async () => {
      browser = await launchChromium();
      server = await startBrowserServer('jwt');
    });
    after(async () => {
      await server.close();
      await browser.close();
    });

    async function signInBrowser(email: string, javaScriptEnabled: boolean): Promise<SignedInBrowser> {
      const context = javaScriptEnabled
        ? await newTestContext(browser)
        : await browser.newContext({ javaScriptEnabled: false });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await signInThroughForm(page, server.url, email, PASSWORD);
      const sessionId = await page
        .locator('#devices tr[data-current="true"]')
        .getAttribute('data-session-id');
      assert.ok(sessionId, 'the account page names this device');
      const refreshToken = (await findCookie(context, REFRESH_COOKIE))!.value;
      return { context, page, sessionId, refreshToken };
    }

    async function signInOtherDevice(email: string, password = PASSWORD): Promise<OtherDevice> {
      const login = await server.send('POST', '/auth/login', {
        body: { email, password, transport: 'bearer' },
      });
      assert.equal(login.status, 200, login.text);
      const body = login.json as { session: { id: string }; access_token: string; refresh_token: string };
      return { sessionId: body.session.id, accessToken: body.access_token, refreshToken: body.refresh_token };
    }

    /** The user's session ids, as another device of theirs lists them. */
    async function sessionIdsSeenBy(device: OtherDevice): Promise<string[]> {
      const listed = await server.send('GET', '/auth/sessions', { bearer: device.accessToken });
      assert.equal(listed.status, 200, listed.text);
      return (listed.json as { sessions: { id: string }[] }).sessions.map((session) => session.id);
    }

    /** Whether a refresh token still renews anything: a revoked session's never does. */
    async function refreshStatus(refreshToken: string): Promise<number> {
      return (await server.send('POST', '/auth/refresh', { body: { refresh_token: refreshToken } })).status;
    }

    /** Presses a button of the account page and waits until the browser has left the page. */
    async function press(page: Page, formSelector: string, button: string): Promise<URL> {
      await Promise.all([
        page.waitForURL((url) => url.pathname !== '/account' || url.search !== ''),
        page.locator(formSelector).getByRole('button', { name: button, exact: true }).click(),
      ]).catch(() => undefined);
      await page.waitForLoadState('load');
      return new URL(page.url());
    }

    it('"Sign out" without JavaScript and without an access cookie revokes this session', async () => {
      const email = uniqueEmail();
      await server.register(email);
      const other = await signInOtherDevice(email);
      const signedIn = await signInBrowser(email, false);
      await signedIn.context.clearCookies({ name: ACCESS_COOKIE });

      const landed = await press(signedIn.page, '#logout-form', 'Sign out');

      assert.equal(landed.pathname, '/login', 'the sign-out ends on the sign-in page');
      assert.match(await signedIn.page.locator('[role="status"]').innerText(), /You are signed out\./);
      const left = await sessionIdsSeenBy(other);
      assert.ok(!left.includes(signedIn.sessionId), "the browser's session is gone on the server");
      assert.ok(left.includes(other.sessionId), 'the other device stays signed in');
      assert.equal(await refreshStatus(signedIn.refreshToken), 401, 'its refresh token renews nothing');
      assert.equal(
        await findCookie(signedIn.context, REFRESH_COOKIE),
        undefined,
        'the refresh cookie is cleared',
      );
      await signedIn.context.close();
    });

    it('"Sign out everywhere" without JavaScript and without an access cookie revokes every session', async () => {
      const email = uniqueEmail();
      await server.register(email);
      const other = await signInOtherDevice(email);
      const signedIn = await signInBrowser(email, false);
      await signedIn.context.clearCookies({ name: ACCESS_COOKIE });

      const landed = await press(signedIn.page, '#logout-all-form', 'Sign out everywhere');

      assert.equal(landed.pathname, '/login');
      assert.match(
        await signedIn.page.locator('[role="status"]').innerText(),
        /You are signed out on every device\./,
      );
      const probe = await server.send('GET', '/auth/me', { bearer: other.accessToken });
      assert.equal(probe.status, 401, "the other device's access token is dead at once");
      assert.equal(await refreshStatus(other.refreshToken), 401, "the other device's refresh token is dead");
      assert.equal(await refreshStatus(signedIn.refreshToken), 401, "the browser's refresh token is dead");
      const fresh = await signInOtherDevice(email);
      assert.deepEqual(await sessionIdsSeenBy(fresh), [fresh.sessionId], 'no session of before is left');
      await signedIn.context.close();
    });

    it('"Sign out everywhere" with JavaScript, the access cookie expired by the server\'s clock, revokes every session', async () => {
      const email = uniqueEmail();
      await server.register(email);
      const signedIn = await signInBrowser(email, true);
      server.clock.advanceSeconds(ACCESS_SECONDS + LEEWAY_SECONDS + 1);
      const other = await signInOtherDevice(email);
      assert.ok(
        await findCookie(signedIn.context, ACCESS_COOKIE),
        'the browser still sends its access cookie',
      );

      const landed = await press(signedIn.page, '#logout-all-form', 'Sign out everywhere');

      assert.equal(landed.pathname, '/login');
      assert.equal((await server.send('GET', '/auth/me', { bearer: other.accessToken })).status, 401);
      assert.equal(await refreshStatus(signedIn.refreshToken), 401, "the browser's refresh token is dead");
      const fresh = await signInOtherDevice(email);
      assert.deepEqual(await sessionIdsSeenBy(fresh), [fresh.sessionId], 'no session of before is left');
      await signedIn.context.close();
    });

    it('changing the password without JavaScript and without an access cookie changes it and signs the other devices out', async () => {
      const email = uniqueEmail();
      await server.register(email);
      const other = await signInOtherDevice(email);
      const signedIn = await signInBrowser(email, false);
      await signedIn.context.clearCookies({ name: ACCESS_COOKIE });
      await signedIn.page.locator('#currentPassword').fill(PASSWORD);
      await signedIn.page.locator('#newPassword').fill(NEW_PASSWORD);

      const landed = await press(signedIn.page, '#password-form', 'Change password');

      assert.equal(landed.pathname, '/account', 'this browser stays signed in');
      assert.match(await signedIn.page.locator('[role="status"]').innerText(), /Your password is changed\./);
      const oldLogin = await server.send('POST', '/auth/login', { body: { email, password: PASSWORD } });
      assert.equal(oldLogin.status, 401, 'the old password no longer works');
      assert.equal((await server.send('GET', '/auth/me', { bearer: other.accessToken })).status, 401);
      assert.equal(await refreshStatus(other.refreshToken), 401, 'the other device is signed out');
      const fresh = await signInOtherDevice(email, NEW_PASSWORD);
      const left = await sessionIdsSeenBy(fresh);
      assert.ok(left.includes(signedIn.sessionId), "the browser's own session stays");
      assert.ok(!left.includes(other.sessionId), "the other device's session is gone");
      const access = await findCookie(signedIn.context, ACCESS_COOKIE);
      assert.ok(access, 'the browser holds a new access cookie');
      const me = await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: access.value } });
      assert.equal(me.status, 200, 'and the server accepts it');
      await signedIn.context.close();
    });

    it('a wrong current password without an access cookie shows the error and keeps the browser signed in', async () => {
      const email = uniqueEmail();
      await server.register(email);
      const signedIn = await signInBrowser(email, false);
      await signedIn.context.clearCookies({ name: ACCESS_COOKIE });
      await signedIn.page.locator('#currentPassword').fill('not the password at all');
      await signedIn.page.locator('#newPassword').fill(NEW_PASSWORD);

      await press(signedIn.page, '#password-form', 'Change password');

      assert.equal(
        await signedIn.page.locator('[role="alert"]').getAttribute('data-code'),
        'invalid_credentials',
      );
      // The renewal's rotated refresh cookie reached the browser: it renews again.
      const refresh = await findCookie(signedIn.context, REFRESH_COOKIE);
      assert.ok(
        refresh && refresh.value !== signedIn.refreshToken,
        'the browser holds the rotated refresh cookie',
      );
      assert.equal(await refreshStatus(refresh.value), 200);
      await signedIn.context.close();
    });
  },
);
