// jwt cookie mode: the account page's script renews the access cookie before it expires, paced by
// the token's lifetime. With a short lifetime (here 2 s) a fixed lead longer than the lifetime made
// it refresh in a tight loop (29 refreshes in 5 s); it must renew at most a couple of times per lifetime.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { BrowserTestServer as TestServer } from './support/browser-kit.js';
import {
  chromiumSkipReason,
  launchChromium,
  newTestContext,
  PASSWORD,
  signInThroughForm,
  startBrowserServer,
  uniqueEmail,
} from './support/browser-kit.js';

const ACCESS_TTL_SECONDS = 2;
/** How long the page is watched: a few lifetimes. */
const WATCH_MS = 5_000;

describe(
  'jwt cookie mode: the account page renews at the pace of the token lifetime',
  { skip: chromiumSkipReason() },
  () => {
    let browser: Browser;
    let server: TestServer;
    before(async () => {
      browser = await launchChromium();
      server = await startBrowserServer('jwt', { TESSERA_ACCESS_TTL: String(ACCESS_TTL_SECONDS) });
    });
    after(async () => {
      await server.close();
      await browser.close();
    });

    it('with a 2 s access lifetime it renews at most twice per lifetime, and keeps renewing', async () => {
      const email = uniqueEmail();
      await server.register(email);
      const context = await newTestContext(browser);
      const page = await context.newPage();
      let count = 0;
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url() === `${server.url}/auth/refresh`) {
          count += 1;
        }
      });
      const started = Date.now();
      await signInThroughForm(page, server.url, email, PASSWORD);
      await page.waitForTimeout(WATCH_MS);
      const watchedSeconds = (Date.now() - started) / 1000;

      // One renewal per half lifetime at the very most (the page renews later than that), plus the
      // first, however slowly or quickly this machine ran: the bound grows with the time watched.
      const bound = 1 + Math.floor(watchedSeconds / (ACCESS_TTL_SECONDS / 2));
      assert.ok(count <= bound, `${count} refreshes in ${watchedSeconds} s; at most ${bound} expected`);
      assert.ok(count >= 1, 'a token that lives 2 s was renewed in the seconds watched');
      await context.close();
    });
  },
);
