import type { webcrypto } from 'node:crypto';

declare global {
  /** Node's WebCrypto key under the global name that jose's type declarations use. */
  type CryptoKey = webcrypto.CryptoKey;
}

export {};
