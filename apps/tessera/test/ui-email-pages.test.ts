// The email pages of the web UI over HTTP, as a browser without JavaScript uses them: opening a link
// spends nothing, the confirm button does; the account page's banner, resend and change of address.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';
import { startMailServer, tokenFromMail, type MailServer } from './mail-server.js';
import { alertOf, noticeOf, UI_CSP, UiBrowser } from './ui-browser-kit.js';

// Links are built from TESSERA_PUBLIC_URL, unset here (it would make it the only own origin for the
// forms' CSRF check): the default `http://HOST:PORT`, with the configured port 0.
const PUBLIC_URL = 'http://127.0.0.1:0';
const NEW_PASSWORD = 'a brand new passphrase 42';

describe('web UI: forgot password, reset, verify, change of address', () => {
  let server: TestServer;
  let mail: MailServer;
  before(async () => {
    mail = await startMailServer();
    server = await startTestServer({ TESSERA_SMTP_URL: mail.url });
  });
  after(async () => {
    await server.close();
    await mail.close();
  });

  it('sign-in links to /forgot-password; the reset page never spends the token on GET', async () => {
    const email = uniqueEmail('ui-reset');
    await server.register(email);
    const browser = new UiBrowser(server);
    const login = await browser.get('/login');
    assert.match(login.text, /<a href="\/forgot-password" id="forgot-link">Forgot password\?<\/a>/);
    const forgotPage = await browser.get('/forgot-password');
    assert.equal(forgotPage.status, 200);
    assert.equal(forgotPage.headers['content-security-policy'], UI_CSP);
    const sent = await browser.post('/forgot-password', [['email', email]]);
    assert.equal(sent.status, 200);
    assert.match(sent.text, /id="forgot-sent"/);
    const { token } = tokenFromMail(
      await mail.waitFor(email, (m) => m.subject === 'Reset your password'),
      `${PUBLIC_URL}/reset-password?token=`,
    );
    // A mail scanner opening the link twice changes nothing.
    for (let i = 0; i < 2; i += 1) {
      const opened = await browser.get(`/reset-password?token=${token}`);
      assert.equal(opened.status, 200);
      assert.match(opened.text, /<form id="reset-form" method="post" action="\/reset-password">/);
      assert.ok(opened.text.includes(`name="token" value="${token}"`));
    }
    const weak = await browser.post('/reset-password', [
      ['token', token],
      ['newPassword', 'password'],
    ]);
    assert.equal(weak.status, 400);
    assert.equal(alertOf(weak)?.code, 'weak_password');
    const done = await browser.post('/reset-password', [
      ['token', token],
      ['newPassword', NEW_PASSWORD],
    ]);
    assert.equal(done.status, 200);
    assert.equal(noticeOf(done), 'Every device was signed out. Sign in with your new password.');
    const again = await browser.post('/reset-password', [
      ['token', token],
      ['newPassword', NEW_PASSWORD],
    ]);
    assert.equal(alertOf(again)?.code, 'invalid_email_token');
    assert.equal((await server.login(email, NEW_PASSWORD)).status, 200);
    assert.equal((await browser.get('/reset-password?token=nonsense')).status, 400);
  });

  it('the account page shows a banner until the address is confirmed; resend and verify by button', async () => {
    const browser = new UiBrowser(server);
    const email = uniqueEmail('ui-verify');
    const registered = await browser.post('/register', [
      ['email', email],
      ['password', PASSWORD],
    ]);
    assert.equal(registered.status, 303);
    const account = await browser.get('/account');
    assert.match(account.text, /id="unverified-banner"/);
    await mail.waitFor(email);
    const resend = await browser.post('/account/email/resend', []);
    assert.equal(resend.status, 303);
    const fresh = await mail.waitFor(email, (m) => mail.mailsTo(email).indexOf(m) === 1);
    const { token } = tokenFromMail(fresh, `${PUBLIC_URL}/verify-email?token=`);
    // Another browser, not signed in, opens the link: the page only offers the button.
    const other = new UiBrowser(server);
    const opened = await other.get(`/verify-email?token=${token}`);
    assert.match(opened.text, /<form id="verify-form" method="post" action="\/verify-email">/);
    assert.match((await browser.get('/account')).text, /id="unverified-banner"/, 'GET confirmed nothing');
    const confirmed = await other.post('/verify-email', [['token', token]]);
    assert.equal(confirmed.status, 200);
    assert.doesNotMatch((await browser.get('/account')).text, /id="unverified-banner"/);
  });

  it('change of address from the account page', async () => {
    const browser = new UiBrowser(server);
    const email = uniqueEmail('ui-old');
    await browser.post('/register', [
      ['email', email],
      ['password', PASSWORD],
    ]);
    const next = uniqueEmail('ui-new');
    const changed = await browser.post('/account/email', [['newEmail', next]]);
    assert.equal(changed.status, 303);
    const { token } = tokenFromMail(await mail.waitFor(next), `${PUBLIC_URL}/verify-email?token=`);
    const confirmed = await browser.post('/verify-email', [['token', token]]);
    assert.equal(confirmed.status, 200);
    assert.match(
      (await browser.get('/account')).text,
      new RegExp(`id="account-email">${next.replaceAll('.', '\\.')}<`),
    );
    const bad = await browser.post('/account/email', [['newEmail', 'not an address']]);
    assert.equal(bad.status, 400);
  });
});
