// The GitHub preset (plain OAuth 2.0: state, PKCE, the user API and the verified primary address)
// against a loopback server speaking GitHub's documented endpoints and JSON shapes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE, uniqueEmail, type TestServer } from './harness.js';
import { TestBrowser, type Hop } from './oauth/drive-browser.js';
import { startGithubLikeServer, type GithubLikeServer } from './oauth/start-github-like-server.js';
import { freePort, setCookieValue, startTesseraWithProviders } from './oauth/tessera-with-provider.js';

describe('the GitHub preset', () => {
  let github: GithubLikeServer;
  let tessera: TestServer;

  before(async () => {
    github = await startGithubLikeServer();
    tessera = await startTesseraWithProviders(await freePort(), [
      {
        id: 'github',
        preset: 'github',
        clientId: github.clientId,
        clientSecret: github.clientSecret,
        authorizationEndpoint: `${github.url}/login/oauth/authorize`,
        tokenEndpoint: `${github.url}/login/oauth/access_token`,
        apiUrl: `${github.url}/api`,
      },
    ]);
  });

  after(async () => {
    await tessera.close();
    await github.close();
  });

  async function flow(
    browser = new TestBrowser(),
  ): Promise<{ start: Hop; callbackUrl: string; callback: Hop }> {
    const start = await browser.get(`${tessera.url}/auth/oauth/github?return_to=/account`);
    assert.equal(start.status, 302, start.text);
    const authorized = await browser.get(start.location!);
    const callbackUrl = authorized.location!;
    return { start, callbackUrl, callback: await browser.get(callbackUrl) };
  }

  it('redirects to GitHub with the app id, the scopes, state and PKCE S256', async () => {
    const start = await new TestBrowser().get(`${tessera.url}/auth/oauth/github`);
    const url = new URL(start.location!);
    assert.equal(`${url.origin}${url.pathname}`, `${github.url}/login/oauth/authorize`);
    assert.equal(url.searchParams.get('client_id'), github.clientId);
    assert.equal(url.searchParams.get('redirect_uri'), `${tessera.url}/auth/oauth/github/callback`);
    assert.equal(url.searchParams.get('scope'), 'read:user user:email');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('state'));
  });

  it('signs in with the numeric user id as the identity and the verified primary address', async () => {
    const primary = uniqueEmail('gh-primary');
    github.user = { id: 583231, login: 'octocat' };
    github.emails = [
      { email: uniqueEmail('gh-secondary'), primary: false, verified: true, visibility: null },
      { email: primary.toUpperCase(), primary: true, verified: true, visibility: 'public' },
    ];
    const { callback } = await flow();
    assert.equal(callback.status, 303);
    assert.equal(callback.location, `${tessera.url}/account`);
    const session = setCookieValue(callback, SESSION_COOKIE);
    assert.ok(session);
    const me = await tessera.send('GET', '/auth/me', { cookie: session });
    assert.equal((me.json as { user: { email: string } }).user.email, primary);
    const identity = await tessera.store.getIdentity('github', '583231');
    assert.equal(identity?.email, primary);
    assert.equal(identity.emailVerified, true);

    // The same GitHub user with another primary address later: still the same account (identity = id).
    github.emails = [{ email: uniqueEmail('gh-changed'), primary: true, verified: true, visibility: null }];
    const again = await flow();
    const me2 = await tessera.send('GET', '/auth/me', {
      cookie: setCookieValue(again.callback, SESSION_COOKIE)!,
    });
    assert.equal((me2.json as { user: { email: string } }).user.email, primary);
  });

  it('a primary address GitHub has not verified, or none: oauth_failed, no session', async () => {
    github.user = { id: 777, login: 'unverified' };
    for (const emails of [
      [{ email: uniqueEmail('gh-unverified'), primary: true, verified: false, visibility: null }],
      [],
    ]) {
      github.emails = emails;
      const { callback } = await flow();
      assert.equal(callback.location, `${tessera.url}/login?error=oauth_failed`);
      assert.equal(setCookieValue(callback, SESSION_COOKIE), null);
    }
    assert.equal(await tessera.store.getIdentity('github', '777'), null);
  });

  it('a code GitHub refuses, or a replayed callback: oauth_failed, no session', async () => {
    github.user = { id: 888, login: 'replayer' };
    github.emails = [{ email: uniqueEmail('gh-replay'), primary: true, verified: true, visibility: null }];
    const browser = new TestBrowser();
    const origin = new URL(tessera.url).origin;
    const start = await browser.get(`${tessera.url}/auth/oauth/github`);
    const flowCookie = browser.cookie(origin, '__Host-tessera-oauth')!;
    const callbackUrl = new URL((await browser.get(start.location!)).location!);
    const badCode = new URL(callbackUrl);
    badCode.searchParams.set('code', 'not-a-code');
    const refused = await browser.get(badCode.href);
    assert.equal(refused.location, `${tessera.url}/login?error=oauth_failed`);
    assert.equal(setCookieValue(refused, SESSION_COOKIE), null);
    // The flow was used up by that attempt: the real code cannot be brought back with the same cookie.
    browser.setCookie(origin, '__Host-tessera-oauth', flowCookie);
    const replay = await browser.get(callbackUrl.href);
    assert.equal(replay.location, `${tessera.url}/login?error=oauth_failed`);
  });

  it('GitHub has no ID tokens: the native-app route is 404', async () => {
    const result = await tessera.send('POST', '/auth/oauth/github/id-token', { body: { idToken: 'a.b.c' } });
    assert.equal(result.status, 404);
    assert.equal((result.json as { code: string }).code, 'not_found');
  });
});
