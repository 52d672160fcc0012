// The token inspector's signature check with WebCrypto (inspect-token.ts): pure, runs in the browser
// page and in the CLI (`globalThis.crypto.subtle` in both).
import type { JsonWebKeySet, TokenInspection } from './token-inspection.js';

/** What this module needs of WebCrypto, typed here so it compiles for Node and for browsers alike. */
interface SubtleLike {
  importKey(
    format: 'jwk',
    keyData: Record<string, unknown>,
    algorithm: Record<string, unknown>,
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  verify(
    algorithm: Record<string, unknown>,
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}

/** WebCrypto parameters per JWS algorithm (RFC 7518 §3, RFC 8037 §3.1). */
const VERIFY_PARAMETERS: Readonly<
  Record<string, { importAlgorithm: Record<string, unknown>; verifyAlgorithm: Record<string, unknown> }>
> = {
  EdDSA: { importAlgorithm: { name: 'Ed25519' }, verifyAlgorithm: { name: 'Ed25519' } },
  ES256: {
    importAlgorithm: { name: 'ECDSA', namedCurve: 'P-256' },
    verifyAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  },
  RS256: {
    importAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    verifyAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
  },
};
/** The public members of a JWK (RFC 7518 §6); private or metadata members are never imported. */
const PUBLIC_JWK_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e'];

/**
 * Checks the signature against the keys of the set that match the header's `kid` and `alg`. Says why
 * when it cannot: unsigned, HS256 (a shared secret), no key set, no matching key, no WebCrypto.
 */
export async function checkTokenSignature(
  header: Record<string, unknown>,
  signature: Uint8Array,
  signingInput: Uint8Array,
  jwks: JsonWebKeySet | null,
): Promise<TokenInspection['signature']> {
  const alg = typeof header['alg'] === 'string' ? header['alg'] : '';
  if (alg.toLowerCase() === 'none') {
    return { status: 'invalid', message: 'Unsigned ("alg": "none"): there is no signature to trust.' };
  }
  if (alg === 'HS256') {
    return {
      status: 'not-checked',
      message: 'HS256 is signed with a shared secret; a public key set cannot check it.',
    };
  }
  const parameters = VERIFY_PARAMETERS[alg];
  if (parameters === undefined) {
    return { status: 'invalid', message: `Not checked: "${alg}" is not an algorithm we accept.` };
  }
  if (jwks === null) return { status: 'not-checked', message: 'No key set was given to check against.' };
  const kid = header['kid'];
  const candidates = jwks.keys.filter(
    (key) =>
      (typeof kid !== 'string' || key['kid'] === kid) && (key['alg'] === undefined || key['alg'] === alg),
  );
  if (candidates.length === 0) {
    return {
      status: 'unknown-key',
      message:
        typeof kid === 'string'
          ? `No key in the set has the id "${kid}" and the algorithm ${alg}.`
          : `No key in the set is for ${alg}.`,
    };
  }
  const subtle = (globalThis as unknown as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (subtle === undefined) {
    return {
      status: 'unsupported',
      message: 'Signatures cannot be checked here: WebCrypto needs a secure page (https or localhost).',
    };
  }
  for (const candidate of candidates) {
    const publicJwk = Object.fromEntries(
      PUBLIC_JWK_MEMBERS.filter((name) => Object.hasOwn(candidate, name)).map((name) => [
        name,
        candidate[name],
      ]),
    );
    let key: unknown;
    try {
      key = await subtle.importKey('jwk', publicJwk, parameters.importAlgorithm, false, ['verify']);
    } catch {
      continue; // a key of another type or curve under the same id: it cannot have signed this
    }
    try {
      if (await subtle.verify(parameters.verifyAlgorithm, key, signature, signingInput)) {
        const id = typeof candidate['kid'] === 'string' ? ` "${candidate['kid']}"` : '';
        return { status: 'valid', message: `Signed by key${id} of the key set (${alg}).` };
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'NotSupportedError') {
        return { status: 'unsupported', message: `This browser cannot check ${alg} signatures.` };
      }
    }
  }
  return {
    status: 'invalid',
    message: 'The signature does not match: the token was changed after signing, or signed by another key.',
  };
}
