// Email flows in Chromium, JavaScript off where it matters not: verify-email from a second browser
// that is not signed in, then forgot password → the link from the received mail → a new password →
// the first browser is signed out → sign in with the new password.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startMailServer, tokenFromMail, type MailServer } from '../mail-server.js';
import type { BrowserTestServer } from './support/browser-kit.js';
import {
  chromiumSkipReason,
  launchChromium,
  newTestContext,
  PASSWORD,
  registerThroughForm,
  saveScreenshot,
  signInThroughForm,
  startBrowserServer,
  submitForm,
  uniqueEmail,
} from './support/browser-kit.js';

const NEW_PASSWORD = 'a brand new passphrase 42';
/** Links point at TESSERA_PUBLIC_URL's default, `http://HOST:PORT` with the configured port 0. */
const LINK_BASE = 'http://127.0.0.1:0';

describe('email flows in a real browser', { skip: chromiumSkipReason() }, () => {
  let browser: Browser;
  let mail: MailServer;
  let server: BrowserTestServer;
  before(async () => {
    browser = await launchChromium();
    mail = await startMailServer();
    server = await startBrowserServer('session', { TESSERA_SMTP_URL: mail.url });
  });
  after(async () => {
    await server.close();
    await mail.close();
    await browser.close();
  });

  /** The link of a received mail, pointed at the test server's real port. */
  function linkOn(message: Parameters<typeof tokenFromMail>[0], page: string): string {
    const { token } = tokenFromMail(message, `${LINK_BASE}${page}?token=`);
    return `${server.url}${page}?token=${token}`;
  }

  it('verify from a second browser, then forgot → mailed link → reset → signed out everywhere → new password', async () => {
    const email = uniqueEmail('browser-email');
    const first = await newTestContext(browser);
    const pageA = await first.newPage();
    await registerThroughForm(pageA, server.url, email, PASSWORD);
    await pageA.locator('#unverified-banner').waitFor();

    // Verify in another browser that is not signed in: opening the link only shows the button.
    const verifyLink = linkOn(await mail.waitFor(email), '/verify-email');
    const second = await newTestContext(browser);
    const pageB = await second.newPage();
    await pageB.goto(verifyLink);
    await pageA.reload();
    assert.equal(await pageA.locator('#unverified-banner').count(), 1, 'opening the link confirmed nothing');
    await submitForm(pageB, '#verify-form', 'Confirm my address', `${server.url}/verify-email`);
    await pageB.locator('[role="status"]').waitFor();
    await pageA.reload();
    assert.equal(await pageA.locator('#unverified-banner').count(), 0);

    // Forgot password, from the sign-in page of the second browser.
    await pageB.goto(`${server.url}/login`);
    await pageB.getByRole('link', { name: 'Forgot password?' }).click();
    await pageB.waitForURL(`${server.url}/forgot-password`);
    await pageB.locator('#email').fill(email);
    await submitForm(pageB, '#forgot-form', 'Send me a link', `${server.url}/forgot-password`);
    await pageB.locator('#forgot-sent').waitFor();
    await saveScreenshot(pageB, 'forgot-password-sent');

    const resetLink = linkOn(
      await mail.waitFor(email, (m) => m.subject === 'Reset your password'),
      '/reset-password',
    );
    await pageB.goto(resetLink);
    await pageB.locator('#newPassword').fill(NEW_PASSWORD);
    await saveScreenshot(pageB, 'reset-password');
    await submitForm(pageB, '#reset-form', 'Set new password', `${server.url}/reset-password`);
    await pageB.locator('[role="status"]').waitFor();

    // The first browser was signed out by the reset.
    await pageA.goto(`${server.url}/account`);
    await pageA.waitForURL(/\/login$/);
    await signInThroughForm(pageB, server.url, email, NEW_PASSWORD);
    assert.equal(new URL(pageB.url()).pathname, '/account');
    await first.close();
    await second.close();
  });
});
