import { randomBytes } from 'node:crypto';

/** Returns `byteLength` bytes from a cryptographically secure source. Injected so tests can be deterministic. */
export type RandomBytes = (byteLength: number) => Uint8Array;

/** The CSPRNG of `node:crypto`. */
export const cryptoRandomBytes: RandomBytes = (byteLength) => randomBytes(byteLength);
