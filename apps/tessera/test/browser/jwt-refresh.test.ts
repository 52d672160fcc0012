// jwt cookie mode: the access cookie expires (by the server's clock, moved by the test) while the
// refresh cookie is still good, and the browser stays signed in without the user doing anything;
// in-page calls through @tessera/client share a single refresh.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { BrowserTestServer as TestServer } from './support/browser-kit.js';
import {
  ACCESS_COOKIE,
  chromiumSkipReason,
  findCookie,
  launchChromium,
  newTestContext,
  PASSWORD,
  REFRESH_COOKIE,
  saveScreenshot,
  signInThroughForm,
  startBrowserServer,
  uniqueEmail,
  waitForValue,
} from './support/browser-kit.js';

const ACCESS_SECONDS = 900;
const LEEWAY_SECONDS = 60;

/** Counts the `POST /auth/refresh` requests the page sends from now on. */
function countRefreshes(page: Page, baseUrl: string): { readonly count: number } {
  const counter = { count: 0 };
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url() === `${baseUrl}/auth/refresh`) counter.count += 1;
  });
  return counter;
}

describe("jwt cookie mode refreshes behind the user's back", { skip: chromiumSkipReason() }, () => {
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

  it('an expired access cookie: opening /account ends signed in, with new access and refresh cookies', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const context = await newTestContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, server.url, email, PASSWORD);
    const access = (await findCookie(context, ACCESS_COOKIE))!.value;
    const refresh = (await findCookie(context, REFRESH_COOKIE))!.value;
    const refreshes = countRefreshes(page, server.url);

    server.clock.advanceSeconds(ACCESS_SECONDS + LEEWAY_SECONDS + 1);
    // The browser still holds the access cookie (its Max-Age runs on the browser's clock), but
    // the server now finds it expired.
    assert.equal(
      (await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: access } })).json.code,
      'token_expired',
    );
    await page.goto(`${server.url}/account`);
    const fresh = await waitForValue(async () => {
      const now = await findCookie(context, ACCESS_COOKIE);
      return now !== undefined && now.value !== access ? now : undefined;
    }, 'a new access cookie');
    await page.waitForURL(`${server.url}/account`);
    await page.locator('#devices').waitFor();
    assert.ok((await page.locator('body').innerText()).includes(email), 'signed in as the same user');
    const rotated = await findCookie(context, REFRESH_COOKIE);
    assert.ok(rotated, 'a refresh cookie is still there');
    assert.notEqual(rotated.value, refresh, 'the refresh cookie was rotated');
    assert.equal(refreshes.count, 1, 'exactly one refresh went over the wire');
    const me = await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: fresh.value } });
    assert.equal(me.status, 200, "the new access cookie is good by the server's clock");
    await context.close();
  });

  it('several concurrent in-page calls through /ui/client.js with an expired access cookie share one refresh', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const context = await newTestContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, server.url, email, PASSWORD);
    const access = (await findCookie(context, ACCESS_COOKIE))!.value;
    server.clock.advanceSeconds(ACCESS_SECONDS + LEEWAY_SECONDS + 1);
    const refreshes = countRefreshes(page, server.url);
    const meCalls: number[] = [];
    page.on('response', (response) => {
      if (response.url() === `${server.url}/auth/me`) meCalls.push(response.status());
    });

    // Runs in the page, as the page's own scripts would (the page's CSP allows 'self' scripts).
    const results = await page.evaluate<{ status: number; email: string | undefined }[]>(`(async () => {
      const { createTesseraFetch } = await import('/ui/client.js');
      const api = createTesseraFetch();
      const responses = await Promise.all(Array.from({ length: 5 }, () => api('/auth/me')));
      return Promise.all(responses.map(async (r) => ({ status: r.status, email: (await r.json()).user?.email })));
    })()`);

    assert.deepEqual(
      results,
      Array.from({ length: 5 }, () => ({ status: 200, email })),
      'every call succeeds, as the signed-in user',
    );
    assert.equal(refreshes.count, 1, 'exactly one POST /auth/refresh went over the wire');
    assert.equal(
      meCalls.filter((status) => status === 401).length,
      5,
      'each call first met the expired token',
    );
    assert.notEqual(
      (await findCookie(context, ACCESS_COOKIE))!.value,
      access,
      'the jar holds the new access cookie',
    );
    await context.close();
  });

  it('two tabs calling at once with an expired access cookie still send one refresh between them', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const context = await newTestContext(browser);
    const first = await context.newPage();
    await signInThroughForm(first, server.url, email, PASSWORD);
    // The inspector page runs no refresh of its own: only the calls below touch the tokens.
    await first.goto(`${server.url}/inspect`);
    const second = await context.newPage();
    await second.goto(`${server.url}/inspect`);
    server.clock.advanceSeconds(ACCESS_SECONDS + LEEWAY_SECONDS + 1);
    let refreshes = 0;
    context.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${server.url}/auth/refresh`) refreshes += 1;
    });

    const callThreeTimes = `(async () => {
      const { createTesseraFetch } = await import('/ui/client.js');
      const api = createTesseraFetch();
      const responses = await Promise.all([api('/auth/me'), api('/auth/me'), api('/auth/me')]);
      return responses.map((r) => r.status);
    })()`;
    const [statusesA, statusesB] = await Promise.all([
      first.evaluate<number[]>(callThreeTimes),
      second.evaluate<number[]>(callThreeTimes),
    ]);
    assert.deepEqual([...statusesA, ...statusesB], [200, 200, 200, 200, 200, 200]);
    assert.equal(refreshes, 1, 'one refresh for both tabs (Web Locks + BroadcastChannel)');
    await context.close();
  });

  it('without JavaScript the renewal costs one button press', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const context = await browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInThroughForm(page, server.url, email, PASSWORD);
    const access = (await findCookie(context, ACCESS_COOKIE))!.value;
    const refresh = (await findCookie(context, REFRESH_COOKIE))!.value;
    server.clock.advanceSeconds(ACCESS_SECONDS + LEEWAY_SECONDS + 1);

    await page.goto(`${server.url}/account`);
    assert.notEqual(new URL(page.url()).pathname, '/account', 'without a script nothing renews by itself');
    assert.equal((await findCookie(context, ACCESS_COOKIE))?.value ?? access, access);
    await saveScreenshot(page, 'continue-without-javascript');
    await Promise.all([
      page.waitForURL(`${server.url}/account`),
      page.getByRole('button', { name: 'Continue', exact: true }).click(),
    ]);
    await page.getByText(email).first().waitFor();
    assert.notEqual((await findCookie(context, ACCESS_COOKIE))?.value, access, 'a new access cookie');
    assert.notEqual((await findCookie(context, REFRESH_COOKIE))?.value, refresh, 'a rotated refresh cookie');
    await context.close();
  });

  // The account page schedules its next refresh. Compared with the browser's `Date.now()`, the
  // token's `exp` (server time) would look "already expired" to a browser whose clock runs ahead
  // of the server's (here by 20 minutes, more than the access-token lifetime) and every page load
  // would spend a refresh; so the page is told how many seconds the token has left instead.
  it("a browser whose clock runs ahead of the server's spends no refresh on opening /account", async () => {
    const behind = await startBrowserServer('jwt', {}, new Date(Date.now() - 20 * 60 * 1000));
    try {
      const email = uniqueEmail();
      await behind.register(email);
      const context = await newTestContext(browser);
      const page = await context.newPage();
      const refreshes = countRefreshes(page, behind.url);
      await signInThroughForm(page, behind.url, email, PASSWORD);
      await page.goto(`${behind.url}/account`);
      // The faulty schedule fires at once (a zero timeout) once the module loaded.
      await page.waitForLoadState('networkidle');
      assert.equal(refreshes.count, 0, 'a fresh access token needs no refresh');
      await context.close();
    } finally {
      await behind.close();
    }
  });
});
