// What bench/sign-in-cost.mjs does over HTTP, one function per step a user takes: sign up, turn on
// TOTP, add a passkey, and walk a provider sign-in up to the callback. Requests carry the headers a
// browser on the server's own page sends (Origin, Sec-Fetch-Site), and cookies are kept by hand.
import { URLSearchParams } from 'node:url';
import * as OTPAuth from 'otpauth';
import { SoftwarePasskey } from './software-passkey.mjs';

export const password = 'correct horse battery staple';
/** The server's TESSERA_PUBLIC_URL: passkeys need a domain name; the "browser" reaches it on loopback. */
export const publicUrl = 'https://auth.example.test';
const sameOrigin = { origin: publicUrl, 'sec-fetch-site': 'same-origin' };

/** A response read to its end: status, JSON body (or null), Set-Cookie pairs and Location. */
export async function send(url, method, { body, cookie, headers = {} } = {}) {
  const response = await fetch(url, {
    method,
    redirect: 'manual',
    headers: {
      ...(method === 'GET' ? {} : sameOrigin),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(cookie === undefined ? {} : { cookie }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  if (response.headers.get('content-type')?.includes('json')) json = JSON.parse(text);
  return {
    status: response.status,
    json,
    text,
    location: response.headers.get('location'),
    cookies: response.headers.getSetCookie().map((line) => line.split(';', 1)[0]),
  };
}

function expectStatus(result, status, what) {
  if (result.status !== status)
    throw new Error(`${what} answered ${result.status}: ${result.text.slice(0, 300)}`);
  return result;
}

/** Registers `email`; resolves the session cookie (`name=value`). */
export async function signUp(url, email) {
  const result = expectStatus(
    await send(`${url}/auth/register`, 'POST', { body: { email, password } }),
    201,
    'register',
  );
  return result.cookies.find((pair) => !pair.endsWith('='));
}

/** The RFC 6238 code of `secret` (base32) for time step `step` (SHA-1, 6 digits, 30 s). */
export function totpCode(secret, step) {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: step * 30_000 });
}

export const currentStep = () => Math.floor(Date.now() / 30_000);

/**
 * Signs `email` up and turns TOTP on. Resolves `{ email, secret, lastStep }`: the confirmation spent
 * `lastStep`, and a code is never accepted twice nor one older than the last (DESIGN §9).
 */
export async function signUpWithTotp(url, email) {
  const cookie = await signUp(url, email);
  const started = expectStatus(await send(`${url}/auth/mfa/totp`, 'POST', { cookie }), 200, 'TOTP start');
  const { secret } = started.json;
  const lastStep = currentStep();
  const body = { code: totpCode(secret, lastStep) };
  expectStatus(await send(`${url}/auth/mfa/totp/confirm`, 'POST', { cookie, body }), 200, 'TOTP confirm');
  return { email, secret, lastStep };
}

/** Adds a passkey to the signed-in account of `cookie`; resolves the authenticator holding it. */
export async function addPasskey(url, cookie) {
  const options = expectStatus(
    await send(`${url}/auth/passkeys/register/options`, 'POST', { cookie }),
    200,
    'passkey register options',
  );
  const passkey = new SoftwarePasskey(publicUrl);
  const body = { response: passkey.create(options.json) };
  expectStatus(
    await send(`${url}/auth/passkeys/register`, 'POST', { cookie, body }),
    201,
    'passkey register',
  );
  return passkey;
}

/** A password sign-in. */
export async function signInWithPassword(url, email) {
  expectStatus(await send(`${url}/auth/login`, 'POST', { body: { email, password } }), 200, 'login');
}

/** A password + TOTP sign-in of a `signUpWithTotp` user: the 401 `mfa_required`, then the code. */
export async function signInWithTotp(url, user) {
  const step = Math.max(currentStep(), user.lastStep + 1);
  if (step > currentStep() + 1) throw new Error('a TOTP user was used twice within one time step');
  const code = totpCode(user.secret, step);
  const first = expectStatus(
    await send(`${url}/auth/login`, 'POST', { body: { email: user.email, password } }),
    401,
    'login step one',
  );
  if (first.json?.code !== 'mfa_required') throw new Error(`login step one: ${first.text.slice(0, 300)}`);
  const body = { mfaToken: first.json.mfaToken, code };
  expectStatus(await send(`${url}/auth/login/mfa`, 'POST', { body }), 200, 'login step two');
  user.lastStep = step;
}

/** A passkey sign-in: request options, the authenticator's answer, the login. */
export async function signInWithPasskey(url, passkey) {
  const options = expectStatus(
    await send(`${url}/auth/passkeys/login/options`, 'POST'),
    200,
    'passkey options',
  );
  const body = { response: passkey.get(options.json) };
  expectStatus(await send(`${url}/auth/passkeys/login`, 'POST', { body }), 200, 'passkey login');
}

/**
 * Everything of a provider sign-in before the callback: Tessera's start (302 to the provider, the
 * flow cookie set), then the provider's login and consent pages as `subject`. Resolves what the
 * browser holds when the provider sends it back: `{ callbackUrl, cookie }` on the Tessera server.
 */
export async function prepareProviderCallback(url, providerId, subject) {
  const start = expectStatus(await send(`${url}/auth/oauth/${providerId}`, 'GET'), 302, 'provider start');
  const cookie = start.cookies.join('; ');
  const jar = new Map();
  let next = start.location;
  const issuerOrigin = new URL(next).origin;
  for (let hops = 0; hops < 12; hops += 1) {
    const target = new URL(next);
    // Back at the redirect URI (the public URL): the browser would go there; loopback here.
    if (target.origin !== issuerOrigin)
      return { callbackUrl: `${url}${target.pathname}${target.search}`, cookie };
    const cookieHeader = [...jar].map(([name, value]) => `${name}=${value}`).join('; ') || undefined;
    let hop;
    if (/^\/interaction\/[^/]+$/.test(target.pathname)) {
      const page = expectStatus(await send(next, 'GET', { cookie: cookieHeader }), 200, 'provider page');
      const prompt = /name="prompt" value="([a-z]+)"/.exec(page.text)?.[1];
      const form = prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt: 'consent' };
      hop = await send(next, 'POST', {
        body: new URLSearchParams(form).toString(),
        cookie: cookieHeader,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: issuerOrigin },
      });
    } else {
      hop = await send(next, 'GET', { cookie: cookieHeader });
    }
    for (const pair of hop.cookies) {
      const at = pair.indexOf('=');
      if (at === pair.length - 1) jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    if (hop.location === null) throw new Error(`provider answered ${hop.status}: ${hop.text.slice(0, 300)}`);
    next = new URL(hop.location, next).href;
  }
  throw new Error('too many redirects at the provider');
}

/** The callback of a prepared provider sign-in: 303 to `/` with a session, or it throws. */
export async function finishProviderSignIn({ callbackUrl, cookie }) {
  const result = expectStatus(await send(callbackUrl, 'GET', { cookie }), 303, 'provider callback');
  const signedIn = result.cookies.some(
    (pair) => pair.startsWith('__Host-tessera-session=') && !pair.endsWith('='),
  );
  if (result.location?.includes('error=') || !signedIn)
    throw new Error(`provider callback did not sign in: ${result.location}`);
}
