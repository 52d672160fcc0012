// The web UI's part of provider sign-in (DESIGN §8), without JavaScript: provider buttons on the
// sign-in and registration pages, an error message for each `/login?error=` code, and linked
// providers on the account page with link and unlink.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE, startTestServer, uniqueEmail, type TestServer } from './harness.js';

const providers = [
  // Never contacted: the pages only name the providers; the flow starts when a button is followed.
  { id: 'google', issuer: 'https://accounts.google.com', clientId: 'web', clientSecret: 'secret-a' },
  { id: 'github', preset: 'github', clientId: 'gh', clientSecret: 'secret-b' },
];

describe('web UI with sign-in providers', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ TESSERA_OAUTH_PROVIDERS: JSON.stringify(providers) });
  });

  after(() => server.close());

  it('the sign-in and registration pages have a link per provider, no script needed', async () => {
    for (const path of ['/login', '/register']) {
      const page = await server.send('GET', path);
      assert.equal(page.status, 200);
      assert.match(page.text, /href="\/auth\/oauth\/google\?return_to=\/account"/);
      assert.match(page.text, /Continue with\s+Google/);
      assert.match(page.text, /href="\/auth\/oauth\/github\?return_to=\/account"/);
      assert.match(page.text, /Continue with\s+GitHub/);
      assert.doesNotMatch(page.text, /<script(?! type="module" src="\/ui\/)/);
    }
  });

  it('each /login?error= code has its own message; an unknown one shows none', async () => {
    const expected: Record<string, RegExp> = {
      oauth_failed: /did not work/,
      account_exists: /already exists.*link the provider/s,
      account_disabled: /disabled/,
    };
    for (const [code, text] of Object.entries(expected)) {
      const page = await server.send('GET', `/login?error=${code}`);
      assert.equal(page.status, 200, code);
      assert.match(page.text, text, code);
    }
    const unknown = await server.send('GET', '/login?error=%3Cscript%3E');
    assert.equal(unknown.status, 200);
    assert.doesNotMatch(unknown.text, /<script>/);
    assert.doesNotMatch(unknown.text, /class="alert"/);
  });

  it('the account page lists linked providers with Unlink, and offers Link for the others', async () => {
    const email = uniqueEmail('ui-oauth');
    const token = await server.register(email);
    const me = await server.send('GET', '/auth/me', { cookie: token });
    const userId = (me.json as { user: { id: string } }).user.id;
    await server.store.insertIdentity({
      provider: 'github',
      subject: '4242',
      userId,
      email: 'octo@example.com',
      emailVerified: true,
      linkedAt: server.clock.now(),
    });
    const page = await server.send('GET', '/account', { cookie: token });
    assert.equal(page.status, 200);
    assert.match(page.text, /Sign-in providers/);
    assert.match(page.text, /octo@example\.com/);
    assert.match(page.text, /action="\/account\/identities\/github\/unlink"/);
    assert.match(page.text, /href="\/auth\/oauth\/google\?link=true&amp;return_to=\/account"/);

    const unlinked = await server.send('POST', '/account/identities/github/unlink', {
      cookie: token,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      rawBody: '',
    });
    assert.equal(unlinked.status, 303);
    assert.equal(unlinked.headers['location'], '/account');
    assert.deepEqual(await server.store.listUserIdentities(userId), []);
  });

  it('unlinking the last way in is refused on the page, with the reason', async () => {
    // A user without a password, signed in, with one identity.
    const email = uniqueEmail('ui-oauth-only');
    const token = await server.register(email);
    const me = await server.send('GET', '/auth/me', { cookie: token });
    const userId = (me.json as { user: { id: string } }).user.id;
    await server.store.insertIdentity({
      provider: 'google',
      subject: `g-${userId}`,
      userId,
      email,
      emailVerified: true,
      linkedAt: server.clock.now(),
    });
    // As a provider sign-in creates it: no password (the memory store keeps what it is given).
    await server.store.updateUserPasswordHash(userId, null as unknown as string);
    const refused = await server.send('POST', '/account/identities/google/unlink', {
      cookie: token,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      rawBody: '',
    });
    assert.equal(refused.status, 409);
    assert.match(refused.text, /last way to sign in/);
    assert.equal((await server.store.listUserIdentities(userId)).length, 1);
    assert.equal(refused.setCookies.filter((line) => line.startsWith(`${SESSION_COOKIE}=;`)).length, 0);
  });
});
