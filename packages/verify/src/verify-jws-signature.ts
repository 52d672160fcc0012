import type { JwsHeader } from './jws-header.js';
import type { VerificationKey } from './verification-key.js';
import { assertVerificationKey } from './lib/assert-verification-key.js';
import { checkSignature } from './lib/check-signature.js';
import { parseCompactJws } from './lib/parse-compact-jws.js';

/** No length cap of its own beyond a sanity bound: callers of the generic layer bring their own. */
const MAX_GENERIC_JWS_LENGTH = 1_048_576;

/**
 * Verifies a compact JWS (RFC 7515 §5.2) with one key: the signature layer under
 * `verifyAccessToken`, with no `typ` or claims rules, kept public so published test vectors can be
 * checked against it. Still refused: `none`, a header `alg` other than the key's, embedded or
 * referenced keys (`jwk`, `jku`, `x5u`, `x5c`), `crit`, `b64`, and non-canonical base64url.
 * Throws `InvalidTokenError`, or `TypeError` (synchronously) for an unusable key.
 *
 * @example
 * const { header, payload } = await verifyJwsSignature(jws, {
 *   kid: 'k1',
 *   alg: 'HS256',
 *   key: secretBytes,
 * });
 */
export function verifyJwsSignature(
  token: string,
  key: VerificationKey,
): Promise<{ header: JwsHeader; payload: Uint8Array }> {
  assertVerificationKey(key);
  return verify(token, key);
}

function verify(token: string, key: VerificationKey): Promise<{ header: JwsHeader; payload: Uint8Array }> {
  // A throw inside the executor rejects the promise, as the async signature promises.
  return new Promise((resolve) => {
    const jws = parseCompactJws(token, MAX_GENERIC_JWS_LENGTH);
    checkSignature(jws, key);
    // A copy: the parsed header is shared with every token that carries the same header.
    resolve({ header: { ...jws.header }, payload: jws.payload });
  });
}
