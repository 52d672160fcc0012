// Provider sign-in in a real browser (Chromium): from the "Continue with …" button on /login through
// oidc-provider's own login and consent pages, back to the account page signed in, in session mode
// and in jwt cookie mode (SQLite).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '@tessera/stores/sqlite';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../harness.js';
import { startOidcProvider, type RunningOidcProvider } from '../oauth/start-oidc-provider.js';
import { freePort, startTesseraWithProviders } from '../oauth/tessera-with-provider.js';
import {
  ACCESS_COOKIE,
  chromiumSkipReason,
  launchChromium,
  newTestContext,
  SESSION_COOKIE,
  uniqueEmail,
} from './support/browser-kit.js';

describe('provider sign-in in Chromium', { skip: chromiumSkipReason() }, () => {
  let browser: Browser;
  let provider: RunningOidcProvider;
  const servers: Record<'session' | 'jwt', TestServer> = {} as Record<'session' | 'jwt', TestServer>;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-oauth-browser-'));
    const ports = { session: await freePort(), jwt: await freePort() };
    provider = await startOidcProvider(
      Object.values(ports).map((port) => `http://127.0.0.1:${port}/auth/oauth/local/callback`),
    );
    for (const mode of ['session', 'jwt'] as const) {
      servers[mode] = await startTesseraWithProviders(
        ports[mode],
        [
          {
            id: 'local',
            issuer: provider.issuer,
            clientId: provider.clientId,
            clientSecret: provider.clientSecret,
          },
        ],
        { TESSERA_COOKIE_MODE: mode },
        openSqliteStore({ path: join(dataDir, `${mode}.db`) }),
      );
    }
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await Promise.all(Object.values(servers).map((server) => server.close()));
    await provider.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const mode of ['session', 'jwt'] as const) {
    it(`${mode} mode: the button, the provider's pages, and back on /account signed in`, async () => {
      const server = servers[mode];
      const email = uniqueEmail(`browser-oidc-${mode}`);
      provider.accounts.set(`browser-${mode}`, { email, emailVerified: true });
      const context = await newTestContext(browser);
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/login`);
        await page.getByRole('link', { name: /Continue with\s+local/ }).click();
        // oidc-provider's development login page, then its consent page.
        await page.waitForURL(`${provider.issuer}/interaction/**`);
        await page.locator('input[name="login"]').fill(`browser-${mode}`);
        await page.locator('input[name="password"]').fill('anything');
        await page.locator('button[type="submit"]').click();
        await page.waitForURL(`${provider.issuer}/interaction/**`);
        await page.locator('button[type="submit"]').click();
        await page.waitForURL(`${server.url}/account`);
        assert.equal(await page.locator('#account-email').textContent(), email);
        assert.match(await page.locator('#identities').innerText(), /local/);
        const cookies = await context.cookies(server.url);
        const names = cookies.map((cookie) => cookie.name);
        assert.ok(names.includes(mode === 'session' ? SESSION_COOKIE : ACCESS_COOKIE), names.join(', '));
        // The flow cookie is gone once used.
        assert.ok(!names.includes('__Host-tessera-oauth'), names.join(', '));
      } finally {
        await context.close();
      }
    });
  }

  it('an address a password account has: back on /login with the message, not signed in', async () => {
    const server = servers.session;
    const email = uniqueEmail('browser-oidc-taken');
    await server.register(email);
    provider.accounts.set('browser-taken', { email, emailVerified: true });
    const context = await newTestContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.getByRole('link', { name: /Continue with\s+local/ }).click();
      await page.waitForURL(`${provider.issuer}/interaction/**`);
      await page.locator('input[name="login"]').fill('browser-taken');
      await page.locator('input[name="password"]').fill('anything');
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${provider.issuer}/interaction/**`);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${server.url}/login?error=account_exists`);
      assert.match(await page.locator('.alert').innerText(), /already exists/);
      const names = (await context.cookies(server.url)).map((cookie) => cookie.name);
      assert.ok(!names.includes(SESSION_COOKIE), names.join(', '));
    } finally {
      await context.close();
    }
  });
});
