// A tour of the pages in a real browser: each one rendered under its strict CSP with no error in
// the console, the forms' errors in words, the token inspector working entirely in the page,
// signing in with the keyboard alone; a screenshot of each page for a human to look at.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserTestServer as TestServer } from './support/browser-kit.js';
import {
  chromiumSkipReason,
  launchChromium,
  newTestContext,
  PASSWORD,
  saveScreenshot,
  startBrowserServer,
  submitForm,
  uniqueEmail,
} from './support/browser-kit.js';

const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
];

describe('the pages in a real browser', { skip: chromiumSkipReason() }, () => {
  let browser: Browser;
  let server: TestServer;
  let context: BrowserContext | undefined;
  let page: Page;
  /** Console errors (a CSP violation is one) and uncaught page errors, per test. */
  let problems: string[];

  before(async () => {
    browser = await launchChromium();
    server = await startBrowserServer('session');
  });
  after(async () => {
    await context?.close();
    await server.close();
    await browser.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await newTestContext(browser);
    page = await context.newPage();
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });

  /** Opens `path`, checks its CSP header, and returns the page. */
  async function open(path: string): Promise<void> {
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response?.status(), 200, `${path} answers 200`);
    const csp = (await response.headerValue('content-security-policy')) ?? '';
    for (const directive of CSP_DIRECTIVES)
      assert.ok(csp.includes(directive), `${path} CSP has ${directive}: ${csp}`);
    assert.match((await response.headerValue('content-type')) ?? '', /^text\/html/);
  }

  it('/login: the form, labelled fields, a link to /register', async () => {
    await open('/login');
    const form = page.locator('form#login-form[method="post"][action="/login"]');
    assert.equal(await form.count(), 1);
    assert.equal(await page.getByLabel('Email', { exact: true }).getAttribute('id'), 'email');
    assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('id'), 'password');
    assert.equal(await page.locator('#email').getAttribute('autocomplete'), 'username');
    assert.equal(await page.locator('#password').getAttribute('autocomplete'), 'current-password');
    assert.ok((await page.locator('a[href="/register"]').count()) >= 1, 'a link to /register');
    await saveScreenshot(page, 'login');
    assert.deepEqual(problems, []);
  });

  it('/register: the form, labelled fields, a link to /login', async () => {
    await open('/register');
    assert.equal(await page.locator('form#register-form[method="post"][action="/register"]').count(), 1);
    assert.equal(await page.getByLabel('Email', { exact: true }).getAttribute('id'), 'email');
    assert.equal(
      await page.getByLabel('Password', { exact: true }).getAttribute('autocomplete'),
      'new-password',
    );
    assert.ok((await page.locator('a[href="/login"]').count()) >= 1, 'a link to /login');
    await saveScreenshot(page, 'register');
    assert.deepEqual(problems, []);
  });

  it('/login with a wrong password: 401, the problem in words, the email kept, the password not echoed', async () => {
    const email = uniqueEmail();
    await server.register(email);
    await open('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('not the password at all');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${server.url}/login`),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
    await page.waitForLoadState();
    assert.equal(response.status(), 401);
    const alert = page.getByRole('alert');
    assert.ok(await alert.isVisible(), 'the error is shown');
    assert.match(await alert.innerText(), /\w+ \w+/, 'in words');
    assert.equal(await page.locator('#email').inputValue(), email, 'the email is kept');
    assert.equal(await page.locator('#password').inputValue(), '', 'the password is not echoed');
    assert.ok(!(await page.content()).includes('not the password at all'), 'nor anywhere in the page');
    await saveScreenshot(page, 'login-error');
    // Failed logins answer 401 by design; the browser logs a failed load for those, nothing else.
    assert.deepEqual(
      problems.filter((p) => !p.includes('401')),
      [],
    );
  });

  it('/login after five wrong passwords (one through the form): 429 with Retry-After, in words, the right password refused too', async () => {
    const email = uniqueEmail();
    await server.register(email);
    await open('/login');
    const attempt = async (password: string) => {
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(password);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${server.url}/login`),
        page.getByRole('button', { name: 'Sign in', exact: true }).click(),
      ]);
      await page.waitForLoadState();
      return response;
    };
    assert.equal((await attempt('wrong password number 1')).status(), 401);
    // The other four failures through the API, from the same IP and for the same account: the
    // throttle counts them alike, and the suite stays quick.
    for (let failures = 2; failures <= 5; failures += 1) {
      const result = await server.send('POST', '/auth/login', {
        body: { email, password: `wrong password number ${failures}` },
      });
      assert.equal(result.status, 401);
    }
    const throttled = await attempt(PASSWORD);
    assert.equal(throttled.status(), 429);
    assert.match((await throttled.headerValue('retry-after')) ?? '', /^\d+$/, 'Retry-After in seconds');
    assert.match(await page.getByRole('alert').innerText(), /\w+ \w+/);
    assert.equal(new URL(page.url()).pathname, '/login', 'not signed in');
    await saveScreenshot(page, 'login-throttled');
  });

  it('/register with a taken email: 409 and the problem in words', async () => {
    const email = uniqueEmail();
    await server.register(email);
    await open('/register');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${server.url}/register`),
      page.getByRole('button', { name: 'Create account', exact: true }).click(),
    ]);
    await page.waitForLoadState();
    assert.equal(response.status(), 409);
    assert.match(await page.getByRole('alert').innerText(), /\w+ \w+/);
    assert.equal(await page.locator('#email').inputValue(), email);
  });

  it('/inspect decodes and verifies a pasted token in the page; the only request is the JWKS', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const login = await server.send('POST', '/auth/login', {
      body: { email, password: PASSWORD, transport: 'bearer' },
    });
    const token = login.json.access_token as string;
    const userId = login.json.user.id as string;
    await open('/inspect');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
    const textarea = page.getByLabel('Token', { exact: true });
    assert.equal(await textarea.getAttribute('id'), 'token');
    await textarea.fill(token);
    await page.locator('#inspect-claims').getByText(userId).waitFor();
    await page
      .locator('#inspect-signature')
      .getByText(/valid|verified/i)
      .waitFor();
    const header = await page.locator('#inspect-header').innerText();
    assert.match(header, /EdDSA/);
    assert.match(header, /at\+jwt/);
    assert.doesNotMatch(await page.locator('#inspect-signature').innerText(), /invalid|not valid|fail/i);
    await saveScreenshot(page, 'inspect-token');
    const foreign = requests.filter((r) => r !== `GET ${server.url}/.well-known/jwks.json`);
    assert.deepEqual(foreign, [], 'nothing but the JWKS was requested: the token stayed in the page');
    assert.ok(!requests.some((r) => r.includes(token)), 'the token is in no URL');
    assert.deepEqual(problems, []);
  });

  it('/inspect warns about alg "none" and a missing exp', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'someone' })}.`;
    await open('/inspect');
    await page.locator('#token').fill(unsigned);
    const warnings = page.locator('#inspect-warnings');
    await warnings.getByText(/none/).first().waitFor();
    assert.match(await warnings.innerText(), /exp/);
    await saveScreenshot(page, 'inspect-warnings');
  });

  it('signs in with the keyboard alone, with a visible focus', async () => {
    const email = uniqueEmail();
    await server.register(email);
    await open('/login');
    let focused = '';
    for (let presses = 0; presses < 15 && focused !== 'email'; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate<string>('document.activeElement?.id ?? ""');
    }
    assert.equal(focused, 'email', 'Tab reaches the email field');
    const focusStyle = await page.evaluate<{ outline: string; shadow: string }>(
      `(() => { const s = getComputedStyle(document.activeElement); return { outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow }; })()`,
    );
    assert.ok(
      !focusStyle.outline.startsWith('none') || focusStyle.shadow !== 'none',
      `the focused field is visibly marked (outline ${focusStyle.outline}, box-shadow ${focusStyle.shadow})`,
    );
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate('document.activeElement?.id'),
      'password',
      'Tab moves on to the password',
    );
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/account`), page.keyboard.press('Enter')]);
    assert.ok((await page.locator('body').innerText()).includes(email));
    assert.deepEqual(problems, []);
  });

  it('/account and "/" when signed in; "/" and /account send a stranger to /login', async () => {
    await page.goto(`${server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.goto(`${server.url}/account`);
    assert.equal(new URL(page.url()).pathname, '/login');
    const email = uniqueEmail();
    await server.register(email);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await submitForm(page, '#login-form', 'Sign in', `${server.url}/account`);
    await page.goto(`${server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/account');
    await open('/account');
    assert.equal((await page.locator('a[href="/inspect"]').count()) >= 1, true, 'a link to the inspector');
    for (const id of ['#password-form', '#logout-form', '#logout-all-form']) {
      assert.equal(await page.locator(id).count(), 1, `${id} is on the page`);
    }
    await saveScreenshot(page, 'account');
    assert.deepEqual(problems, []);
  });
});
