// Two-step verification set up in a real browser: the QR code the server draws must actually show
// under the page's CSP (a data: SVG image), the key must read back from the page, and a code
// computed from it by the real clock (RFC 6238 by `otpauth`) turns it on; then signing in asks for a
// code. The server's clock starts at the real time, so the browser and the server agree.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import type { BrowserTestServer } from './support/browser-kit.js';
import {
  chromiumSkipReason,
  launchChromium,
  newTestContext,
  PASSWORD,
  registerThroughForm,
  saveScreenshot,
  startBrowserServer,
  submitForm,
  uniqueEmail,
} from './support/browser-kit.js';

function codeNow(secret: string, server: BrowserTestServer): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: server.clock.now().getTime(),
  });
}

/** Console errors (a CSP violation is one) and uncaught page errors. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  return problems;
}

describe('two-step verification in a real browser', { skip: chromiumSkipReason() }, () => {
  let browser: Browser;
  let server: BrowserTestServer;

  before(async () => {
    browser = await launchChromium();
    server = await startBrowserServer('session');
  });
  after(async () => {
    await server.close();
    await browser.close();
  });

  it('shows the QR code and key, turns on with a code from them, then sign-in asks for a code', async () => {
    const context = await newTestContext(browser);
    const page = await context.newPage();
    const problems = watchProblems(page);
    const email = uniqueEmail('two-step');
    await registerThroughForm(page, server.url, email, PASSWORD);

    await submitForm(
      page,
      '#totp-start-form',
      'Set up an authenticator app',
      `${server.url}/account/mfa/totp`,
    );
    const qr = page.locator('#totp-qr-code');
    await qr.waitFor();
    // Drawn, not blocked: the image decoded to its full size under `img-src 'self' data:`.
    const naturalWidth = () =>
      qr.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth);
    assert.ok((await naturalWidth()) > 0, 'the QR code image shows');
    const secret = (await page.locator('#totp-secret').getAttribute('data-secret')) ?? '';
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal((await page.locator('#totp-secret').textContent())?.replace(/\s/g, ''), secret);
    await saveScreenshot(page, 'two-step-setup');

    // A mistyped code: the same QR code and key again, drawn from the server's copy (the form sends
    // the code alone: no hidden field carries the key).
    assert.equal(await page.locator('#totp-confirm-form input[type="hidden"]').count(), 0);
    const wrongCode = String((Number(codeNow(secret, server)) + 1) % 1_000_000).padStart(6, '0');
    await page.locator('#code').fill(wrongCode);
    await submitForm(page, '#totp-confirm-form', 'Turn on', `${server.url}/account/mfa/totp/confirm`);
    await page.locator('[role="alert"][data-code="invalid_code"]').waitFor();
    await qr.waitFor();
    assert.ok((await naturalWidth()) > 0, 'the QR code shows again');
    assert.equal(await page.locator('#totp-secret').getAttribute('data-secret'), secret);
    assert.equal(await page.locator('#totp-confirm-form input[type="hidden"]').count(), 0);
    // Chromium reports the page's 400 status itself; nothing else (no CSP violation) is allowed.
    assert.deepEqual(problems.splice(0), [
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);

    await page.locator('#code').fill(codeNow(secret, server));
    await submitForm(page, '#totp-confirm-form', 'Turn on', `${server.url}/account/mfa/totp/confirm`);
    await page.locator('#recovery-codes').waitFor();
    const codes = await page.locator('#recovery-codes code').allTextContents();
    assert.equal(codes.length, 10);
    await saveScreenshot(page, 'two-step-recovery-codes');

    await page.getByRole('link', { name: 'I have saved them' }).click();
    await page.waitForURL(`${server.url}/account`);
    assert.equal(await page.locator('#mfa-state').getAttribute('data-state'), 'on');
    assert.equal(await page.locator('#recovery-codes-left').getAttribute('data-left'), '10');
    await saveScreenshot(page, 'account-two-step-on');

    await submitForm(page, '#logout-form', 'Sign out', `${server.url}/login`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await submitForm(page, '#login-form', 'Sign in', `${server.url}/login`);
    await page.locator('#mfa-form').waitFor();
    // The confirming code's time step is spent: the next code is from the next step.
    server.clock.advanceSeconds(30);
    await page.locator('#code').fill(codeNow(secret, server));
    await submitForm(page, '#mfa-form', 'Verify', `${server.url}/account`);
    assert.equal(await page.locator('#mfa-state').getAttribute('data-state'), 'on');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
