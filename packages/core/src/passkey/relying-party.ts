import { isIP } from 'node:net';

/**
 * The WebAuthn relying party: who passkeys are created for. Browsers bind every passkey to `id` (a
 * domain name) and report the page's `origin` in each signed answer; both are checked on every use.
 *
 * @example
 * const relyingParty: RelyingParty | null = relyingPartyOf('https://auth.example.com');
 * relyingParty?.id; // 'auth.example.com'
 */
export interface RelyingParty {
  /** The RP ID: the host of `TESSERA_PUBLIC_URL`, a domain name such as `auth.example.com` or `localhost`. */
  readonly id: string;
  /** The origin the ceremonies must come from: the origin of `TESSERA_PUBLIC_URL`. */
  readonly origin: string;
  /** The name authenticators may show next to the passkey. */
  readonly name: string;
}

/**
 * The relying party of a public origin, or `null` when its host is an IP address: WebAuthn needs a
 * domain name as RP ID, and browsers refuse ceremonies on an IP address (WebAuthn §5.1.3 step 8 and
 * the RP ID rules). Passkeys are then disabled and their routes say so. Throws `TypeError` when
 * `publicOrigin` is not an http(s) origin.
 *
 * @example
 * relyingPartyOf('https://auth.example.com'); // { id: 'auth.example.com', origin: 'https://auth.example.com', name: 'Tessera' }
 * relyingPartyOf('http://127.0.0.1:3000'); // null
 */
export function relyingPartyOf(publicOrigin: string, name = 'Tessera'): RelyingParty | null {
  const url = URL.canParse(publicOrigin) ? new URL(publicOrigin) : null;
  if (
    url === null ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.origin !== publicOrigin
  ) {
    throw new TypeError(
      'relyingPartyOf: publicOrigin must be an http(s) origin such as "https://auth.example.com"',
    );
  }
  // URL keeps an IPv6 host in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return null;
  return Object.freeze({ id: host, origin: url.origin, name });
}
