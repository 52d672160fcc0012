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

/**
 * Checked headers by their encoded text. Every token a key signs carries the same header, so the
 * decoding and checking is done once per distinct header, not once per token. Only headers that
 * passed are kept, and at most this many: a flood of made-up headers costs work, never memory.
 */
const MAX_REMEMBERED_HEADERS = 64;
const checkedHeaders = new Map<string, JwsHeader>();

/** A compact JWS split into its parts, with a header that passed {@link parseCompactJws}. */
export interface CompactJws {
  /** Frozen: the same object is handed to every token with this header. */
  readonly header: JwsHeader;
  /** The encoded header and payload with the dot between them: what the signature covers. */
  readonly signingInput: string;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
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
  const firstDot = token.indexOf('.');
  const secondDot = firstDot === -1 ? -1 : token.indexOf('.', firstDot + 1);
  if (secondDot === -1 || token.includes('.', secondDot + 1)) {
    throw new InvalidTokenError('The access token is not a compact JWS of three segments.');
  }
  const encodedHeader = token.slice(0, firstDot);
  const payload = decodeCanonicalBase64url(token.slice(firstDot + 1, secondDot));
  const signature = decodeCanonicalBase64url(token.slice(secondDot + 1));
  if (payload === null || signature === null) {
    throw new InvalidTokenError('The access token is not canonical base64url.');
  }
  const header = checkedHeaders.get(encodedHeader) ?? readHeader(encodedHeader);
  return { header, signingInput: token.slice(0, secondDot), payload, signature };
}

function readHeader(encodedHeader: string): JwsHeader {
  const headerBytes = decodeCanonicalBase64url(encodedHeader);
  if (headerBytes === null) throw new InvalidTokenError('The access token is not canonical base64url.');
  const parsed = parseJsonObject(headerBytes);
  if (parsed === null) throw new InvalidTokenError('The access token header is not a JSON object.');
  const header = Object.freeze(checkHeader(parsed));
  const oldest = checkedHeaders.keys().next();
  if (checkedHeaders.size >= MAX_REMEMBERED_HEADERS && oldest.done !== true)
    checkedHeaders.delete(oldest.value);
  checkedHeaders.set(encodedHeader, header);
  return header;
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
