// Cross-site form posts, sent by a real browser from a real attacker page. Two attacker hosts:
//
// - http://127.0.0.1:<other port> is another *origin* but the *same site* (a site is scheme +
//   host; ports do not count), so the browser attaches the victim's SameSite=Lax cookies to the
//   POST. SameSite does not help here; only the server's Origin / Sec-Fetch-Site check does.
// - http://localhost:<other port> is another site: Lax cookies stay home, and the check must
//   still refuse the login (login CSRF needs no cookie at all).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserTestServer as TestServer } from './support/browser-kit.js';
import {
  ACCESS_COOKIE,
  autoSubmitForm,
  chromiumSkipReason,
  findCookie,
  launchChromium,
  newTestContext,
  PASSWORD,
  registerThroughForm,
  saveScreenshot,
  SESSION_COOKIE,
  startAttackerSite,
  startBrowserServer,
  uniqueEmail,
  type AttackerSite,
} from './support/browser-kit.js';

const modes = [
  ['session', SESSION_COOKIE],
  ['jwt', ACCESS_COOKIE],
] as const;

/** The session a credential belongs to: `<id>.<secret>` for a session cookie, the `sid` claim of an access JWT. */
function sessionIdOf(value: string): string {
  const parts = value.split('.');
  if (parts.length === 2) return parts[0]!;
  return (JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { sid: string }).sid;
}

describe('cross-site form posts in a real browser', { skip: chromiumSkipReason() }, () => {
  let browser: Browser;
  let attacker: AttackerSite;
  before(async () => {
    browser = await launchChromium();
    attacker = await startAttackerSite();
  });
  after(async () => {
    await attacker.close();
    await browser.close();
  });

  for (const [mode, cookieName] of modes) {
    describe(`${mode} mode`, () => {
      let server: TestServer;
      /** One victim per mode, signed in through the form: every attack below must leave them signed in. */
      let victim: { context: BrowserContext; page: Page; email: string; cookie: string };
      before(async () => {
        server = await startBrowserServer(mode);
        const context = await newTestContext(browser);
        const page = await context.newPage();
        const email = uniqueEmail('victim');
        await registerThroughForm(page, server.url, email, PASSWORD);
        victim = { context, page, email, cookie: (await findCookie(context, cookieName))!.value };
      });
      after(async () => {
        await server.close();
      });

      /** Visits the attacker page and waits for the browser to land on the server's answer to the forged POST. */
      async function visitAttack(page: Page, attackerOrigin: string, path: string) {
        const target = `${server.url}${path}`;
        const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url() === target);
        const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === target);
        await page.goto(`${attackerOrigin}/attack${path}`);
        const request = await posted;
        const response = await answered;
        await page.waitForURL(target);
        await page.waitForLoadState();
        return { requestHeaders: await request.allHeaders(), status: response.status() };
      }

      async function assertRefusalPage(page: Page): Promise<void> {
        const alert = page.locator('[role="alert"][data-code="csrf_rejected"]');
        assert.equal(await alert.count(), 1, 'the refusal page carries data-code="csrf_rejected"');
        assert.ok(await alert.isVisible(), 'and says so visibly');
        assert.notEqual((await alert.innerText()).trim(), '', 'in words');
      }

      async function assertStillSignedIn(context: BrowserContext, page: Page, email: string, cookie: string) {
        const now = (await findCookie(context, cookieName))?.value;
        assert.ok(now, 'the victim keeps their cookie');
        // The account page keeps a jwt-mode access cookie fresh by itself, so compare sessions, not bytes.
        assert.equal(sessionIdOf(now), sessionIdOf(cookie), "the same session, not the attacker's");
        await page.goto(`${server.url}/account`);
        assert.equal(new URL(page.url()).pathname, '/account', 'the victim is still signed in');
        assert.ok((await page.locator('body').innerText()).includes(email), 'as themselves');
      }

      for (const [where, host] of [
        ['another port of the same host (same site)', '127.0.0.1'],
        ['another site (localhost)', 'localhost'],
      ] as const) {
        it(`a login form posted from ${where} → 403 refusal page; the victim stays signed in as themselves`, async () => {
          // Login CSRF: sign the victim into the attacker's account so the victim's actions land there.
          const attackerEmail = uniqueEmail('attacker');
          await server.register(attackerEmail);
          attacker.setPage(
            '/attack/login',
            autoSubmitForm(`${server.url}/login`, { email: attackerEmail, password: PASSWORD }),
          );
          const origin = attacker.url.replace('127.0.0.1', host);
          const { requestHeaders, status } = await visitAttack(victim.page, origin, '/login');
          assert.equal(requestHeaders['origin'], origin, 'the browser named the attacker as the origin');
          assert.equal(status, 403);
          await assertRefusalPage(victim.page);
          if (host === '127.0.0.1') await saveScreenshot(victim.page, `csrf-refused-${mode}`);
          await assertStillSignedIn(victim.context, victim.page, victim.email, victim.cookie);
        });
      }

      it("a logout form posted from another port, with the victim's cookie attached → 403; the session survives", async () => {
        attacker.setPage('/attack/logout', autoSubmitForm(`${server.url}/logout`, {}));
        const { requestHeaders, status } = await visitAttack(victim.page, attacker.url, '/logout');
        // Same site: SameSite=Lax let the cookie through, so only the server's check stands between.
        assert.ok(
          (requestHeaders['cookie'] ?? '').includes(`${cookieName}=`),
          "the browser attached the victim's cookie to the forged POST",
        );
        assert.equal(status, 403);
        await assertRefusalPage(victim.page);
        await assertStillSignedIn(victim.context, victim.page, victim.email, victim.cookie);
      });

      it('a "sign out everywhere" form posted from another port → 403; the session survives', async () => {
        attacker.setPage(
          '/attack/account/logout-all',
          autoSubmitForm(`${server.url}/account/logout-all`, {}),
        );
        const { status } = await visitAttack(victim.page, attacker.url, '/account/logout-all');
        assert.equal(status, 403);
        await assertRefusalPage(victim.page);
        await assertStillSignedIn(victim.context, victim.page, victim.email, victim.cookie);
      });
    });
  }
});
