// examples/next-app for real (DESIGN §10): one `next build`, then `next start` on loopback, driven by
// Chromium. The protected page is served to the signed-in user and redirects the anonymous one; in
// jwt cookie mode a session revoked elsewhere is refused on its very next request (the revocation is
// pushed to the access-token check, not waited out until `exp`). The same build's SPA page talks to
// a Tessera server on another origin (TESSERA_CORS_ORIGINS) with real preflights and cookies.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  chromiumSkipReason,
  findCookie,
  launchChromium,
  PASSWORD,
  saveScreenshot,
  startBrowserServer,
  uniqueEmail,
  type BrowserTestServer,
} from './support/browser-kit.js';

const repoRoot = new URL('../../../../', import.meta.url).pathname;
const appDir = join(repoRoot, 'examples', 'next-app');
const nextBin = join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

function freePort(): Promise<number> {
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

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(result.status, 0, `${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output()}`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`next start did not answer in time:\n${output()}`);
}

async function signUp(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/login`);
  const form = page.getByRole('form', { name: 'Sign up' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${origin}/dashboard`);
}

async function signIn(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/login`);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${origin}/dashboard`);
}

describe('docs/getting-started-next.md', () => {
  it('shows the example files verbatim, so the code on the page is the code this test runs', () => {
    const page = readFileSync(join(repoRoot, 'docs', 'getting-started-next.md'), 'utf8');
    for (const file of [
      'lib/tessera.ts',
      'app/auth/[...tessera]/route.ts',
      'proxy.ts',
      'app/dashboard/page.ts',
      'app/api/profile/route.ts',
      'app/actions.ts',
    ]) {
      const code = readFileSync(join(appDir, file), 'utf8');
      assert.ok(page.includes('```ts\n' + code + '```\n'), `${file} differs from the page: copy it in`);
    }
  });
});

describe('examples/next-app: next build + next start, in Chromium', { skip: chromiumSkipReason() }, () => {
  let dataDir: string | undefined;
  let next: ChildProcess | undefined;
  let origin: string;
  let authServer: BrowserTestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const context = await browser!.newContext();
    contexts.push(context);
    return context;
  };

  before(
    async () => {
      // Tessera's packages as Next.js loads them (dist/), then the app, built once for every test.
      run([join(repoRoot, 'scripts', 'build.mjs'), '--if-stale']);
      run([nextBin, 'build', appDir]);
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      // The SPA's auth server: another origin of the same site, which lists the app's origin.
      const spaServer = await startBrowserServer('jwt', { TESSERA_CORS_ORIGINS: origin });
      authServer = spaServer;
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-next-app-'));
      let output = '';
      const child = spawn(
        process.execPath,
        [nextBin, 'start', appDir, '-p', String(port), '-H', '127.0.0.1'],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            NEXT_TELEMETRY_DISABLED: '1',
            TESSERA_DATA_DIR: dataDir,
            TESSERA_SECRET: 'next-app-test-secret-0123456789-abcdefghijklmnop',
            TESSERA_COOKIE_MODE: 'jwt',
            TESSERA_SPA_AUTH_URL: spaServer.url,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      next = child;
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitUntilServing(`${origin}/login`, child, () => output);
      browser = await launchChromium();
    },
    { timeout: 600_000 },
  );

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    const child = next;
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await authServer?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the protected page redirects the anonymous visitor to sign in, and its route handler answers 401', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${origin}/dashboard`);
    assert.equal(page.url(), `${origin}/login?next=%2Fdashboard`);
    const profile = await page.evaluate(async () => (await fetch('/api/profile')).status);
    assert.equal(profile, 401);
  });

  it('sign up and sign in through the server actions; the protected page and route handler serve the user', async () => {
    const email = uniqueEmail('next');
    const context = await newContext();
    const page = await context.newPage();
    await signUp(page, origin, email);
    assert.equal(await page.locator('#who').textContent(), `Signed in as ${email}`);
    const access = await findCookie(context, '__Host-tessera-access');
    assert.ok(access?.httpOnly && access.secure, 'jwt cookie mode: an HttpOnly, Secure access cookie');
    const profile = await page.evaluate(async () => await (await fetch('/api/profile')).json());
    assert.deepEqual((profile as { email: string; proof: string }).email, email);
    await saveScreenshot(page, 'next-app-dashboard');

    const again = await (await newContext()).newPage();
    await signIn(again, origin, email);
    assert.equal(await again.locator('#devices li').count(), 2, 'the device list shows both browsers');
  });

  it('jwt cookie mode: "sign out everywhere" in one browser refuses the other on its next request', async () => {
    const email = uniqueEmail('next-revoke');
    const first = await (await newContext()).newPage();
    await signUp(first, origin, email);
    const second = await (await newContext()).newPage();
    await signIn(second, origin, email);
    await second.getByRole('button', { name: 'Sign out everywhere' }).click();
    await second.waitForURL(`${origin}/login`);
    // The first browser's access cookie is minutes from its exp, and still refused at once: by the
    // route handler, then by the proxy in front of the page (which also expires the dead cookies).
    const profile = await first.evaluate(async () => await (await fetch('/api/profile')).json());
    assert.equal((profile as { code: string }).code, 'session_revoked');
    await first.goto(`${origin}/dashboard`);
    assert.equal(first.url(), `${origin}/login?next=%2Fdashboard`);
  });

  it('the React SPA signs in to a Tessera server on another origin: CORS preflights, cookies, useAuth()', async () => {
    const email = uniqueEmail('spa');
    const spaServer = authServer!;
    await spaServer.register(email);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/spa`);
    // `/auth/me` answered 401 cross-origin, and the page could read it: signed out.
    await page.locator('#status', { hasText: 'signed-out' }).waitFor();
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#error', { hasText: 'invalid_credentials' }).waitFor();
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#status', { hasText: `signed-in as ${email}` }).waitFor();
    // The cookies are the auth server's, stored by the browser from a cross-origin answer.
    const cookies = await context.cookies(spaServer.url);
    assert.ok(cookies.some((cookie) => cookie.name === '__Host-tessera-access'));
    // A new page load reads the sign-in back from the other origin.
    await page.reload();
    await page.locator('#status', { hasText: `signed-in as ${email}` }).waitFor();
    await page.locator('#sign-out').click();
    await page.locator('#status', { hasText: 'signed-out' }).waitFor();
    const me = await spaServer.send('GET', '/auth/me', {
      cookies: Object.fromEntries(cookies.map((cookie) => [cookie.name, cookie.value])),
    });
    assert.equal(me.status, 401, 'signing out in the SPA ended the session on the server');
  });
});
