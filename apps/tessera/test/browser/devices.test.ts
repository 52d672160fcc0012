// Two browsers signed in as the same user: one signs the other out from the device list, and the
// other finds itself signed out on its very next request (in jwt mode too: the revocation reaches
// the access token at once, not at its exp).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import type { BrowserTestServer as TestServer } from './support/browser-kit.js';
import {
  ACCESS_COOKIE,
  chromiumSkipReason,
  findCookie,
  launchChromium,
  newTestContext,
  PASSWORD,
  registerThroughForm,
  saveScreenshot,
  SESSION_COOKIE,
  signInThroughForm,
  startBrowserServer,
  uniqueEmail,
} from './support/browser-kit.js';

// A row's button reads "Sign out"; its accessible name adds the device ("Sign out Firefox on
// Windows"), so a screen reader can tell the rows apart. Hence the match on the start of the name.

/** Device B claims to be Firefox on Windows, so its row must say so. */
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

const modes = [
  ['session', SESSION_COOKIE],
  ['jwt', ACCESS_COOKIE],
] as const;

/** The session id the server knows this browser by, asked from the JSON API in the browser itself. */
async function currentSessionId(context: BrowserContext, baseUrl: string): Promise<string> {
  const page = await context.newPage();
  const response = await page.goto(`${baseUrl}/auth/me`);
  assert.equal(response?.status(), 200);
  const body = (await response.json()) as { session: { id: string } };
  await page.close();
  return body.session.id;
}

describe('the device list in a real browser', { skip: chromiumSkipReason() }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser.close());

  for (const [mode, cookieName] of modes) {
    describe(`${mode} mode`, () => {
      let server: TestServer;
      before(async () => {
        server = await startBrowserServer(mode);
      });
      after(() => server.close());

      it('A signs B out from its device list; B is signed out on its next request', async () => {
        const email = uniqueEmail();
        const contextA = await newTestContext(browser);
        const pageA = await contextA.newPage();
        await registerThroughForm(pageA, server.url, email, PASSWORD);
        const contextB = await newTestContext(browser, FIREFOX_ON_WINDOWS);
        const pageB = await contextB.newPage();
        await signInThroughForm(pageB, server.url, email, PASSWORD);
        const sessionA = await currentSessionId(contextA, server.url);
        const sessionB = await currentSessionId(contextB, server.url);
        const cookieB = (await findCookie(contextB, cookieName))!.value;

        await pageA.goto(`${server.url}/account`);
        const rows = pageA.locator('#devices tr[data-session-id]');
        assert.equal(await rows.count(), 2, 'two devices listed');
        const rowA = pageA.locator(`#devices tr[data-session-id="${sessionA}"]`);
        const rowB = pageA.locator(`#devices tr[data-session-id="${sessionB}"]`);
        assert.equal(await rowA.getAttribute('data-current'), 'true');
        assert.equal(await rowB.getAttribute('data-current'), 'false');
        assert.match(await rowA.innerText(), /This device/);
        const rowBText = await rowB.innerText();
        assert.doesNotMatch(rowBText, /This device/);
        assert.match(rowBText, /Firefox/, 'the browser is parsed from the user agent');
        assert.match(rowBText, /Windows/, 'and the operating system');
        assert.match(rowBText, /127\.0\.0\.1/, 'the IP address is shown');
        assert.equal(
          (await rowB.locator('time[datetime]').count()) >= 2,
          true,
          'signed-in and last-seen times',
        );
        await saveScreenshot(pageA, `account-two-devices-${mode}`);

        await Promise.all([
          pageA.waitForURL(`${server.url}/account`, { waitUntil: 'load' }),
          rowB.getByRole('button', { name: /^Sign out/ }).click(),
        ]);
        // The row of B is gone, A is still here, and the page says what happened.
        await pageA.locator('[role="status"]').waitFor();
        assert.equal(await pageA.locator('#devices tr[data-session-id]').count(), 1);
        assert.equal(await rowA.count(), 1, 'A is still signed in');

        await pageB.goto(`${server.url}/account`);
        assert.equal(new URL(pageB.url()).pathname, '/login', 'B lands on the sign-in page');
        const left = await findCookie(contextB, cookieName);
        if (left !== undefined) {
          const me = await server.send('GET', '/auth/me', { cookies: { [cookieName]: left.value } });
          assert.equal(me.status, 401, 'whatever B still holds is refused');
        }
        const replay = await server.send('GET', '/auth/me', { cookies: { [cookieName]: cookieB } });
        assert.equal(replay.status, 401, "B's old credential is refused");
        await contextA.close();
        await contextB.close();
      });

      it('changing the password through the form keeps this browser signed in and signs the other out', async () => {
        const email = uniqueEmail();
        const contextA = await newTestContext(browser);
        const pageA = await contextA.newPage();
        await registerThroughForm(pageA, server.url, email, PASSWORD);
        const contextB = await newTestContext(browser);
        const pageB = await contextB.newPage();
        await signInThroughForm(pageB, server.url, email, PASSWORD);
        const before = (await findCookie(contextA, cookieName))!.value;

        const newPassword = 'a brand new passphrase 42';
        await pageA.getByLabel('Current password', { exact: true }).fill(PASSWORD);
        await pageA.getByLabel('New password', { exact: true }).fill(newPassword);
        await Promise.all([
          pageA.waitForURL(`${server.url}/account`, { waitUntil: 'load' }),
          pageA.getByRole('button', { name: 'Change password', exact: true }).click(),
        ]);
        assert.match(await pageA.getByRole('status').innerText(), /password/i, 'a notice says so');
        assert.equal(
          await pageA.locator('#devices tr[data-session-id]').count(),
          1,
          'only this device is left',
        );
        const after = (await findCookie(contextA, cookieName))!.value;
        assert.notEqual(after, before, 'the credential is re-issued after a password change');
        assert.equal(
          (await server.send('GET', '/auth/me', { cookies: { [cookieName]: after } })).status,
          200,
        );

        await pageB.goto(`${server.url}/account`);
        assert.equal(new URL(pageB.url()).pathname, '/login', 'the other browser is signed out');
        await signInThroughForm(pageB, server.url, email, newPassword);
        await contextA.close();
        await contextB.close();
      });

      it('the current row\'s "Sign out" signs this browser out', async () => {
        const context = await newTestContext(browser);
        const page = await context.newPage();
        await registerThroughForm(page, server.url, uniqueEmail(), PASSWORD);
        const current = page.locator('#devices tr[data-current="true"]');
        assert.equal(await current.count(), 1);
        await Promise.all([
          page.waitForURL(/\/login$/),
          current.getByRole('button', { name: /^Sign out/ }).click(),
        ]);
        assert.equal(await findCookie(context, cookieName), undefined, 'the cookie is cleared');
        await page.goto(`${server.url}/account`);
        assert.equal(new URL(page.url()).pathname, '/login');
        await context.close();
      });
    });
  }
});
