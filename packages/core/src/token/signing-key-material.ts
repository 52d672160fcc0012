import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { SigningAlgorithm } from '../store/signing-key-store.js';

/**
 * The algorithms Tessera signs with (DESIGN §4); EdDSA is the default.
 *
 * @example
 * if (!signingAlgorithms.includes(value as SigningAlgorithm)) throw new Error(`unknown algorithm ${value}`);
 */
export const signingAlgorithms: readonly SigningAlgorithm[] = ['EdDSA', 'ES256', 'RS256', 'HS256'];

/**
 * A key ready to sign and verify: imported once, never re-parsed per request.
 *
 * @example
 * const material: SigningKeyMaterial = deps.tokens.keyRing.signingKey(new Date());
 * console.log(material.kid, material.alg, material.publicJwk?.kty); // e.g. 'OKP' for EdDSA
 */
export interface SigningKeyMaterial {
  kid: string;
  alg: SigningAlgorithm;
  /** What jose signs with. */
  signingKey: CryptoKey | Uint8Array;
  /** What jose verifies with (the same secret for HS256). */
  verificationKey: CryptoKey | Uint8Array;
  /** Public members only, with `kid`, `alg` and `use: "sig"`; `null` for HS256 (never published). */
  publicJwk: JWK | null;
}

/** Public members per key type (RFC 7518 §6); everything else is private or irrelevant. */
const PUBLIC_MEMBERS: Record<string, readonly string[]> = {
  OKP: ['kty', 'crv', 'x'],
  EC: ['kty', 'crv', 'x', 'y'],
  RSA: ['kty', 'n', 'e'],
};

/** The key type and curve each algorithm requires: a key is only ever used with its one algorithm. */
function assertKeyFitsAlgorithm(jwk: JWK, alg: SigningAlgorithm): void {
  const fits =
    (alg === 'EdDSA' && jwk.kty === 'OKP' && jwk.crv === 'Ed25519') ||
    (alg === 'ES256' && jwk.kty === 'EC' && jwk.crv === 'P-256') ||
    (alg === 'RS256' && jwk.kty === 'RSA') ||
    (alg === 'HS256' && jwk.kty === 'oct');
  if (!fits) throw new TypeError(`signing key ${jwk.kid ?? '(no kid)'} does not fit algorithm ${alg}`);
  if (alg === 'HS256' && Buffer.from(jwk.k ?? '', 'base64url').length < 32) {
    throw new TypeError(`HS256 key ${jwk.kid ?? '(no kid)'} must be at least 256 bits (RFC 7518 §3.2)`);
  }
  if (alg === 'RS256' && Buffer.from(jwk.n ?? '', 'base64url').length < 256) {
    throw new TypeError(`RS256 key ${jwk.kid ?? '(no kid)'} must be at least 2048 bits`);
  }
}

/**
 * Generates a new private JWK for `alg` with a `kid` (the RFC 7638 thumbprint for asymmetric keys;
 * random for HS256, whose thumbprint would be a hash of the secret).
 *
 * @example
 * const jwk = await generateSigningJwk('EdDSA');
 */
export async function generateSigningJwk(alg: SigningAlgorithm): Promise<JWK & { kid: string }> {
  let jwk: JWK;
  if (alg === 'HS256') {
    jwk = { kty: 'oct', k: randomBytes(32).toString('base64url') };
  } else {
    const { privateKey } =
      alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : alg === 'ES256'
          ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
          : generateKeyPairSync('rsa', { modulusLength: 2048 });
    jwk = privateKey.export({ format: 'jwk' });
  }
  const kid =
    alg === 'HS256' ? randomBytes(16).toString('base64url') : await calculateJwkThumbprint(jwk, 'sha256');
  return { ...jwk, kid, alg };
}

/**
 * Imports a private JWK once for signing and verification. The JWK must carry `kid` and one of our
 * algorithms, and its key type must fit that algorithm; anything else is a configuration error.
 *
 * @example
 * const material = await importSigningJwk(jwk);
 */
export async function importSigningJwk(jwk: JWK): Promise<SigningKeyMaterial> {
  const { kid, alg } = jwk;
  if (typeof kid !== 'string' || kid === '') throw new TypeError('every signing key needs a "kid"');
  if (!signingAlgorithms.includes(alg as SigningAlgorithm)) {
    throw new TypeError(
      `signing key ${kid} has alg ${String(alg)}; use one of ${signingAlgorithms.join(', ')}`,
    );
  }
  const algorithm = alg as SigningAlgorithm;
  assertKeyFitsAlgorithm(jwk, algorithm);
  if (algorithm === 'HS256') {
    const secret = await importJWK(jwk, algorithm);
    return { kid, alg: algorithm, signingKey: secret, verificationKey: secret, publicJwk: null };
  }
  if (jwk.d === undefined) throw new TypeError(`signing key ${kid} has no private part ("d")`);
  const members = PUBLIC_MEMBERS[jwk.kty ?? ''] ?? [];
  const privateMembers = jwk as Readonly<Record<string, unknown>>;
  const publicJwk: JWK = Object.fromEntries(members.map((name) => [name, privateMembers[name]]));
  Object.assign(publicJwk, { kid, alg: algorithm, use: 'sig' });
  return {
    kid,
    alg: algorithm,
    signingKey: await importJWK(jwk, algorithm),
    verificationKey: await importJWK(publicJwk, algorithm),
    publicJwk,
  };
}
