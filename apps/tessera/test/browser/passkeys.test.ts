// Passkeys in a real browser: Chromium's virtual authenticator (CDP WebAuthn domain: CTAP2, internal,
// resident keys, user verification) registers a passkey from the account page, and signs in with it
// from the sign-in page after signing out. User verification off, and a removed passkey, are refused.
// The server runs with TESSERA_PUBLIC_URL=http://localhost:<port>: WebAuthn needs a domain name as
// RP ID, and localhost is a secure context to Chromium.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { BrowserTestServer } from './support/browser-kit.js';
import {
  chromiumSkipReason,
  launchChromium,
  newTestContext,
  PASSWORD,
  registerThroughForm,
  saveScreenshot,
  startBrowserServer,
  uniqueEmail,
} from './support/browser-kit.js';

/** A free port of 127.0.0.1, so the public URL can name it before the server starts. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A virtual platform authenticator on `page` (CTAP2, internal, resident keys, user verification). */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function signOut(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/account`);
  await Promise.all([page.waitForURL(`${baseUrl}/login`), page.locator('#logout-form button').click()]);
}

/** Clicks "Sign in with a passkey" and waits for the account page. */
async function signInWithPasskey(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await Promise.all([
    page.waitForURL(`${baseUrl}/account`),
    page.getByRole('button', { name: 'Sign in with a passkey' }).click(),
  ]);
}

/** Clicks "Sign in with a passkey" and resolves the problem code the page shows. */
async function refusedPasskeySignIn(page: Page, baseUrl: string): Promise<string | null> {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  const alert = page.locator('#passkey-status .alert');
  await alert.waitFor();
  assert.equal(page.url(), `${baseUrl}/login`);
  return alert.getAttribute('data-code');
}

async function isSignedIn(page: Page, baseUrl: string): Promise<boolean> {
  const response = await page.context().request.get(`${baseUrl}/auth/me`);
  return response.status() === 200;
}

describe('passkeys in a real browser', { skip: chromiumSkipReason() }, () => {
  let browser: Browser;
  let server: BrowserTestServer;
  let baseUrl: string;

  before(async () => {
    browser = await launchChromium();
    const port = await findFreePort();
    baseUrl = `http://localhost:${port}`;
    server = await startBrowserServer('session', { PORT: String(port), TESSERA_PUBLIC_URL: baseUrl });
  });
  after(async () => {
    await server.close();
    await browser.close();
  });

  it('registers a passkey on the account page, then signs in with it after signing out', async () => {
    const context = await newTestContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await addVirtualAuthenticator(page);
    const email = uniqueEmail('passkey');
    await registerThroughForm(page, baseUrl, email, PASSWORD);

    await page.locator('#passkey-name').fill('Virtual key');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Add a passkey' }).click(),
    ]);
    await page.locator('#passkey-list').waitFor();
    assert.deepEqual(await page.locator('#passkey-list .passkey-name').allTextContents(), ['Virtual key']);
    await saveScreenshot(page, 'account-passkeys');

    await signOut(page, baseUrl);
    assert.equal(await isSignedIn(page, baseUrl), false);
    await saveScreenshot(page, 'sign-in-passkey');
    await signInWithPasskey(page, baseUrl);
    assert.equal(await isSignedIn(page, baseUrl), true);
    assert.match(
      (await page.locator('#account-email').textContent()) ?? '',
      new RegExp(email.replace('.', '\\.')),
    );
    assert.notEqual(await page.locator('#passkey-list time').count(), 1, 'last used is now shown too');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('refuses a sign-in without user verification, and with a removed passkey', async () => {
    const context = await newTestContext(browser);
    const page = await context.newPage();
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    await registerThroughForm(page, baseUrl, uniqueEmail('passkey'), PASSWORD);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Add a passkey' }).click(),
    ]);
    await page.locator('#passkey-list').waitFor();
    await signOut(page, baseUrl);

    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await refusedPasskeySignIn(page, baseUrl);
    assert.equal(await isSignedIn(page, baseUrl), false);
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });

    await signInWithPasskey(page, baseUrl);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Remove' }).click()]);
    assert.equal(await page.locator('#passkey-list').count(), 0);
    await signOut(page, baseUrl);
    // The authenticator still holds the credential; the server no longer knows it.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(await refusedPasskeySignIn(page, baseUrl), 'invalid_credentials');
    assert.equal(await isSignedIn(page, baseUrl), false);
    await context.close();
  });

  it('adding a passkey on an old sign-in goes to "confirm it is you", and works after it', async () => {
    const context = await newTestContext(browser);
    const page = await context.newPage();
    await addVirtualAuthenticator(page);
    await registerThroughForm(page, baseUrl, uniqueEmail('passkey'), PASSWORD);
    server.clock.advanceSeconds(601);
    await Promise.all([
      page.waitForURL(`${baseUrl}/account/reauthenticate`),
      page.getByRole('button', { name: 'Add a passkey' }).click(),
    ]);
    assert.equal(await page.locator('#passkey-list').count(), 0);
    await saveScreenshot(page, 'reauthenticate');
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(`${baseUrl}/account`),
      page.locator('#reauthenticate-password-form button').click(),
    ]);
    await page.getByRole('status').getByText('Now try the change again.').waitFor();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Add a passkey' }).click(),
    ]);
    await page.locator('#passkey-list').waitFor();
    await context.close();
  });

  it('without JavaScript the passkey buttons are not shown, and a note says why', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    assert.equal(await page.getByRole('button', { name: 'Sign in with a passkey' }).isVisible(), false);
    assert.match((await page.locator('main').textContent()) ?? '', /Passkeys need JavaScript/);
    await context.close();
  });
});
