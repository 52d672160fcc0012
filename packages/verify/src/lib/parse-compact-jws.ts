import type { JwsHeader } from '../jws-header.js';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../access-token-claims.js';
import { InvalidTokenError } from '../access-token-error.js';
import { decodeCanonicalBase64url } from './decode-canonical-base64url.js';
import { parseJsonObject } from './parse-json-object.js';

/**
 * Header members that are refused even when the signature verifies with a configured key:
 * keys named or embedded by the token itself (RFC 7515 §4.1.2-4.1.6, RFC 8725 §3.10), extensions
 * we would have to understand (`crit`, RFC 7515 §4.1.11: we understand none) and the unencoded
 * payload option (`b64`, RFC 7797 §3), which changes what the signature covers.
 */
const REFUSED_HEADER_MEMBERS = ['jwk', 'jku', 'x5u', 'x5c', 'crit', 'b64'] as const;

/** A compact JWS split into its parts, with a header that passed {@link parseCompactJws}. */
export interface CompactJws {
  readonly header: JwsHeader;
  readonly payload: Uint8Array;
}

/**
 * Splits and decodes a compact JWS (RFC 7515 §7.1) and checks its protected header, before any key
 * is looked up or any signature computed: a string of at most `maxLength` characters, exactly
 * three non-empty canonical base64url segments, a JSON object header whose `alg` is one of ours
 * (never `none` in any spelling, RFC 8725 §3.2) and with no refused member. Throws
 * `InvalidTokenError`.
 *
 * @example
 * const { header, payload } = parseCompactJws(token, 8192);
 */
export function parseCompactJws(token: unknown, maxLength: number): CompactJws {
  if (typeof token !== 'string') throw new InvalidTokenError('The access token is not a string.');
  if (token.length > maxLength) throw new InvalidTokenError('The access token is too long.');
  const segments = token.split('.');
  if (segments.length !== 3) {
    throw new InvalidTokenError('The access token is not a compact JWS of three segments.');
  }
  const decoded = segments.map(decodeCanonicalBase64url);
  const [headerBytes, payloadBytes, signatureBytes] = decoded;
  if (headerBytes == null || payloadBytes == null || signatureBytes == null) {
    throw new InvalidTokenError('The access token is not canonical base64url.');
  }
  const header = parseJsonObject(headerBytes);
  if (header === null) throw new InvalidTokenError('The access token header is not a JSON object.');
  return { header: checkHeader(header), payload: payloadBytes };
}

function checkHeader(header: Record<string, unknown>): JwsHeader {
  const alg = header['alg'];
  if (typeof alg !== 'string') throw new InvalidTokenError('The access token header has no algorithm.');
  if (alg.toLowerCase() === 'none') {
    throw new InvalidTokenError('Unsecured tokens (algorithm "none") are refused.');
  }
  if (!isSigningAlgorithm(alg)) {
    throw new InvalidTokenError('The access token names an algorithm that is not accepted.');
  }
  for (const member of REFUSED_HEADER_MEMBERS) {
    if (Object.hasOwn(header, member)) {
      throw new InvalidTokenError(`The access token header carries a refused "${member}" member.`);
    }
  }
  const kid = header['kid'];
  if (kid !== undefined && typeof kid !== 'string') {
    throw new InvalidTokenError('The access token key id is not a string.');
  }
  const typ = header['typ'];
  if (typ !== undefined && typeof typ !== 'string') {
    throw new InvalidTokenError('The access token type is not a string.');
  }
  return { ...header, alg };
}

function isSigningAlgorithm(alg: string): alg is SigningAlgorithm {
  return (SIGNING_ALGORITHMS as readonly string[]).includes(alg);
}
