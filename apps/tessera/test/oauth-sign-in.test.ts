// Sign-in with another provider (DESIGN §8) against a real OpenID Connect provider (oidc-provider on
// loopback, driven through its login and consent pages), on the SQLite store: the browser flow, the
// account rules, linking and unlinking, and every failure path ending with no session.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { openSqliteStore } from '@tessera/stores/sqlite';
import {
  ACCESS_COOKIE,
  PASSWORD,
  REFRESH_COOKIE,
  SESSION_COOKIE,
  uniqueEmail,
  type TestServer,
} from './harness.js';
import { TestBrowser, type Hop } from './oauth/drive-browser.js';
import { startOidcProvider, type RunningOidcProvider } from './oauth/start-oidc-provider.js';
import {
  freePort,
  setCookieValue,
  signInThroughProvider,
  startTesseraWithProviders,
} from './oauth/tessera-with-provider.js';

const OAUTH_COOKIE = '__Host-tessera-oauth';
const MFA_COOKIE = '__Host-tessera-mfa';

/** The callback created no session: no authenticating cookie with a value. */
function assertNoSession(hop: Hop): void {
  for (const name of [SESSION_COOKIE, ACCESS_COOKIE, REFRESH_COOKIE]) {
    const value = setCookieValue(hop, name);
    assert.ok(value === null || value === '', `${name} must not be set`);
  }
}

let subjectCounter = 0;
function newAccount(provider: RunningOidcProvider, email: string, emailVerified = true): string {
  subjectCounter += 1;
  const sub = `sub-${process.pid}-${subjectCounter}`;
  provider.accounts.set(sub, { email, emailVerified });
  return sub;
}

describe('provider sign-in through a real OpenID Connect provider (SQLite)', () => {
  let provider: RunningOidcProvider;
  let tessera: TestServer;
  let linking: TestServer;
  let jwtMode: TestServer;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-oauth-'));
    const ports = [await freePort(), await freePort(), await freePort()];
    provider = await startOidcProvider(
      ports.map((port) => `http://127.0.0.1:${port}/auth/oauth/local/callback`),
    );
    const providers = [
      {
        id: 'local',
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
      },
    ];
    tessera = await startTesseraWithProviders(
      ports[0]!,
      providers,
      {},
      openSqliteStore({ path: join(dataDir, 'a.db') }),
    );
    linking = await startTesseraWithProviders(
      ports[1]!,
      providers,
      { TESSERA_OAUTH_LINK_VERIFIED_EMAIL: 'true' },
      openSqliteStore({ path: join(dataDir, 'b.db') }),
    );
    jwtMode = await startTesseraWithProviders(
      ports[2]!,
      providers,
      { TESSERA_COOKIE_MODE: 'jwt' },
      openSqliteStore({ path: join(dataDir, 'c.db') }),
    );
  });

  after(async () => {
    await Promise.all([tessera.close(), linking.close(), jwtMode.close()]);
    await provider.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('redirects to the provider with code, PKCE S256, state and nonce, bound by a sealed __Host- cookie', async () => {
    const browser = new TestBrowser();
    const start = await browser.get(`${tessera.url}/auth/oauth/local?return_to=/account`);
    assert.equal(start.status, 302);
    const url = new URL(start.location!);
    assert.equal(url.origin, provider.issuer);
    const params = url.searchParams;
    assert.equal(params.get('response_type'), 'code');
    assert.equal(params.get('client_id'), provider.clientId);
    assert.equal(params.get('redirect_uri'), `${tessera.url}/auth/oauth/local/callback`);
    assert.equal(params.get('scope'), 'openid email profile');
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.match(params.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((params.get('state') ?? '').length >= 32);
    assert.ok((params.get('nonce') ?? '').length >= 32);
    const cookie = start.setCookies.find((line) => line.startsWith(`${OAUTH_COOKIE}=`));
    assert.ok(cookie, 'the flow cookie is set');
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; Secure/i);
    assert.match(cookie, /; SameSite=Lax/i);
    assert.match(cookie, /; Path=\//i);
    assert.doesNotMatch(cookie, /Domain=/i);
    // Sealed: neither the state, the nonce nor the verifier can be read from it.
    assert.ok(!cookie.includes(params.get('state')!) && !cookie.includes(params.get('nonce')!));
  });

  it('an unknown provider is 404 not_found', async () => {
    for (const path of ['/auth/oauth/nope', '/auth/oauth/nope/callback?code=a&state=b']) {
      const result = await tessera.send('GET', path);
      assert.equal(result.status, 404, path);
      assert.equal((result.json as { code: string }).code, 'not_found');
    }
  });

  it('a new identity creates a user without a password, signs in, and comes back to return_to', async () => {
    const email = uniqueEmail('oidc-new');
    const sub = newAccount(provider, email);
    const browser = new TestBrowser();
    const flow = await signInThroughProvider(browser, tessera, 'local', sub, '?return_to=/account?tab=1');
    assert.equal(flow.callback.status, 303);
    assert.equal(flow.callback.location, `${tessera.url}/account?tab=1`);
    assert.equal(setCookieValue(flow.callback, OAUTH_COOKIE), '', 'the flow cookie is dropped');
    const token = setCookieValue(flow.callback, SESSION_COOKIE);
    assert.ok(token, 'a session cookie is set');
    const me = await tessera.send('GET', '/auth/me', { cookie: token });
    assert.equal(me.status, 200);
    const { user } = me.json as { user: { id: string; email: string } };
    assert.equal(user.email, email);
    const identities = await tessera.send('GET', '/auth/identities', { cookie: token });
    assert.equal(identities.status, 200);
    const listed = (
      identities.json as { identities: { provider: string; email: string; linkedAt: string }[] }
    ).identities;
    assert.equal(listed.length, 1);
    assert.equal(listed[0]!.provider, 'local');
    assert.equal(listed[0]!.email, email);
    assert.ok(!Number.isNaN(Date.parse(listed[0]!.linkedAt)));
    // No password: login answers exactly like a wrong password, whatever is typed.
    for (const password of [PASSWORD, '', 'x'.repeat(300)]) {
      const login = await tessera.send('POST', '/auth/login', { body: { email, password } });
      assert.equal(login.status, 401);
      assert.equal((login.json as { code: string }).code, 'invalid_credentials');
    }
    // Changing a password it does not have is refused the same way.
    const change = await tessera.send('POST', '/auth/password', {
      cookie: token,
      body: { currentPassword: '', newPassword: 'a brand new passphrase' },
    });
    assert.equal(change.status, 401);
    assert.equal((change.json as { code: string }).code, 'invalid_credentials');

    // The same identity again: the same user, a new session.
    const again = await signInThroughProvider(new TestBrowser(), tessera, 'local', sub);
    assert.equal(again.callback.location, `${tessera.url}/`);
    const second = setCookieValue(again.callback, SESSION_COOKIE);
    assert.ok(second && second !== token);
    const me2 = await tessera.send('GET', '/auth/me', { cookie: second });
    assert.equal((me2.json as { user: { id: string } }).user.id, user.id);
  });

  it('a user with TOTP gets no session from the provider: the code page, then the second step', async () => {
    const email = uniqueEmail('oidc-totp');
    const sub = newAccount(provider, email);
    const first = await signInThroughProvider(new TestBrowser(), tessera, 'local', sub);
    const token = setCookieValue(first.callback, SESSION_COOKIE);
    assert.ok(token);
    const started = await tessera.send('POST', '/auth/mfa/totp', { cookie: token });
    assert.equal(started.status, 200, started.text);
    const secret = (started.json as { secret: string }).secret;
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const confirmed = await tessera.send('POST', '/auth/mfa/totp/confirm', { cookie: token, body: { code } });
    assert.equal(confirmed.status, 200, confirmed.text);
    const [recoveryCode] = (confirmed.json as { recoveryCodes: string[] }).recoveryCodes;

    const browser = new TestBrowser();
    const flow = await signInThroughProvider(browser, tessera, 'local', sub);
    assert.equal(flow.callback.status, 303);
    assert.equal(flow.callback.location, `${tessera.url}/login/mfa`);
    assertNoSession(flow.callback);
    const mfaToken = setCookieValue(flow.callback, MFA_COOKIE);
    assert.ok(mfaToken, 'the mfaToken rides in a cookie, never in the URL');
    assert.ok(!flow.callback.location.includes(mfaToken));
    // The code page takes the token into its form and drops the cookie.
    const page = await browser.get(`${tessera.url}/login/mfa`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(mfaToken));
    assert.equal(setCookieValue(page, MFA_COOKIE), '');

    const signedIn = await tessera.send('POST', '/auth/login/mfa', { body: { mfaToken, recoveryCode } });
    assert.equal(signedIn.status, 200, signedIn.text);
    const session = (signedIn.json as { session: { amr: string[] } }).session;
    assert.deepEqual(session.amr, ['fed', 'otp', 'mfa']);
  });

  it('jwt cookie mode: the callback sets the access and refresh cookies', async () => {
    const email = uniqueEmail('oidc-jwt');
    const sub = newAccount(provider, email);
    const flow = await signInThroughProvider(new TestBrowser(), jwtMode, 'local', sub);
    assert.equal(flow.callback.status, 303);
    const access = setCookieValue(flow.callback, ACCESS_COOKIE);
    assert.ok(access);
    assert.ok(setCookieValue(flow.callback, REFRESH_COOKIE));
    assert.equal(setCookieValue(flow.callback, SESSION_COOKIE), null);
    const me = await jwtMode.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: access } });
    assert.equal(me.status, 200);
    assert.equal((me.json as { user: { email: string } }).user.email, email);
  });

  it('return_to that is not a same-origin path becomes /', async () => {
    for (const returnTo of [
      '//evil.com',
      'https://evil.com/x',
      '/\\evil.com',
      'evil.com',
      '/\r\nSet-Cookie:x=1',
    ]) {
      const sub = newAccount(provider, uniqueEmail('oidc-return'));
      const flow = await signInThroughProvider(
        new TestBrowser(),
        tessera,
        'local',
        sub,
        `?return_to=${encodeURIComponent(returnTo)}`,
      );
      assert.equal(flow.callback.status, 303, returnTo);
      assert.equal(flow.callback.location, `${tessera.url}/`, returnTo);
    }
  });

  it('an address a password account has is account_exists: no session, nothing linked', async () => {
    const email = uniqueEmail('oidc-taken');
    const existingToken = await tessera.register(email);
    for (const verified of [true, false]) {
      const sub = newAccount(provider, email, verified);
      const flow = await signInThroughProvider(new TestBrowser(), tessera, 'local', sub);
      assert.equal(flow.callback.status, 303);
      assert.equal(flow.callback.location, `${tessera.url}/login?error=account_exists`);
      assertNoSession(flow.callback);
    }
    const identities = await tessera.send('GET', '/auth/identities', { cookie: existingToken });
    assert.deepEqual(identities.json, { identities: [] });
  });

  it('TESSERA_OAUTH_LINK_VERIFIED_EMAIL=true links a verified address to the account, never an unverified one', async () => {
    const email = uniqueEmail('oidc-linkable');
    const token = await linking.register(email);
    const me = await linking.send('GET', '/auth/me', { cookie: token });
    const userId = (me.json as { user: { id: string } }).user.id;

    const unverified = newAccount(provider, email, false);
    const refused = await signInThroughProvider(new TestBrowser(), linking, 'local', unverified);
    assert.equal(refused.callback.location, `${linking.url}/login?error=account_exists`);
    assertNoSession(refused.callback);

    const verified = newAccount(provider, email, true);
    const flow = await signInThroughProvider(new TestBrowser(), linking, 'local', verified);
    assert.equal(flow.callback.location, `${linking.url}/`);
    const session = setCookieValue(flow.callback, SESSION_COOKIE);
    assert.ok(session);
    const signedIn = await linking.send('GET', '/auth/me', { cookie: session });
    assert.equal((signedIn.json as { user: { id: string } }).user.id, userId);
    // The password still works: linking added a way in, it took none away.
    assert.equal((await linking.login(email)).status, 200);
  });

  it('link=true from a signed-in session links the identity; one linked to someone else is account_exists', async () => {
    const email = uniqueEmail('oidc-linker');
    const token = await tessera.register(email);
    const browser = new TestBrowser();
    browser.setCookie(new URL(tessera.url).origin, SESSION_COOKIE, token);
    // The provider's address differs from the account's: linking is by the signed-in session, not by email.
    const sub = newAccount(provider, uniqueEmail('oidc-linker-elsewhere'));
    const flow = await signInThroughProvider(browser, tessera, 'local', sub, '?link=true&return_to=/account');
    assert.equal(flow.callback.status, 303);
    assert.equal(flow.callback.location, `${tessera.url}/account`);
    assertNoSession(flow.callback);
    const identities = await tessera.send('GET', '/auth/identities', { cookie: token });
    assert.equal(
      (identities.json as { identities: { provider: string }[] }).identities[0]?.provider,
      'local',
    );
    // Now the provider signs into that account.
    const viaProvider = await signInThroughProvider(new TestBrowser(), tessera, 'local', sub);
    const session = setCookieValue(viaProvider.callback, SESSION_COOKIE);
    const me = await tessera.send('GET', '/auth/me', { cookie: session! });
    assert.equal((me.json as { user: { email: string } }).user.email, email);

    // Another user trying to link the same identity.
    const otherToken = await tessera.register(uniqueEmail('oidc-other'));
    const other = new TestBrowser();
    other.setCookie(new URL(tessera.url).origin, SESSION_COOKIE, otherToken);
    const stolen = await signInThroughProvider(other, tessera, 'local', sub, '?link=true');
    assert.equal(stolen.callback.location, `${tessera.url}/login?error=account_exists`);
    const otherIdentities = await tessera.send('GET', '/auth/identities', { cookie: otherToken });
    assert.deepEqual(otherIdentities.json, { identities: [] });
  });

  it('link=true needs a signed-in browser session', async () => {
    const anonymous = await tessera.send('GET', '/auth/oauth/local?link=true');
    assert.equal(anonymous.status, 401);
    assert.equal((anonymous.json as { code: string }).code, 'unauthenticated');
  });

  it('unlinking: 204, then 404; refused with 409 last_sign_in_method when it is the only way in', async () => {
    // A password user with a linked identity can unlink it.
    const email = uniqueEmail('oidc-unlink');
    const token = await tessera.register(email);
    const browser = new TestBrowser();
    browser.setCookie(new URL(tessera.url).origin, SESSION_COOKIE, token);
    const sub = newAccount(provider, uniqueEmail('oidc-unlink-elsewhere'));
    await signInThroughProvider(browser, tessera, 'local', sub, '?link=true');
    const removed = await tessera.send('DELETE', '/auth/identities/local', { cookie: token });
    assert.equal(removed.status, 204);
    const again = await tessera.send('DELETE', '/auth/identities/local', { cookie: token });
    assert.equal(again.status, 404);
    assert.equal((again.json as { code: string }).code, 'not_found');
    const never = await tessera.send('DELETE', '/auth/identities/github', { cookie: token });
    assert.equal(never.status, 404);

    // A user created by the provider has nothing else: unlinking is refused, the identity stays.
    const onlyWay = newAccount(provider, uniqueEmail('oidc-only'));
    const flow = await signInThroughProvider(new TestBrowser(), tessera, 'local', onlyWay);
    const session = setCookieValue(flow.callback, SESSION_COOKIE)!;
    const refused = await tessera.send('DELETE', '/auth/identities/local', { cookie: session });
    assert.equal(refused.status, 409);
    assert.equal((refused.json as { code: string }).code, 'last_sign_in_method');
    const still = await tessera.send('GET', '/auth/identities', { cookie: session });
    assert.equal((still.json as { identities: unknown[] }).identities.length, 1);

    const unauthenticated = await tessera.send('DELETE', '/auth/identities/local');
    assert.equal(unauthenticated.status, 401);
  });

  it('state wrong, missing or reused, or no flow cookie: oauth_failed and no session', async () => {
    const sub = newAccount(provider, uniqueEmail('oidc-state'));
    const origin = new URL(tessera.url).origin;

    const wrong = new TestBrowser();
    const start = await wrong.get(`${tessera.url}/auth/oauth/local`);
    const { signInAtProvider } = await import('./oauth/drive-browser.js');
    const callbackUrl = new URL(await signInAtProvider(wrong, start.location!, sub));
    const flowCookie = wrong.cookie(origin, OAUTH_COOKIE)!;

    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const missing = new URL(callbackUrl);
    missing.searchParams.delete('state');
    for (const url of [tampered, missing]) {
      const hop = await wrong.get(url.href);
      assert.equal(hop.location, `${tessera.url}/login?error=oauth_failed`, url.search);
      assertNoSession(hop);
      wrong.setCookie(origin, OAUTH_COOKIE, flowCookie);
    }

    // Without the cookie that started it (another browser: login CSRF).
    const stranger = new TestBrowser();
    const foreign = await stranger.get(callbackUrl.href);
    assert.equal(foreign.location, `${tessera.url}/login?error=oauth_failed`);
    assertNoSession(foreign);

    // The real callback succeeds once…
    wrong.setCookie(origin, OAUTH_COOKIE, flowCookie);
    const first = await wrong.get(callbackUrl.href);
    assert.equal(first.location, `${tessera.url}/`);
    assert.ok(setCookieValue(first, SESSION_COOKIE));
    // …and replayed, even with the saved flow cookie, it is refused.
    wrong.setCookie(origin, OAUTH_COOKIE, flowCookie);
    const replay = await wrong.get(callbackUrl.href);
    assert.equal(replay.location, `${tessera.url}/login?error=oauth_failed`);
    assertNoSession(replay);
    // A tampered cookie is no cookie.
    wrong.setCookie(origin, OAUTH_COOKIE, `${flowCookie.slice(0, -4)}AAAA`);
    const forged = await wrong.get(callbackUrl.href);
    assert.equal(forged.location, `${tessera.url}/login?error=oauth_failed`);
  });

  it('the user cancels at the provider (error=access_denied): oauth_failed, no session', async () => {
    const sub = newAccount(provider, uniqueEmail('oidc-cancel'));
    const flow = await signInThroughProvider(new TestBrowser(), tessera, 'local', sub, '', { abort: true });
    assert.match(flow.callbackUrl, /error=access_denied/);
    assert.equal(flow.callback.location, `${tessera.url}/login?error=oauth_failed`);
    assertNoSession(flow.callback);
  });

  it('a disabled account: account_disabled, no session', async () => {
    const email = uniqueEmail('oidc-disabled');
    const sub = newAccount(provider, email);
    const first = await signInThroughProvider(new TestBrowser(), tessera, 'local', sub);
    const session = setCookieValue(first.callback, SESSION_COOKIE)!;
    const me = await tessera.send('GET', '/auth/me', { cookie: session });
    const userId = (me.json as { user: { id: string } }).user.id;
    await tessera.store.updateUserDisabledAt(userId, new Date());
    const flow = await signInThroughProvider(new TestBrowser(), tessera, 'local', sub);
    assert.equal(flow.callback.location, `${tessera.url}/login?error=account_disabled`);
    assertNoSession(flow.callback);
  });

  it('a signed-in browser that signs in through a provider gets a new session; the old one is revoked', async () => {
    const sub = newAccount(provider, uniqueEmail('oidc-fixation'));
    const planted = await tessera.register(uniqueEmail('oidc-planted'));
    const browser = new TestBrowser();
    browser.setCookie(new URL(tessera.url).origin, SESSION_COOKIE, planted);
    const flow = await signInThroughProvider(browser, tessera, 'local', sub);
    const fresh = setCookieValue(flow.callback, SESSION_COOKIE)!;
    assert.notEqual(fresh, planted);
    assert.equal((await tessera.send('GET', '/auth/me', { cookie: planted })).status, 401);
  });
});
