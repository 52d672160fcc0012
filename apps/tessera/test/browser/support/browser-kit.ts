// What the real-browser tests share: launching Debian's Chromium through playwright-core (never a
// downloaded browser), the server under test, a page on another loopback port for cross-site
// attacks, screenshots, and waiting for the browser to settle.
//
// Which host: the server listens on 127.0.0.1 and the tests open http://127.0.0.1:<port>.
// `__Host-` and `__Secure-` cookies must be `Secure`, and a browser only stores a `Secure` cookie
// set over plain http when the origin is "potentially trustworthy" (W3C Secure Contexts §3.1):
// Chromium counts both `localhost` and the whole 127.0.0.0/8 block, so both hosts keep the
// cookies (checked: Chromium 156 stores them from either). 127.0.0.1 is the server's own default
// HOST and needs no name resolution, and it leaves `localhost` free to be a *different site* for
// the cross-site attacker page (same host on another port is only a different origin; see
// cross-site.test.ts).
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CookieMode } from '@tessera/core';
import { createMemoryStore } from '@tessera/stores/memory';
import { chromium, type Browser, type BrowserContext, type Cookie, type Page } from 'playwright-core';
import { loadConfig } from '../../../src/load-config.js';
import { startServer } from '../../../src/start-server.js';
import {
  fastHasher,
  MemoryLogger,
  PASSWORD as TEST_PASSWORD,
  send,
  TEST_SECRET,
  TestClock,
  type HttpResult,
  type RequestOptions,
} from '../../harness.js';

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere on other machines. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where screenshots go (gitignored): `<repo>/test-results/screenshots/`. */
export const SCREENSHOT_DIR = join(
  new URL('../../../../../', import.meta.url).pathname,
  'test-results',
  'screenshots',
);

/** The password every browser test signs in with. */
export { PASSWORD, ACCESS_COOKIE, REFRESH_COOKIE, SESSION_COOKIE, uniqueEmail } from '../../harness.js';

/**
 * Why the browser tests cannot run here, or `false` when they can. In CI a missing Chromium is
 * not a reason: the tests run and fail at launch. Locally the reason is printed loudly.
 *
 * @example
 * describe('cookies in a real browser', { skip: chromiumSkipReason() }, () => { ... });
 */
export function chromiumSkipReason(): string | false {
  if (existsSync(CHROMIUM_PATH)) return false;
  if (process.env['CI'] === 'true') return false;
  const reason = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH); CI=true makes this a failure`;
  console.error(`\n!!!! SKIPPING the real-browser tests: ${reason}\n`);
  return reason;
}

/**
 * Launches headless Chromium from the system. `chromium.launch` gives the browser a fresh,
 * temporary user-data directory and removes it on close, so no profile state leaks between runs.
 *
 * @example
 * const browser = await launchChromium();
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: .ci/run installs it from Debian`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Running as root (containers, CI) needs --no-sandbox; the rest keeps the browser quiet and
    // off the network: no QUIC, no component or sync traffic, no first-run UI.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
}

/** The server under test, as the browser tests drive it. */
export interface BrowserTestServer {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** The server's clock: starts at the real time (the browser's), then moves only when the test says. */
  clock: TestClock;
  /** One raw HTTP exchange, outside the browser (to check what the server thinks of a cookie). */
  send(method: string, path: string, options?: RequestOptions): Promise<HttpResult>;
  /** Registers a user through the JSON API (the password is `PASSWORD`). */
  register(email: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server, in-process, on an ephemeral port of 127.0.0.1, with a clock the test moves.
 * The clock starts at the real time so that server and browser agree on "now" until the test
 * moves the server on (pages may compare server times with the browser's clock);
 * `startAt` sets another start.
 *
 * @example
 * const server = await startBrowserServer('jwt');
 */
export async function startBrowserServer(
  cookieMode: CookieMode,
  env: Record<string, string> = {},
  startAt: Date = new Date(),
): Promise<BrowserTestServer> {
  const clock = new TestClock(startAt.getTime());
  const config = loadConfig({
    PORT: '0',
    TESSERA_SECRET: TEST_SECRET,
    TESSERA_COOKIE_MODE: cookieMode,
    // Tests sign many users up from 127.0.0.1 (the limit has its own test).
    TESSERA_REGISTER_MAX_PER_IP: '100000',
    ...env,
  });
  const running = await startServer(config, {
    clock,
    logger: new MemoryLogger(),
    store: createMemoryStore(),
    passwordHasher: fastHasher,
    shutdownGraceMs: 2000,
  });
  const sendTo = (method: string, path: string, options?: RequestOptions) =>
    send(running.url, method, path, options);
  return {
    url: running.url,
    clock,
    send: sendTo,
    async register(email) {
      const result = await sendTo('POST', '/auth/register', { body: { email, password: TEST_PASSWORD } });
      if (result.status !== 201) throw new Error(`register failed: ${result.status} ${result.text}`);
    },
    close: () => running.close(),
  };
}

/** A page served from another loopback port: the attacker's site. */
export interface AttackerSite {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Serves `html` at `path` (no CSP: the attacker writes inline script as it likes). */
  setPage(path: string, html: string): void;
  close(): Promise<void>;
}

/**
 * A plain `node:http` server on 127.0.0.1 (another port than the server under test) that serves
 * whatever pages the test sets.
 *
 * @example
 * const attacker = await startAttackerSite();
 * attacker.setPage('/post', autoSubmitForm(`${server.url}/logout`, {}));
 */
export async function startAttackerSite(): Promise<AttackerSite> {
  const pages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (html === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPage: (path, html) => pages.set(path, html),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An HTML page that submits a urlencoded form POST to `action` as soon as it loads.
 *
 * @example
 * autoSubmitForm('http://127.0.0.1:3000/login', { email: 'a@example.com', password: 'x' })
 */
export function autoSubmitForm(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return `<!doctype html><title>Win a prize</title><form method="post" action="${escapeHtml(action)}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Saves a full-page screenshot as `test-results/screenshots/<name>.png` and returns the path.
 *
 * @example
 * await saveScreenshot(page, 'login');
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The cookie `name` from the context's own jar (HttpOnly ones included), or undefined.
 *
 * @example
 * const session = await findCookie(context, SESSION_COOKIE);
 */
export async function findCookie(context: BrowserContext, name: string): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name === name);
}

/**
 * Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`
 * with the last value in the message.
 *
 * @example
 * const fresh = await waitForValue(async () => (await findCookie(context, ACCESS_COOKIE))?.value !== old || undefined);
 */
export async function waitForValue<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Signs in through the `/login` form (filled and submitted like a user would) and waits for
 * `/account`; returns the `Set-Cookie` lines of the POST's answer.
 *
 * @example
 * await signInThroughForm(page, server.url, email, PASSWORD);
 */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<string[]> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  return submitForm(page, '#login-form', 'Sign in', `${baseUrl}/account`);
}

/**
 * Registers through the `/register` form and waits for `/account`; returns the `Set-Cookie` lines
 * of the POST's answer.
 *
 * @example
 * await registerThroughForm(page, server.url, uniqueEmail(), PASSWORD);
 */
export async function registerThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<string[]> {
  await page.goto(`${baseUrl}/register`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  return submitForm(page, '#register-form', 'Create account', `${baseUrl}/account`);
}

/**
 * A fresh context (its own cookie jar) whose waits give up after 10 s instead of playwright's 30 s,
 * so a broken page fails the test quickly.
 *
 * @example
 * const context = await newTestContext(browser);
 */
export async function newTestContext(browser: Browser, userAgent?: string): Promise<BrowserContext> {
  const context = await browser.newContext(userAgent === undefined ? {} : { userAgent });
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * Submits the form `formSelector` with its button `buttonName` and returns the `Set-Cookie` lines
 * of the POST's answer as the wire carried them, once the browser has reached `landing`.
 *
 * @example
 * const lines = await submitForm(page, '#login-form', 'Sign in', `${url}/account`);
 */
export async function submitForm(
  page: Page,
  formSelector: string,
  buttonName: string,
  landing: string | RegExp,
): Promise<string[]> {
  const form = page.locator(formSelector);
  const action = new URL((await form.getAttribute('action')) ?? '', page.url()).href;
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === action),
    page.waitForURL(landing),
    form.getByRole('button', { name: buttonName, exact: true }).click(),
  ]);
  const lines: string[] = [];
  for (const { name, value } of await response.headersArray()) {
    if (name.toLowerCase() === 'set-cookie') lines.push(...value.split('\n'));
  }
  return lines;
}
