// Starts Tessera servers whose provider sign-in points at a test provider, and walks the browser flow.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TesseraStore } from '@tessera/core';
import type { Environment } from '../../src/load-config.js';
import { startTestServer, TestClock, type TestServer } from '../harness.js';
import type { TestBrowser } from './drive-browser.js';
import { signInAtProvider, type Hop } from './drive-browser.js';

/** A port nobody listens on right now (the servers need theirs before the provider is configured). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A Tessera server on `port` with `providers` configured, on the wall clock (provider tokens are real). */
export function startTesseraWithProviders(
  port: number,
  providers: unknown[],
  env: Environment = {},
  store?: TesseraStore,
): Promise<TestServer> {
  return startTestServer(
    {
      PORT: String(port),
      TESSERA_OAUTH_PROVIDERS: JSON.stringify(providers),
      TESSERA_OAUTH_TIMEOUT: '2',
      ...env,
    },
    { clock: new TestClock(Date.now()), ...(store === undefined ? {} : { store }) },
  );
}

/** Every step of one browser sign-in (or link) through a provider. */
export interface ProviderFlow {
  start: Hop;
  callbackUrl: string;
  callback: Hop;
}

/** Starts at Tessera, signs in at the provider as `accountId`, comes back to the callback. */
export async function signInThroughProvider(
  browser: TestBrowser,
  tessera: TestServer,
  provider: string,
  accountId: string,
  query = '',
  options: { abort?: boolean } = {},
): Promise<ProviderFlow> {
  const start = await browser.get(`${tessera.url}/auth/oauth/${provider}${query}`, {
    'sec-fetch-site': 'same-origin',
  });
  if (start.status !== 302 || start.location === null)
    throw new Error(`start answered ${start.status}: ${start.text}`);
  const callbackUrl = await signInAtProvider(browser, start.location, accountId, options);
  const callback = await browser.get(callbackUrl);
  return { start, callbackUrl, callback };
}

/** The value a response sets for `name` (`''` when it clears it), or `null`. */
export function setCookieValue(hop: Hop, name: string): string | null {
  for (const line of hop.setCookies) {
    if (line.startsWith(`${name}=`)) return line.slice(name.length + 1).split(';', 1)[0] ?? '';
  }
  return null;
}
