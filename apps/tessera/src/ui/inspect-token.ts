// Over 300 lines on purpose: one pure, dependency-free module, because the same file is compiled for
// the browser page and run by the CLI; splitting it would mean a second browser bundle entry.
// The token inspector's logic, shared by the /inspect page (compiled for the browser) and the
// `tessera token inspect` command. Pure: only `globalThis.crypto.subtle`, `TextEncoder` and
// `TextDecoder`, so the same file runs in both places. Nothing here sends the token anywhere.
import { describeRelativeTime } from './describe-relative-time.js';

/** A JSON Web Key Set as served at `/.well-known/jwks.json` (RFC 7517 §5). */
export interface JsonWebKeySet {
  keys: readonly Readonly<Record<string, unknown>>[];
}

/** One time claim, read and said in words. */
export interface TokenTime {
  claim: 'exp' | 'nbf' | 'iat' | 'auth_time';
  /** ISO 8601, UTC. */
  iso: string;
  /** e.g. "expires in 14 minutes", "issued 3 hours ago". */
  inWords: string;
}

/** The outcome of the signature check. Only `valid` means the token came from a key in the set. */
export type SignatureStatus = 'valid' | 'invalid' | 'unknown-key' | 'not-checked' | 'unsupported';

/** Something a careful reader of the token should know. `code` is stable; `message` is for people. */
export interface TokenWarning {
  code:
    | 'alg-none'
    | 'alg-not-allowed'
    | 'embedded-key'
    | 'crit'
    | 'missing-exp'
    | 'invalid-time'
    | 'expired'
    | 'not-yet-valid'
    | 'issued-in-future'
    | 'unexpected-typ'
    | 'unknown-kid'
    | 'payload-not-json';
  message: string;
}

/** Everything the inspector shows. `error` is set (and the rest empty) when the input is not a JWS. */
export interface TokenInspection {
  error: string | null;
  header: Readonly<Record<string, unknown>> | null;
  claims: Readonly<Record<string, unknown>> | null;
  times: TokenTime[];
  signature: { status: SignatureStatus; message: string };
  warnings: TokenWarning[];
  /** True only when the signature is valid and nothing was warned about. */
  valid: boolean;
}

/** The algorithms Tessera signs or verifies with; anything else is refused by our verifiers. */
export const ALLOWED_ALGORITHMS: readonly string[] = ['EdDSA', 'ES256', 'RS256', 'HS256'];
/** The access-token type we issue (RFC 9068 §2.1). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const EMBEDDED_KEY_PARAMETERS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Decodes unpadded base64url (RFC 7515 §2); `null` for anything else.
 *
 * @example
 * decodeBase64url('eyJ9') // Uint8Array [123, 34, 125]
 */
export function decodeBase64url(text: string): Uint8Array | null {
  if (!BASE64URL_PATTERN.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    buffer = (buffer << 6) | BASE64URL_ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two different strings would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return bytes;
}

function parseJsonObject(bytes: Uint8Array | null): Record<string, unknown> | null {
  if (bytes === null) return null;
  try {
    const parsed: unknown = JSON.parse(strictUtf8.decode(bytes));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

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
  warnings.push(...checkHeader(header, options.jwks));
  const times = claims === null ? [] : readTimes(claims, options.now, warnings);
  const signature = await checkSignature(
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

function checkHeader(header: Record<string, unknown>, jwks: JsonWebKeySet | null): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  const { alg, typ, kid, crit } = header;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    warnings.push({
      code: 'alg-none',
      message: 'The algorithm is "none": the token is unsigned and anyone could have written it.',
    });
  } else if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.includes(alg)) {
    warnings.push({
      code: 'alg-not-allowed',
      message: `The algorithm ${typeof alg === 'string' ? `"${alg}"` : '(missing)'} is not one we accept (${ALLOWED_ALGORITHMS.join(', ')}).`,
    });
  }
  for (const name of EMBEDDED_KEY_PARAMETERS) {
    if (Object.hasOwn(header, name)) {
      warnings.push({
        code: 'embedded-key',
        message: `The header carries "${name}": a token must never choose its own verification key, so a verifier should ignore or refuse it.`,
      });
    }
  }
  if (crit !== undefined) {
    warnings.push({
      code: 'crit',
      message:
        'The header has "crit": it demands extensions a verifier must understand, or refuse the token.',
    });
  }
  if (typ !== ACCESS_TOKEN_TYPE) {
    warnings.push({
      code: 'unexpected-typ',
      message: `The type is ${typeof typ === 'string' ? `"${typ}"` : 'missing'}, not "${ACCESS_TOKEN_TYPE}": this is not one of our access tokens, or it could be another kind of token passed off as one.`,
    });
  }
  if (jwks !== null && typeof kid === 'string' && !jwks.keys.some((key) => key['kid'] === kid)) {
    warnings.push({
      code: 'unknown-kid',
      message: `The key id "${kid}" is not in the key set: the key was retired, or the token was signed elsewhere.`,
    });
  }
  return warnings;
}

const TIME_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const;

function readTimes(claims: Record<string, unknown>, now: Date, warnings: TokenWarning[]): TokenTime[] {
  const times: TokenTime[] = [];
  for (const claim of TIME_CLAIMS) {
    if (!Object.hasOwn(claims, claim)) continue;
    const value = claims[claim];
    // RFC 7519 §2 NumericDate: seconds since the epoch. Milliseconds are a common bug, caught here.
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1e11) {
      warnings.push({ code: 'invalid-time', message: `"${claim}" is not a time in seconds since 1970.` });
      continue;
    }
    const instant = new Date(value * 1000);
    const relative = describeRelativeTime(instant, now);
    const past = instant.getTime() <= now.getTime();
    const inWords =
      claim === 'exp'
        ? past
          ? `expired ${relative}`
          : `expires ${relative}`
        : claim === 'nbf'
          ? past
            ? `valid since ${relative}`
            : `not valid until ${relative}`
          : claim === 'iat'
            ? `issued ${relative}`
            : `signed in ${relative}`;
    times.push({ claim, iso: instant.toISOString(), inWords });
    if (claim === 'exp' && past) {
      warnings.push({ code: 'expired', message: `The token expired ${relative}.` });
    } else if (claim === 'nbf' && !past) {
      warnings.push({ code: 'not-yet-valid', message: `The token is not valid until ${relative}.` });
    } else if (claim === 'iat' && !past && instant.getTime() - now.getTime() >= 60_000) {
      warnings.push({
        code: 'issued-in-future',
        message: `The token says it was issued ${relative}: a clock is wrong, or the token was made up.`,
      });
    }
  }
  if (!Object.hasOwn(claims, 'exp')) {
    warnings.push({ code: 'missing-exp', message: 'There is no "exp": this token never expires.' });
  }
  return times;
}

async function checkSignature(
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
