import { hash, timingSafeEqual } from 'node:crypto';
import type { RandomBytes } from '../random.js';

/** 128 bits: the public id only has to be unique, it is not a secret. */
const SESSION_ID_BYTES = 16;
/** 256 bits from the CSPRNG (DESIGN §4). */
const SESSION_SECRET_BYTES = 32;
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A freshly generated token and its parts; only `secretHash` is ever stored. */
export interface GeneratedSessionToken {
  token: string;
  sessionId: string;
  secretHash: string;
}

/**
 * Generates an opaque `<id>.<secret>` token.
 *
 * @example
 * const { token, sessionId, secretHash } = generateSessionToken(cryptoRandomBytes);
 */
export function generateSessionToken(randomBytes: RandomBytes): GeneratedSessionToken {
  const sessionId = Buffer.from(randomBytes(SESSION_ID_BYTES)).toString('base64url');
  const secret = Buffer.from(randomBytes(SESSION_SECRET_BYTES)).toString('base64url');
  return { token: `${sessionId}.${secret}`, sessionId, secretHash: hashTokenSecret(secret) };
}

/**
 * Splits a presented token into its id and secret, or returns `null` when it is not exactly the shape
 * `generateSessionToken` produces (length and alphabet checked before anything else is done with it).
 *
 * @example
 * parseSessionToken('abc') // null
 */
export function parseSessionToken(token: string): { sessionId: string; secret: string } | null {
  if (token.length !== 66) return null;
  const match = TOKEN_PATTERN.exec(token);
  if (match === null) return null;
  return { sessionId: match[1] ?? '', secret: match[2] ?? '' };
}

/**
 * Lower-case hex SHA-256 of a token secret. A fast hash is right here: the secret has 256 bits of
 * entropy, so there is nothing to brute-force (unlike a password).
 *
 * @example
 * hashTokenSecret(secret) // '9f86d0…'
 */
export function hashTokenSecret(secret: string): string {
  // The one-shot form: no Hash object per request (this runs on every session-cookie request).
  return hash('sha256', secret, 'hex');
}

/**
 * Compares two secret hashes in constant time.
 *
 * @example
 * secretHashesMatch(stored.secretHash, hashTokenSecret(secret))
 */
export function secretHashesMatch(storedHash: string, presentedHash: string): boolean {
  const stored = Buffer.from(storedHash, 'utf8');
  const presented = Buffer.from(presentedHash, 'utf8');
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}
