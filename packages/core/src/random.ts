import { randomBytes } from 'node:crypto';

/**
 * Returns `byteLength` bytes from a cryptographically secure source. Injected so tests can be deterministic.
 *
 * @example
 * const fixedBytes: RandomBytes = (n) => new Uint8Array(n).fill(7);
 */
export type RandomBytes = (byteLength: number) => Uint8Array;

/**
 * The CSPRNG of `node:crypto`.
 *
 * @example
 * const salt = cryptoRandomBytes(16);
 */
export const cryptoRandomBytes: RandomBytes = (byteLength) => randomBytes(byteLength);
