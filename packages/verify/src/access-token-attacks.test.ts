// Loops over test/vectors/access-token-attacks.json: every attack must be refused with its code,
// and every control must verify. The cases are DATA generated from the inputs in the same file
// (two fixed test-only Ed25519 keys, a fixed date, the claims) by buildVectors() below; Ed25519 and
// HMAC signatures are deterministic, so the first test regenerates them and requires an exact match.
// To rewrite the cases after changing the inputs or the generator:
//   TESSERA_WRITE_VECTORS=1 node scripts/run-tests.mjs access-token-attacks && npx prettier --write test/vectors
import assert from 'node:assert/strict';
import { createHmac, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AccessTokenError } from './access-token-error.js';
import { createLocalKeySet } from './create-local-key-set.js';
import { verifyAccessToken } from './verify-access-token.js';

const VECTORS_URL = new URL('../../../test/vectors/access-token-attacks.json', import.meta.url);

interface TestKey {
  kid: string;
  alg: 'EdDSA';
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
}

interface Inputs {
  source: string;
  description: string;
  testOnlyKeys: { warning: string; signing: TestKey; attacker: TestKey };
  issuer: string;
  audience: string;
  currentDate: string;
  claims: Record<string, unknown> & { iat: number; exp: number; sid: string; sub: string; roles: string[] };
}

interface Control {
  name: string;
  token: string;
}

interface Case {
  name: string;
  expectedCode: 'ERR_INVALID_TOKEN' | 'ERR_TOKEN_EXPIRED';
  token: string;
}

type VectorFile = Inputs & { controls: Control[]; cases: Case[] };

const b64 = (data: string | Uint8Array): string => Buffer.from(data).toString('base64url');
const json = (value: unknown): string => b64(JSON.stringify(value));

function privateKeyOf(key: TestKey): KeyObject {
  return createPrivateKey({ key: { kty: key.kty, crv: key.crv, x: key.x, d: key.d }, format: 'jwk' });
}

function publicJwkOf(key: TestKey): Record<string, string> {
  return { kty: key.kty, crv: key.crv, x: key.x, kid: key.kid, alg: key.alg, use: 'sig' };
}

/** Makes a segment non-canonical by setting the unused low bits of its last character. */
function nonCanonical(segment: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const unusedBits = { 2: 0x0f, 3: 0x03 }[segment.length % 4];
  if (unusedBits === undefined) throw new Error('this segment length has no unused bits; pad the JSON');
  const last = alphabet.indexOf(segment.at(-1)!);
  const changed = segment.slice(0, -1) + alphabet[last | unusedBits]!;
  assert.notEqual(changed, segment);
  assert.deepEqual(Buffer.from(changed, 'base64url'), Buffer.from(segment, 'base64url'));
  return changed;
}

/** JSON text padded with trailing spaces until its base64url has unused bits in the last character. */
function paddedJson(value: unknown): string {
  let text = JSON.stringify(value);
  while (b64(text).length % 4 === 0) text += ' ';
  return b64(text);
}

/** Builds every control and case from the inputs. Deterministic: no randomness, no clock. */
function buildVectors(inputs: Inputs): { controls: Control[]; cases: Case[] } {
  const { signing, attacker } = inputs.testOnlyKeys;
  const signingKey = privateKeyOf(signing);
  const attackerKey = privateKeyOf(attacker);
  const now = Date.parse(inputs.currentDate) / 1000;
  const claims = inputs.claims;
  const header = { alg: 'EdDSA', typ: 'at+jwt', kid: signing.kid };

  const ed25519 = (key: KeyObject) => (input: string) => b64(sign(null, Buffer.from(input), key));
  const bySigningKey = ed25519(signingKey);
  const byAttackerKey = ed25519(attackerKey);
  const hmac = (secret: string | Uint8Array) => (input: string) =>
    createHmac('sha256', secret).update(input).digest('base64url');
  /** Signs encoded segments as they are, so malformed encodings can be signed too. */
  const compact = (
    encodedHeader: string,
    encodedPayload: string,
    signer: (input: string) => string,
  ): string => `${encodedHeader}.${encodedPayload}.${signer(`${encodedHeader}.${encodedPayload}`)}`;
  const token = (h: unknown, p: unknown, signer: (input: string) => string = bySigningKey): string =>
    compact(json(h), json(p), signer);
  const withClaims = (changes: Record<string, unknown>, remove: string[] = []): Record<string, unknown> => {
    const entries = Object.entries({ ...claims, ...changes });
    return Object.fromEntries(entries.filter(([name]) => !remove.includes(name)));
  };

  const control = token(header, claims);
  const [controlHeader, , controlSignature] = control.split('.') as [string, string, string];
  const publicKey = createPublicKey(signingKey);
  const invalid = (name: string, t: string): Case => ({ name, expectedCode: 'ERR_INVALID_TOKEN', token: t });

  const cases: Case[] = [
    ...['none', 'None', 'NONE'].flatMap((alg) => [
      invalid(`alg "${alg}" with an empty signature`, `${json({ ...header, alg })}.${json(claims)}.`),
      invalid(`alg "${alg}" with a signature attached`, token({ ...header, alg }, claims)),
    ]),
    invalid(
      'alg HS256 keyed with the Ed25519 public key as PEM SPKI text, same kid',
      token({ ...header, alg: 'HS256' }, claims, hmac(publicKey.export({ type: 'spki', format: 'pem' }))),
    ),
    invalid(
      'alg HS256 keyed with the Ed25519 public key as DER SPKI bytes, same kid',
      token({ ...header, alg: 'HS256' }, claims, hmac(publicKey.export({ type: 'spki', format: 'der' }))),
    ),
    invalid(
      'alg HS256 keyed with the published JWK as JSON text, same kid',
      token({ ...header, alg: 'HS256' }, claims, hmac(JSON.stringify(publicJwkOf(signing)))),
    ),
    invalid(
      'alg HS256 keyed with the raw 32-byte x, same kid',
      token({ ...header, alg: 'HS256' }, claims, hmac(Buffer.from(signing.x, 'base64url'))),
    ),
    invalid(
      'alg HS256 keyed with the base64url text of x, same kid',
      token({ ...header, alg: 'HS256' }, claims, hmac(signing.x)),
    ),
    invalid('alg swapped to ES256, same kid', token({ ...header, alg: 'ES256' }, claims)),
    invalid('alg swapped to RS256, same kid', token({ ...header, alg: 'RS256' }, claims)),
    invalid(
      'alg "Ed25519" (RFC 9864 name) where the key is pinned to EdDSA',
      token({ ...header, alg: 'Ed25519' }, claims),
    ),
    invalid('alg "eddsa" (wrong case)', token({ ...header, alg: 'eddsa' }, claims)),
    invalid('alg missing', token({ typ: header.typ, kid: header.kid }, claims)),
    invalid(
      'embedded jwk: the attacker key, signed with it',
      token({ ...header, jwk: publicJwkOf(attacker) }, claims, byAttackerKey),
    ),
    invalid(
      'embedded jwk: the genuine key, signature verifies',
      token({ ...header, jwk: publicJwkOf(signing) }, claims),
    ),
    invalid(
      'jku header, signature verifies',
      token({ ...header, jku: 'https://attacker.example/jwks.json' }, claims),
    ),
    invalid(
      'x5u header, signature verifies',
      token({ ...header, x5u: 'https://attacker.example/cert.pem' }, claims),
    ),
    invalid('x5c header, signature verifies', token({ ...header, x5c: ['MIIBszCCAVmgAwIBAgIUeQ'] }, claims)),
    invalid(
      'crit naming an unknown extension, signature verifies',
      token(
        { ...header, crit: ['https://attacker.example/ext'], 'https://attacker.example/ext': true },
        claims,
      ),
    ),
    invalid(
      'b64: false with crit (RFC 7797), signature verifies',
      token({ ...header, b64: false, crit: ['b64'] }, claims),
    ),
    invalid('b64: false without crit, signature verifies', token({ ...header, b64: false }, claims)),
    invalid('exp missing', token(header, withClaims({}, ['exp']))),
    invalid('exp as a string', token(header, withClaims({ exp: String(claims.exp) }))),
    invalid('exp null', token(header, withClaims({ exp: null }))),
    invalid('iat missing', token(header, withClaims({}, ['iat']))),
    {
      name: 'expired: exp + 60 s tolerance is exactly now',
      expectedCode: 'ERR_TOKEN_EXPIRED',
      token: token(header, withClaims({ iat: now - 960, exp: now - 60 })),
    },
    invalid('nbf 61 s in the future', token(header, withClaims({ nbf: now + 61 }))),
    invalid('nbf as a string', token(header, withClaims({ nbf: String(now) }))),
    invalid('iat 61 s in the future', token(header, withClaims({ iat: now + 61, exp: now + 961 }))),
    invalid('typ "JWT"', token({ ...header, typ: 'JWT' }, claims)),
    invalid('typ missing', token({ alg: header.alg, kid: header.kid }, claims)),
    invalid('typ "application/jwt"', token({ ...header, typ: 'application/jwt' }, claims)),
    invalid('iss of another server', token(header, withClaims({ iss: 'https://evil.example' }))),
    invalid('iss with a trailing slash', token(header, withClaims({ iss: `${inputs.issuer}/` }))),
    invalid('iss missing', token(header, withClaims({}, ['iss']))),
    invalid('aud of another service', token(header, withClaims({ aud: 'https://other.example.com' }))),
    invalid(
      'aud array without ours',
      token(header, withClaims({ aud: ['https://other.example.com', 'https://third.example.com'] })),
    ),
    invalid('aud missing', token(header, withClaims({}, ['aud']))),
    invalid('payload is a JSON array', token(header, [claims])),
    invalid('payload is a JSON string', token(header, 'claims')),
    invalid('payload is JSON null', token(header, null)),
    invalid('payload is not JSON', compact(json(header), b64('not json'), bySigningKey)),
    invalid('header is not JSON', compact(b64('{alg:EdDSA}'), json(claims), bySigningKey)),
    invalid(
      'non-canonical base64url in the header (signed as sent)',
      compact(nonCanonical(paddedJson(header)), json(claims), bySigningKey),
    ),
    invalid(
      'non-canonical base64url in the payload (signed as sent)',
      compact(json(header), nonCanonical(paddedJson(claims)), bySigningKey),
    ),
    invalid(
      'non-canonical base64url in the signature (same bytes)',
      `${control.slice(0, control.lastIndexOf('.') + 1)}${nonCanonical(controlSignature)}`,
    ),
    invalid('padding "=" on the signature', `${control}==`),
    invalid(
      'padding "=" on the header (signed as sent)',
      compact(
        `${paddedJson(header)}${'='.repeat(4 - (paddedJson(header).length % 4))}`,
        json(claims),
        bySigningKey,
      ),
    ),
    invalid('standard base64 alphabet (+ and /)', standardAlphabet(control)),
    invalid('whitespace around the token', ` ${control}\n`),
    invalid('four segments', `${control}.${controlSignature}`),
    invalid('two segments', control.slice(0, control.lastIndexOf('.'))),
    invalid('five segments (a JWE)', `${controlHeader}.AAAA.AAAA.AAAA.AAAA`),
    invalid('empty string', ''),
    invalid(
      'oversized: more than 8192 characters, validly signed',
      token(header, withClaims({ pad: 'x'.repeat(6200) })),
    ),
    invalid('unknown kid (the attacker key)', token({ ...header, kid: attacker.kid }, claims, byAttackerKey)),
    invalid('kid missing', token({ alg: header.alg, typ: header.typ }, claims)),
    invalid('kid empty', token({ ...header, kid: '' }, claims)),
    invalid('kid a number', token({ ...header, kid: 7 }, claims)),
    invalid(
      'tampered payload (roles escalated to admin) with the original signature',
      `${controlHeader}.${json(withClaims({ roles: ['admin'] }))}.${controlSignature}`,
    ),
    invalid('signature from another Ed25519 key under the genuine kid', token(header, claims, byAttackerKey)),
    invalid('signature empty', `${controlHeader}.${json(claims)}.`),
    invalid('sid missing', token(header, withClaims({}, ['sid']))),
    invalid('sub missing', token(header, withClaims({}, ['sub']))),
    invalid('sub empty', token(header, withClaims({ sub: '' }))),
    invalid('jti missing', token(header, withClaims({}, ['jti']))),
    invalid('roles missing', token(header, withClaims({}, ['roles']))),
    invalid('roles a string', token(header, withClaims({ roles: 'admin' }))),
    invalid('roles with a non-string', token(header, withClaims({ roles: ['user', 1] }))),
  ];

  const controls: Control[] = [
    { name: 'the genuine token', token: control },
    {
      name: 'typ "application/at+jwt" (RFC 7515 §4.1.9)',
      token: token({ ...header, typ: 'application/at+jwt' }, claims),
    },
    { name: 'typ "AT+JWT" (media types ignore case)', token: token({ ...header, typ: 'AT+JWT' }, claims) },
    {
      name: 'aud an array containing ours',
      token: token(header, withClaims({ aud: ['https://other.example.com', inputs.audience] })),
    },
    { name: 'nbf in the past', token: token(header, withClaims({ nbf: claims.iat })) },
    {
      name: 'expired 59 s ago: within the 60 s tolerance',
      token: token(header, withClaims({ iat: now - 959, exp: now - 59 })),
    },
    {
      name: 'iat 60 s in the future: within the tolerance',
      token: token(header, withClaims({ iat: now + 60 })),
    },
  ];
  return { controls, cases };
}

function standardAlphabet(token: string): string {
  const changed = token.replaceAll('-', '+').replaceAll('_', '/');
  assert.notEqual(changed, token, 'the control token has no - or _; change the inputs');
  return changed;
}

const file = JSON.parse(readFileSync(VECTORS_URL, 'utf8')) as VectorFile;

if (process.env['TESSERA_WRITE_VECTORS'] === '1') {
  const inputs: Partial<VectorFile> & Inputs = { ...file };
  delete inputs.controls;
  delete inputs.cases;
  writeFileSync(VECTORS_URL, `${JSON.stringify({ ...inputs, ...buildVectors(inputs) }, null, 2)}\n`);
}

describe('verifyAccessToken: attacks (test/vectors/access-token-attacks.json, ours, negative)', () => {
  const { controls, cases, ...inputs } = JSON.parse(readFileSync(VECTORS_URL, 'utf8')) as VectorFile;
  const keys = createLocalKeySet({ keys: [publicJwkOf(inputs.testOnlyKeys.signing)] });
  const options = {
    keys,
    issuer: inputs.issuer,
    audience: inputs.audience,
    currentDate: new Date(inputs.currentDate),
  };

  it('the stored tokens are exactly what the generator makes from the stored inputs', () => {
    assert.deepEqual(buildVectors(inputs), { controls, cases });
  });

  it('covers the attack list', () => {
    assert.ok(cases.length >= 60, `only ${cases.length} cases`);
    assert.equal(new Set(cases.map((entry) => entry.name)).size, cases.length, 'case names are unique');
  });

  for (const entry of controls) {
    it(`control: ${entry.name} verifies`, async () => {
      const claims = await verifyAccessToken(entry.token, options);
      assert.equal(claims.sid, inputs.claims.sid);
      assert.equal(claims.sub, inputs.claims.sub);
      assert.deepEqual(claims.roles, inputs.claims.roles);
      assert.equal(claims.aud, inputs.audience);
    });
  }

  for (const entry of cases) {
    it(`refuses ${entry.name} with ${entry.expectedCode}`, async () => {
      await assert.rejects(verifyAccessToken(entry.token, options), (error: unknown) => {
        assert.ok(error instanceof AccessTokenError, `not an AccessTokenError: ${String(error)}`);
        assert.equal(error.code, entry.expectedCode);
        // The message never repeats the token or a piece of it.
        for (const segment of entry.token.split('.').filter((part) => part.length >= 8)) {
          assert.ok(!error.message.includes(segment));
        }
        return true;
      });
    });
  }
});
