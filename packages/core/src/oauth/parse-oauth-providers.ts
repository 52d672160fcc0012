import type { OAuthProviderConfig } from './oauth-provider-config.js';

/** A path segment the router matches (`:provider`), and a name that reads well in a URL. */
const PROVIDER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const OIDC_KEYS = ['id', 'issuer', 'clientId', 'clientSecret', 'scopes', 'audiences'];
const GITHUB_KEYS = [
  'id',
  'preset',
  'clientId',
  'clientSecret',
  'scopes',
  'authorizationEndpoint',
  'tokenEndpoint',
  'apiUrl',
];

/**
 * Validates the providers of `TESSERA_OAUTH_PROVIDERS` (already parsed from JSON): a mistake throws
 * `TypeError` naming `variableName` and the entry, never echoing a secret.
 *
 * @example
 * const providers = parseOAuthProviders(JSON.parse(text), 'TESSERA_OAUTH_PROVIDERS');
 */
export function parseOAuthProviders(value: unknown, variableName: string): OAuthProviderConfig[] {
  if (!Array.isArray(value)) throw new TypeError(`${variableName} must be a JSON array of providers`);
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const where = `${variableName}[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new TypeError(`${where} must be an object`);
    const record = entry as Record<string, unknown>;
    const id = readString(record, 'id', where);
    if (!PROVIDER_ID.test(id))
      throw new TypeError(`${where}.id must be 1 to 64 of A-Z a-z 0-9 _ - (it appears in URLs)`);
    if (seen.has(id)) throw new TypeError(`${where}.id "${id}" is used twice`);
    seen.add(id);
    const preset = record['preset'];
    const allowed = preset === undefined ? OIDC_KEYS : GITHUB_KEYS;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) throw new TypeError(`${where} has an unknown key "${key.slice(0, 40)}"`);
    }
    const clientId = readString(record, 'clientId', where);
    const clientSecret = readString(record, 'clientSecret', where);
    if (preset === 'github') {
      return {
        kind: 'github',
        id,
        clientId,
        clientSecret,
        scopes: readScopes(record, where, ['read:user', 'user:email']),
        authorizationEndpoint: readEndpoint(
          record,
          'authorizationEndpoint',
          where,
          'https://github.com/login/oauth/authorize',
        ),
        tokenEndpoint: readEndpoint(
          record,
          'tokenEndpoint',
          where,
          'https://github.com/login/oauth/access_token',
        ),
        apiUrl: readEndpoint(record, 'apiUrl', where, 'https://api.github.com').replace(/\/+$/, ''),
      };
    }
    if (preset !== undefined) throw new TypeError(`${where}.preset must be "github" (or left out)`);
    const issuer = readEndpoint(record, 'issuer', where, null);
    const audiences = record['audiences'] ?? [];
    if (
      !Array.isArray(audiences) ||
      audiences.some((audience) => typeof audience !== 'string' || audience === '')
    )
      throw new TypeError(`${where}.audiences must be an array of client ids`);
    return {
      kind: 'oidc',
      id,
      issuer,
      clientId,
      clientSecret,
      scopes: readScopes(record, where, ['openid', 'email', 'profile']),
      audiences: audiences as string[],
    };
  });
}

function readString(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '' || value.trim() !== value)
    throw new TypeError(`${where}.${key} must be a non-empty string without surrounding spaces`);
  return value;
}

function readScopes(record: Record<string, unknown>, where: string, fallback: string[]): string[] {
  const value = record['scopes'];
  if (value === undefined) return fallback;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((scope) => typeof scope !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))
  )
    throw new TypeError(`${where}.scopes must be a non-empty array of scope names`);
  return value as string[];
}

/**
 * An https URL, or http only on a loopback host (development, tests): a provider reached over plain
 * HTTP anywhere else could be impersonated by anyone on the path.
 */
function readEndpoint(
  record: Record<string, unknown>,
  key: string,
  where: string,
  fallback: string | null,
): string {
  const value = record[key];
  if (value === undefined && fallback !== null) return fallback;
  if (typeof value !== 'string') throw new TypeError(`${where}.${key} must be a URL`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${where}.${key} must be a URL`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    throw new TypeError(`${where}.${key} must not carry credentials, a query or a fragment`);
  if (url.protocol === 'https:') return value;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return value;
  throw new TypeError(`${where}.${key} must be an https:// URL (http:// only on a loopback address)`);
}

/**
 * Whether a URL's host is this machine: `localhost`, 127.0.0.0/8 or `[::1]`.
 *
 * @example
 * isLoopbackHost(new URL('http://127.0.0.1:9000').hostname); // true
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(hostname) ||
    hostname === '[::1]'
  );
}
