// The token inspector's logic, shared by the /inspect page (compiled for the browser) and the
// `tessera token inspect` command. Pure: only `globalThis.crypto.subtle`, `TextEncoder` and
// `TextDecoder`, so the same files run in both places. Nothing here sends the token anywhere. Its
// parts are sibling modules (decode-base64url, check-token-header, read-token-times,
// check-token-signature), compiled and served beside it (/ui/js/) like describe-relative-time.
import { checkTokenHeader } from './check-token-header.js';
import { checkTokenSignature } from './check-token-signature.js';
import { decodeBase64url, parseJsonObject } from './decode-base64url.js';
import { readTokenTimes } from './read-token-times.js';
import type { JsonWebKeySet, TokenInspection, TokenWarning } from './token-inspection.js';

export { ACCESS_TOKEN_TYPE, ALLOWED_ALGORITHMS } from './check-token-header.js';
export { decodeBase64url } from './decode-base64url.js';

export type {
  JsonWebKeySet,
  SignatureStatus,
  TokenInspection,
  TokenTime,
  TokenWarning,
} from './token-inspection.js';

function failed(error: string): TokenInspection {
  return {
    error,
    header: null,
    claims: null,
    times: [],
    signature: { status: 'not-checked', message: 'Nothing to check.' },
    warnings: [],
    valid: false,
  };
}

/**
 * Decodes a JWS compact token and says what is in it: header and claims, its times in words, the
 * signature checked with WebCrypto against a key set (`null`: not checked), and warnings. Never
 * throws on hostile input; a string that is not a token comes back with `error` set.
 *
 * @example
 * const inspection = await inspectToken(token, { jwks: await (await fetch('/.well-known/jwks.json')).json(), now: new Date() });
 */
export async function inspectToken(
  input: string,
  options: { jwks: JsonWebKeySet | null; now: Date },
): Promise<TokenInspection> {
  const token = input.trim().replace(/^Bearer\s+/i, '');
  if (token === '') return failed('Paste a token to inspect it.');
  if (token.length > 16_384) return failed('This is longer than any token we would issue (16 KiB at most).');
  const parts = token.split('.');
  if (parts.length === 5) {
    return failed('This is an encrypted token (JWE): its contents cannot be read without the key.');
  }
  if (parts.length !== 3) {
    return failed(`A signed token has three parts separated by dots; this has ${parts.length}.`);
  }
  const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts;
  const header = parseJsonObject(decodeBase64url(encodedHeader));
  if (header === null) return failed('The first part (the header) is not base64url-encoded JSON.');
  const payloadBytes = decodeBase64url(encodedPayload);
  if (payloadBytes === null) return failed('The second part (the payload) is not base64url.');
  const signatureBytes = decodeBase64url(encodedSignature);
  if (signatureBytes === null) return failed('The third part (the signature) is not base64url.');

  const claims = parseJsonObject(payloadBytes);
  const warnings: TokenWarning[] = [];
  if (claims === null) {
    warnings.push({
      code: 'payload-not-json',
      message: 'The payload is not a JSON object, so it holds no claims.',
    });
  }
  warnings.push(...checkTokenHeader(header, options.jwks));
  const times = claims === null ? [] : readTokenTimes(claims, options.now, warnings);
  const signature = await checkTokenSignature(
    header,
    signatureBytes,
    new TextEncoder().encode(`${encodedHeader}.${encodedPayload}`),
    options.jwks,
  );
  return {
    error: null,
    header,
    claims,
    times,
    signature,
    warnings,
    valid: signature.status === 'valid' && warnings.length === 0,
  };
}
