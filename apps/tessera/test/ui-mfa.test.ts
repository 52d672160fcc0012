// The web UI's side of DESIGN §9 over HTTP, as a browser without JavaScript uses it: two-step
// verification set up from the account page (the QR code drawn on the server, the key in text, the
// recovery codes shown once), new codes, turning it off, and the "confirm it is you" page the
// sensitive account actions send an old sign-in to. Codes are computed here from the key the page
// shows (RFC 6238 by `otpauth`) against the server's fake clock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import {
  ACCESS_COOKIE,
  PASSWORD,
  startTestServer,
  uniqueEmail,
  type HttpResult,
  type TestServer,
} from './harness.js';
import { alertOf, noticeOf, UI_CSP, UiBrowser } from './ui-browser-kit.js';

function assertPage(result: HttpResult, status: number): void {
  assert.equal(result.status, status, result.text.slice(0, 600));
  assert.equal(result.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(result.headers['content-security-policy'], UI_CSP);
  assert.equal(result.headers['cache-control'], 'no-store');
  assert.doesNotMatch(result.text, /<script(?![^>]*\bsrc=)/, 'no inline script');
  assert.doesNotMatch(result.text, /\sstyle=|<style/, 'no inline style');
}

/** The code an authenticator app with `secret` shows at `at`. */
function codeAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
}

async function signUp(browser: UiBrowser): Promise<string> {
  const email = uniqueEmail('ui-mfa');
  const result = await browser.post('/register', [
    ['email', email],
    ['password', PASSWORD],
  ]);
  assert.equal(result.status, 303, result.text);
  return email;
}

/**
 * The setup page's key (from its `data-secret`) and the QR image's SVG, decoded. Its code form sends
 * the code alone: nothing of the key rides back in it (decision 0067).
 */
function readSetupPage(result: HttpResult): { secret: string; svg: string } {
  const secret = /id="totp-secret" class="totp-secret" data-secret="([A-Z2-7]+)"/.exec(result.text)?.[1];
  const image =
    /<img id="totp-qr-code" class="qr-code" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/.exec(
      result.text,
    )?.[1];
  const form = /<form id="totp-confirm-form".*?<\/form>/.exec(result.text)?.[0];
  assert.ok(secret !== undefined && image !== undefined && form !== undefined, result.text.slice(0, 2000));
  assert.deepEqual(
    [...form.matchAll(/<input[^>]* name="([^"]+)"/g)].map((match) => match[1]),
    ['code'],
    "the code is the form's only field",
  );
  assert.ok(!form.includes(secret) && !form.includes('otpauth'), 'no key in the form');
  return { secret, svg: Buffer.from(image, 'base64').toString('utf8') };
}

function recoveryCodesOf(result: HttpResult): string[] {
  const list = /<ol id="recovery-codes"[^>]*>(.*?)<\/ol>/.exec(result.text)?.[1] ?? '';
  return [...list.matchAll(/<code>([a-z2-9-]+)<\/code>/g)].map((match) => match[1] ?? '');
}

/** Sets up an authenticator through the forms; resolves its key and the first recovery codes. */
async function enrolInUi(
  browser: UiBrowser,
  server: TestServer,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await browser.post('/account/mfa/totp', []);
  assertPage(setup, 200);
  const { secret } = readSetupPage(setup);
  const confirmed = await browser.post('/account/mfa/totp/confirm', [
    ['code', codeAt(secret, server.clock.now())],
  ]);
  assertPage(confirmed, 200);
  const recoveryCodes = recoveryCodesOf(confirmed);
  assert.equal(recoveryCodes.length, 10);
  // The confirming code's step is spent.
  server.clock.advanceSeconds(30);
  return { secret, recoveryCodes };
}

/** Signs in through the two UI steps with `code` at the second. */
async function signInWithCode(browser: UiBrowser, email: string, code: string): Promise<HttpResult> {
  const first = await browser.post('/login', [
    ['email', email],
    ['password', PASSWORD],
  ]);
  assertPage(first, 200);
  const mfaToken = /name="mfaToken" value="([^"]+)"/.exec(first.text)?.[1];
  assert.ok(mfaToken !== undefined, first.text.slice(0, 800));
  return browser.post('/login/mfa', [
    ['mfaToken', mfaToken],
    ['code', code],
  ]);
}

describe('web UI: two-step verification and recent authentication', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_REAUTH_MAX_AGE: '600' });
  });
  after(() => server.close());

  it('sets up an authenticator from the account page: QR code and key, a wrong code, then the codes once', async () => {
    const browser = new UiBrowser(server);
    await signUp(browser);
    const before = await browser.get('/account');
    assertPage(before, 200);
    assert.match(before.text, /<h2 id="two-step-title">Two-step verification<\/h2>/);
    assert.match(before.text, /id="mfa-state" data-state="off"/);
    assert.match(before.text, /<form id="totp-start-form" method="post" action="\/account\/mfa\/totp">/);

    const setup = await browser.post('/account/mfa/totp', []);
    assertPage(setup, 200);
    const { secret, svg } = readSetupPage(setup);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/);
    assert.doesNotMatch(svg, /style=|<script/);
    assert.match(
      setup.text,
      /<form id="totp-confirm-form" method="post" action="\/account\/mfa\/totp\/confirm"/,
    );
    assert.equal(setup.headers['location'], undefined, 'a page, not a redirect');
    for (const line of setup.setCookies) assert.ok(!line.includes(secret), 'no secret in a cookie');
    // Not on until confirmed: sign-in does not ask for a code yet.
    assert.equal(
      (await server.send('GET', '/auth/mfa', { cookies: Object.fromEntries(browser.cookies) })).json.totp,
      false,
    );

    const fields = (code: string) => [['code', code]] as const;
    const wrongCode = String((Number(codeAt(secret, server.clock.now())) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await browser.post('/account/mfa/totp/confirm', fields(wrongCode));
    assertPage(wrong, 400);
    assert.equal(alertOf(wrong)?.code, 'invalid_code');
    // The same key and QR code again after a typo, read back on the server: the form sent the code only.
    assert.deepEqual(readSetupPage(wrong), { secret, svg }, 'the same key and QR code again after a typo');
    for (const line of wrong.setCookies) assert.ok(!line.includes(secret), 'no secret in a cookie');

    const confirmed = await browser.post(
      '/account/mfa/totp/confirm',
      fields(codeAt(secret, server.clock.now())),
    );
    assertPage(confirmed, 200);
    assert.match(confirmed.text, /<h1> ?Two-step verification is on ?<\/h1>/);
    const codes = recoveryCodesOf(confirmed);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const after = await browser.get('/account');
    assertPage(after, 200);
    assert.match(after.text, /id="mfa-state" data-state="on"/);
    assert.match(after.text, /id="recovery-codes-left" data-left="10">10 recovery codes left\.</);
    assert.doesNotMatch(after.text, /recovery-codes-warning/);
    assert.match(
      after.text,
      /<form id="recovery-codes-form" method="post" action="\/account\/mfa\/recovery-codes">/,
    );
    assert.match(
      after.text,
      /<form id="totp-disable-form" method="post" action="\/account\/mfa\/totp\/disable">/,
    );
    for (const code of codes) assert.ok(!after.text.includes(code), 'the codes are shown once');
    assert.ok(!after.text.includes(secret), 'the key is shown only while setting up');
    for (const line of server.logger.lines) {
      assert.ok(!line.includes(secret), 'no key in a log line');
      for (const code of codes) assert.ok(!line.includes(code), 'no recovery code in a log line');
    }
  });

  it('a mistyped code shows the enrolment the server holds, whatever the form sends; an old sign-in confirms it is you first', async () => {
    const browser = new UiBrowser(server);
    await signUp(browser);
    const first = readSetupPage(await browser.post('/account/mfa/totp', []));
    // Set up again (another tab): the newer key is the one that counts, and the one shown again.
    const second = readSetupPage(await browser.post('/account/mfa/totp', []));
    assert.notEqual(second.secret, first.secret);
    const wrongCode = () =>
      String((Number(codeAt(second.secret, server.clock.now())) + 1) % 1_000_000).padStart(6, '0');
    // A form that sends a key of its own (the old page's hidden fields) changes nothing shown.
    const forged = await browser.post('/account/mfa/totp/confirm', [
      ['secret', first.secret],
      ['otpauthUrl', `otpauth://totp/x?secret=${first.secret}`],
      ['code', wrongCode()],
    ]);
    assertPage(forged, 400);
    assert.equal(alertOf(forged)?.code, 'invalid_code');
    assert.deepEqual(readSetupPage(forged), second);
    // The sign-in grows old (TESSERA_REAUTH_MAX_AGE is 600 here): a code still confirms, but the key
    // is not read back for it.
    server.clock.advanceSeconds(601);
    const old = await browser.post('/account/mfa/totp/confirm', [['code', wrongCode()]]);
    assert.equal(old.status, 303);
    assert.equal(old.headers['location'], '/account/reauthenticate');
    assert.ok(!old.text.includes(second.secret), 'no key for an old sign-in');
    const confirmed = await browser.post('/account/mfa/totp/confirm', [
      ['code', codeAt(second.secret, server.clock.now())],
    ]);
    assertPage(confirmed, 200);
    assert.equal(recoveryCodesOf(confirmed).length, 10);
    server.clock.advanceSeconds(30);
  });

  it('sign-in asks for a code; recovery codes run down, warn when few, and new ones replace them', async () => {
    const browser = new UiBrowser(server);
    const email = await signUp(browser);
    const { recoveryCodes } = await enrolInUi(browser, server);
    // Seven recovery codes spent at sign-in leave three: the warning shows.
    for (const code of recoveryCodes.slice(0, 7)) {
      const other = new UiBrowser(server);
      const signedIn = await signInWithCode(other, email, code);
      assert.equal(signedIn.status, 303, signedIn.text.slice(0, 600));
      assert.equal(signedIn.headers['location'], '/account');
    }
    const few = await browser.get('/account');
    assertPage(few, 200);
    assert.match(few.text, /data-left="3">3 recovery codes left\./);
    assert.match(few.text, /id="recovery-codes-warning" data-code="recovery_codes_low"/);

    const renewed = await browser.post('/account/mfa/recovery-codes', []);
    assertPage(renewed, 200);
    assert.match(renewed.text, /<h1> ?Your new recovery codes ?<\/h1>/);
    const fresh = recoveryCodesOf(renewed);
    assert.equal(fresh.length, 10);
    assert.ok(fresh.every((code) => !recoveryCodes.includes(code)));
    const account = await browser.get('/account');
    assert.match(account.text, /data-left="10">10 recovery codes left\./);
    assert.doesNotMatch(account.text, /recovery-codes-warning/);
    for (const code of fresh) assert.ok(!account.text.includes(code));

    // An old code is dead, a new one works.
    const old = await signInWithCode(new UiBrowser(server), email, recoveryCodes[8] ?? '');
    assertPage(old, 401);
    assert.equal(alertOf(old)?.code, 'invalid_code');
    const works = await signInWithCode(new UiBrowser(server), email, fresh[0] ?? '');
    assert.equal(works.status, 303);
  });

  it('turns the authenticator off: sign-in takes the password alone again', async () => {
    const browser = new UiBrowser(server);
    const email = await signUp(browser);
    await enrolInUi(browser, server);
    const off = await browser.post('/account/mfa/totp/disable', []);
    assert.equal(off.status, 303);
    assert.equal(off.headers['location'], '/account');
    const account = await browser.get('/account');
    assert.equal(noticeOf(account), 'Two-step verification is off. Signing in needs only your password now.');
    assert.match(account.text, /id="mfa-state" data-state="off"/);
    const login = await new UiBrowser(server).post('/login', [
      ['email', email],
      ['password', PASSWORD],
    ]);
    assert.equal(login.status, 303);
    assert.equal(login.headers['location'], '/account');
  });

  it('an old sign-in is asked to confirm with the password, then tries again; nothing is done before', async () => {
    const browser = new UiBrowser(server);
    const email = await signUp(browser);
    server.clock.advanceSeconds(601);
    for (const [path, fields] of [
      ['/account/mfa/totp', []],
      ['/account/email', [['newEmail', uniqueEmail('moved')]]],
      ['/account/identities/github/unlink', []],
    ] as const) {
      const refused = await browser.post(path, fields);
      assert.equal(refused.status, 303, `${path}: ${refused.text.slice(0, 400)}`);
      assert.equal(refused.headers['location'], '/account/reauthenticate', path);
    }
    const prompt = await browser.get('/account/reauthenticate');
    assertPage(prompt, 200);
    assert.match(prompt.text, /<h1> ?Confirm it is you ?<\/h1>/);
    assert.match(
      prompt.text,
      /<form id="reauthenticate-password-form" method="post" action="\/account\/reauthenticate">/,
    );
    assert.match(prompt.text, /autocomplete="current-password"/);
    assert.doesNotMatch(prompt.text, /reauthenticate-code-form/, 'no code form without an authenticator');

    const wrong = await browser.post('/account/reauthenticate', [
      ['kind', 'password'],
      ['password', 'not the password'],
    ]);
    assertPage(wrong, 401);
    assert.equal(alertOf(wrong)?.code, 'invalid_credentials');
    const confirmed = await browser.post('/account/reauthenticate', [
      ['kind', 'password'],
      ['password', PASSWORD],
    ]);
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers['location'], '/account');
    const account = await browser.get('/account');
    assert.equal(noticeOf(account), 'Thank you, that was you. Now try the change again.');
    assert.ok(account.text.includes(email), 'the email change was not replayed');
    const setup = await browser.post('/account/mfa/totp', []);
    assertPage(setup, 200);
    assert.match(setup.text, /<h1> ?Set up your authenticator app ?<\/h1>/);
  });

  it('with an authenticator on, a code from it confirms too', async () => {
    const browser = new UiBrowser(server);
    await signUp(browser);
    const { secret } = await enrolInUi(browser, server);
    server.clock.advanceSeconds(601);
    const refused = await browser.post('/account/mfa/totp/disable', []);
    assert.equal(refused.headers['location'], '/account/reauthenticate');
    const regenerate = await browser.post('/account/mfa/recovery-codes', []);
    assert.equal(regenerate.headers['location'], '/account/reauthenticate');
    assert.doesNotMatch(regenerate.text, /<code>/);
    const prompt = await browser.get('/account/reauthenticate');
    assert.match(
      prompt.text,
      /<form id="reauthenticate-code-form" method="post" action="\/account\/reauthenticate"/,
    );
    const wrong = await browser.post('/account/reauthenticate', [
      ['kind', 'code'],
      ['code', '000000' === codeAt(secret, server.clock.now()) ? '111111' : '000000'],
    ]);
    assertPage(wrong, 401);
    assert.equal(alertOf(wrong)?.code, 'invalid_code');
    const confirmed = await browser.post('/account/reauthenticate', [
      ['kind', 'code'],
      ['code', codeAt(secret, server.clock.now())],
    ]);
    assert.equal(confirmed.status, 303, confirmed.text.slice(0, 400));
    const off = await browser.post('/account/mfa/totp/disable', []);
    assert.equal(off.headers['location'], '/account');
  });

  it('bad or missing form fields are 400 pages, a signed-out browser goes to sign in, never a 500', async () => {
    const browser = new UiBrowser(server);
    await signUp(browser);
    for (const [path, fields] of [
      ['/account/reauthenticate', [['kind', 'fingerprint']]],
      ['/account/reauthenticate', [['password', PASSWORD]]],
      ['/account/reauthenticate', [['kind', 'code']]],
      ['/account/mfa/totp/confirm', [['secret', 'JBSWY3DPEHPK3PXP']]],
    ] as const) {
      const result = await browser.post(path, fields);
      assertPage(result, 400);
      assert.equal(alertOf(result)?.code, 'invalid_request', path);
    }
    // Confirming with nothing under way: the account page says to start again (no setup page).
    const nothing = await browser.post('/account/mfa/totp/confirm', [['code', '123456']]);
    assertPage(nothing, 400);
    assert.equal(alertOf(nothing)?.code, 'invalid_code');
    assert.match(alertOf(nothing)?.text ?? '', /start again/);
    assert.doesNotMatch(nothing.text, /totp-confirm-form/);
    const refused = await browser.postRaw('/account/reauthenticate', '{}', {
      'content-type': 'application/json',
    });
    assertPage(refused, 415);

    const stranger = new UiBrowser(server);
    for (const path of ['/account/mfa/totp', '/account/mfa/totp/disable', '/account/mfa/recovery-codes']) {
      const result = await stranger.post(path, []);
      assert.equal(result.status, 303, path);
      assert.equal(result.headers['location'], '/login', path);
    }
    assert.equal((await stranger.get('/account/reauthenticate')).headers['location'], '/login');
    const crossSite = await browser.post('/account/mfa/totp/disable', [], {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    assertPage(crossSite, 403);
    assert.equal(alertOf(crossSite)?.code, 'csrf_rejected');
    const deleted = await server.send('DELETE', '/account/reauthenticate', {
      cookies: Object.fromEntries(browser.cookies),
    });
    assertPage(deleted, 405);
    assert.equal(deleted.headers['allow'], 'GET, HEAD, POST');
  });
});

describe('web UI: recent authentication in jwt cookie mode', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_COOKIE_MODE: 'jwt' });
  });
  after(() => server.close());

  it('confirming renews the access cookie with the new auth_time, and the action then works', async () => {
    const browser = new UiBrowser(server);
    await signUp(browser);
    server.clock.advanceSeconds(601);
    const refused = await browser.post('/account/mfa/totp', []);
    assert.equal(refused.headers['location'], '/account/reauthenticate', refused.text.slice(0, 400));
    const confirmed = await browser.post('/account/reauthenticate', [
      ['kind', 'password'],
      ['password', PASSWORD],
    ]);
    assert.equal(confirmed.status, 303, confirmed.text.slice(0, 400));
    const access = browser.cookies.get(ACCESS_COOKIE) ?? '';
    const claims = JSON.parse(Buffer.from(access.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      auth_time: number;
    };
    assert.equal(claims.auth_time, Math.floor(server.clock.now().getTime() / 1000));
    const setup = await browser.post('/account/mfa/totp', []);
    assertPage(setup, 200);
    // Past the access token's life, the form goes where the refresh cookie goes, and is done there.
    server.clock.advanceSeconds(3600);
    const late = await browser.post('/account/mfa/totp/disable', []);
    assert.equal(late.status, 307);
    assert.equal(late.headers['location'], '/auth/refresh/account/mfa/totp/disable');
    const renewed = await browser.post('/auth/refresh/account/mfa/totp/disable', []);
    assert.equal(renewed.status, 303, renewed.text.slice(0, 400));
    assert.equal(renewed.headers['location'], '/account/reauthenticate', 'an hour old: confirm again');
  });
});
