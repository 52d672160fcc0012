import { ConfigError } from './config-error.js';

/**
 * `TESSERA_PUBLIC_URL`: an absolute http(s) URL with nothing after the host and port but an optional
 * `/` (no path, query, fragment or credentials), returned as its origin as browsers send it (lower
 * case, punycode, default port omitted); `null` when unset.
 *
 * @example
 * readPublicOrigin('https://Auth.Example.com:443/'); // 'https://auth.example.com'
 */
export function readPublicOrigin(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const expected = 'TESSERA_PUBLIC_URL must be an http:// or https:// URL with no path, query or fragment';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(expected);
  }
  const bare =
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    // The value is not echoed: it may carry credentials.
    throw new ConfigError(`${expected}, e.g. https://auth.example.com`);
  }
  return url.origin;
}
