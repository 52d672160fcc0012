// How bench/next-auth-cost.mjs signs its user in: on a Tessera server (JSON, as a non-browser client)
// and through Auth.js's own routes in the Next.js app (CSRF token, then the credentials form).
import { URLSearchParams } from 'node:url';

/** The cookies a browser would send back to a page at `/` (not the refresh cookie's path). */
const cookiesOf = (response) =>
  response.headers
    .getSetCookie()
    .filter((cookie) => !/;\s*path=(?!\/(;|$))/i.test(cookie))
    .map((cookie) => cookie.split(';', 1)[0])
    .join('; ');

async function post(url, body, headers = {}) {
  const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual' });
  if (response.status >= 400) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response;
}

/** Signs the bench user in on a Tessera server (registering on the first) and returns its cookies. */
export async function tesseraCookies(serverUrl, action, { email, password }) {
  const json = { 'content-type': 'application/json' };
  return cookiesOf(await post(`${serverUrl}/auth/${action}`, JSON.stringify({ email, password }), json));
}

/** Signs in through Auth.js's own routes, as its sign-in form does: CSRF token, then credentials. */
export async function authJsCookies(appUrl, { email, password }) {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${appUrl}/authjs` });
  const signedIn = await post(`${appUrl}/api/auth/callback/credentials`, form.toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    cookie: cookiesOf(csrf),
  });
  const session = cookiesOf(signedIn)
    .split('; ')
    .filter((pair) => pair.startsWith('authjs.session-token='));
  if (session.length !== 1) throw new Error(`Auth.js sign-in set no session cookie (${signedIn.status})`);
  return session[0];
}
