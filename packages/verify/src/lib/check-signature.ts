import { Buffer } from 'node:buffer';
import { createHmac, createSecretKey, KeyObject, timingSafeEqual, verify } from 'node:crypto';
import type { SigningAlgorithm } from '../access-token-claims.js';
import { InvalidTokenError } from '../access-token-error.js';
import type { VerificationKey } from '../verification-key.js';
import type { CompactJws } from './parse-compact-jws.js';

/** Signature sizes in bytes: HMAC-SHA-256, and ECDSA P-256 / Ed25519 as `r || s` (RFC 7518 §3.4). */
const HS256_SIGNATURE_BYTES = 32;
const ES256_SIGNATURE_BYTES = 64;
const ED25519_SIGNATURE_BYTES = 64;

/** What each algorithm needs of a `CryptoKey` (the WebCrypto names of RFC 7518 §3, RFC 8037 §3.1). */
const CRYPTO_KEY_ALGORITHM: Record<SigningAlgorithm, { name: string; hash?: string; namedCurve?: string }> = {
  EdDSA: { name: 'Ed25519' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  HS256: { name: 'HMAC', hash: 'SHA-256' },
};

/** Keys already checked for an algorithm, as the `KeyObject` node:crypto verifies with. */
const checkedKeys = new WeakMap<object, { readonly alg: SigningAlgorithm; readonly key: KeyObject }>();

/**
 * Verifies the signature of a parsed compact JWS with one key, using the key's algorithm only:
 * the header's `alg` must equal it (RFC 8725 §2.1, §3.1). A failed check is `InvalidTokenError`; a
 * key that cannot serve its own `alg` (another key type or curve, an RSA modulus under 2048 bits,
 * RFC 7518 §3.3) is a `TypeError` (configuration), because no token content chooses the key.
 *
 * Synchronous, with node:crypto's one-shot `verify` and HMAC on a `KeyObject` made once per key:
 * jose's `compactVerify` goes through WebCrypto, whose promise and per-call key handling cost more
 * than the HMAC itself (docs/decisions/0015-verify-cost.md). The RFC 7515, 7520 and 8037 vectors
 * in `test/vectors/jws-rfc.json` are checked against this function.
 *
 * @example
 * checkSignature(parseCompactJws(token, 8192), key);
 */
export function checkSignature(jws: CompactJws, key: VerificationKey): void {
  if (jws.header.alg !== key.alg) {
    throw new InvalidTokenError('The access token names an algorithm other than its key.');
  }
  if (!isValidSignature(key.alg, keyObjectOf(key), jws.signingInput, jws.signature)) {
    throw new InvalidTokenError('The access token signature is not valid.');
  }
}

function isValidSignature(
  alg: SigningAlgorithm,
  key: KeyObject,
  signingInput: string,
  signature: Uint8Array,
): boolean {
  switch (alg) {
    case 'HS256': {
      if (signature.length !== HS256_SIGNATURE_BYTES) return false;
      // The signing input is ASCII (canonical base64url and a dot), hashed straight from the string:
      // no Buffer is made for it (issue 17: about 2 % of a whole HS256 verification).
      const expected = createHmac('sha256', key).update(signingInput, 'latin1').digest();
      return timingSafeEqual(expected, signature);
    }
    case 'EdDSA':
      return (
        signature.length === ED25519_SIGNATURE_BYTES &&
        verify(null, Buffer.from(signingInput, 'latin1'), key, signature)
      );
    case 'ES256':
      return (
        signature.length === ES256_SIGNATURE_BYTES &&
        verify('sha256', Buffer.from(signingInput, 'latin1'), { key, dsaEncoding: 'ieee-p1363' }, signature)
      );
    case 'RS256':
      try {
        return verify('sha256', Buffer.from(signingInput, 'latin1'), key, signature);
      } catch {
        return false; // OpenSSL refuses a signature longer than the modulus instead of answering false
      }
  }
}

/**
 * The key as node:crypto uses it: a `KeyObject` checked once for the algorithm and remembered for
 * the life of the key object (HS256 secret bytes included: they are copied into the `KeyObject`
 * once, so bytes overwritten in place later are not seen; a key set replaces keys, it does not
 * overwrite them).
 */
function keyObjectOf(key: VerificationKey): KeyObject {
  const material = key.key;
  const checked = checkedKeys.get(material);
  if (checked !== undefined && checked.alg === key.alg) return checked.key;
  const keyObject =
    material instanceof Uint8Array // assertVerificationKey: HS256 only
      ? createSecretKey(material)
      : material instanceof KeyObject
        ? material
        : toKeyObject(material, key.alg);
  assertKeyFitsAlgorithm(keyObject, key.alg);
  checkedKeys.set(material, { alg: key.alg, key: keyObject });
  return keyObject;
}

function toKeyObject(cryptoKey: CryptoKey, alg: SigningAlgorithm): KeyObject {
  const wanted = CRYPTO_KEY_ALGORITHM[alg];
  const algorithm = cryptoKey.algorithm as { name: string; hash?: { name: string }; namedCurve?: string };
  const fits =
    algorithm.name === wanted.name &&
    (wanted.hash === undefined || algorithm.hash?.name === wanted.hash) &&
    (wanted.namedCurve === undefined || algorithm.namedCurve === wanted.namedCurve);
  if (!fits || !cryptoKey.usages.includes('verify')) {
    throw new TypeError(`The ${alg} verification key is a CryptoKey made for another use.`);
  }
  return KeyObject.from(cryptoKey);
}

function assertKeyFitsAlgorithm(key: KeyObject, alg: SigningAlgorithm): void {
  const details = key.asymmetricKeyDetails;
  const fits =
    alg === 'HS256'
      ? key.type === 'secret'
      : key.type === 'public' &&
        (alg === 'EdDSA'
          ? key.asymmetricKeyType === 'ed25519'
          : alg === 'ES256'
            ? key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1'
            : key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048);
  if (!fits) throw new TypeError(`The verification key cannot verify ${alg} (key type, curve or size).`);
}
