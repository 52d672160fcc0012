import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { inspectToken, type JsonWebKeySet } from '../src/ui/inspect-token.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with any header and claims; the signature is made with `key` (Ed25519), or is junk. */
function craft(
  header: Record<string, unknown>,
  claims: unknown,
  key: ReturnType<typeof generateKeyPairSync>['privateKey'] | null = null,
): string {
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = key === null ? Buffer.from('not a signature') : sign(null, Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

function flipOneCharacter(text: string): string {
  const last = text.at(-2) === 'A' ? 'B' : 'A';
  return `${text.slice(0, -2)}${last}${text.slice(-1)}`;
}

describe('token inspector, against a token from our own server', () => {
  let server: TestServer;
  let token: string;
  let jwks: JsonWebKeySet;
  before(async () => {
    server = await startTestServer();
    const result = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail('inspect'), password: PASSWORD, transport: 'bearer' },
    });
    token = result.json.access_token;
    jwks = (await server.send('GET', '/.well-known/jwks.json')).json;
  });
  after(() => server.close());

  it('a fresh access token: header, claims, times in words, valid signature, no warnings', async () => {
    const result = await inspectToken(token, { jwks, now: server.clock.now() });
    assert.equal(result.error, null);
    assert.ok(result.header);
    assert.equal(result.header['typ'], 'at+jwt');
    assert.equal(result.header['alg'], 'EdDSA');
    assert.equal(typeof result.claims?.['sub'], 'string');
    assert.deepEqual(result.signature.status, 'valid', result.signature.message);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.valid, true);
    const exp = result.times.find((time) => time.claim === 'exp');
    assert.equal(exp?.inWords, 'expires in 15 minutes');
    assert.equal(result.times.find((time) => time.claim === 'iat')?.inWords, 'issued just now');
  });

  it('"Bearer " and surrounding whitespace are accepted as pasted', async () => {
    const result = await inspectToken(`  Bearer ${token}\n`, { jwks, now: server.clock.now() });
    assert.equal(result.signature.status, 'valid');
  });

  it('a tampered signature or payload is invalid', async () => {
    const tampered = await inspectToken(flipOneCharacter(token), { jwks, now: server.clock.now() });
    assert.equal(tampered.signature.status, 'invalid');
    assert.equal(tampered.valid, false);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${encode({ ...claims, roles: ['admin'] })}.${signature}`;
    assert.equal((await inspectToken(forged, { jwks, now: server.clock.now() })).signature.status, 'invalid');
  });

  it('the same token later: expired, in words', async () => {
    const later = new Date(server.clock.now().getTime() + 3600_000);
    const result = await inspectToken(token, { jwks, now: later });
    assert.equal(result.signature.status, 'valid');
    assert.deepEqual(
      result.warnings.map((warning) => warning.code),
      ['expired'],
    );
    assert.equal(result.times.find((time) => time.claim === 'exp')?.inWords, 'expired 45 minutes ago');
    assert.equal(result.valid, false);
  });

  it('without a key set the signature is not checked', async () => {
    const result = await inspectToken(token, { jwks: null, now: server.clock.now() });
    assert.equal(result.signature.status, 'not-checked');
    assert.equal(result.valid, false);
  });
});

describe('token inspector warnings and refusals', () => {
  const now = new Date(Date.UTC(2026, 0, 1, 12));
  const nowSeconds = now.getTime() / 1000;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwks: JsonWebKeySet = {
    keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'EdDSA', use: 'sig' }],
  };
  const good = { alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' };
  const claims = { sub: 'u1', iat: nowSeconds - 60, exp: nowSeconds + 600 };
  const codes = async (token: string) =>
    (await inspectToken(token, { jwks, now })).warnings.map((warning) => warning.code).sort();

  it('a clean token signed by a key in the set has no warnings', async () => {
    const result = await inspectToken(craft(good, claims, privateKey), { jwks, now });
    assert.equal(result.signature.status, 'valid');
    assert.deepEqual(result.warnings, []);
  });

  const cases: [string, Record<string, unknown>, unknown, string[]][] = [
    ['alg none', { ...good, alg: 'none' }, claims, ['alg-none']],
    ['alg outside the allow-list', { ...good, alg: 'HS512' }, claims, ['alg-not-allowed']],
    ['alg missing', { typ: 'at+jwt', kid: 'k1' }, claims, ['alg-not-allowed']],
    ['embedded jwk', { ...good, jwk: { kty: 'OKP' } }, claims, ['embedded-key']],
    ['jku', { ...good, jku: 'https://evil.example/jwks' }, claims, ['embedded-key']],
    [
      'x5u and x5c',
      { ...good, x5u: 'https://evil.example/cert', x5c: ['MII'] },
      claims,
      ['embedded-key', 'embedded-key'],
    ],
    ['crit', { ...good, crit: ['b64'] }, claims, ['crit']],
    ['typ JWT', { ...good, typ: 'JWT' }, claims, ['unexpected-typ']],
    ['no typ', { alg: 'EdDSA', kid: 'k1' }, claims, ['unexpected-typ']],
    ['unknown kid', { ...good, kid: 'retired' }, claims, ['unknown-kid']],
    ['no exp', good, { sub: 'u1', iat: nowSeconds }, ['missing-exp']],
    ['expired', good, { ...claims, exp: nowSeconds - 5 }, ['expired']],
    ['nbf in the future', good, { ...claims, nbf: nowSeconds + 300 }, ['not-yet-valid']],
    ['iat in the future', good, { ...claims, iat: nowSeconds + 3600 }, ['issued-in-future']],
    ['exp in milliseconds', good, { ...claims, exp: Date.now() + 60_000 }, ['invalid-time']],
    ['exp as a string', good, { ...claims, exp: String(nowSeconds + 60) }, ['invalid-time']],
    ['a payload that is not an object', good, ['a', 'list'], ['payload-not-json']],
  ];
  for (const [name, header, body, expected] of cases) {
    it(`warns about ${name}`, async () => {
      assert.deepEqual(await codes(craft(header, body, privateKey)), [...expected].sort());
    });
  }

  it('signature states: none is invalid, HS256 cannot be checked, an unknown key is said so', async () => {
    const check = async (header: Record<string, unknown>) =>
      (await inspectToken(craft(header, claims, privateKey), { jwks, now })).signature.status;
    assert.equal(await check({ ...good, alg: 'none' }), 'invalid');
    assert.equal(await check({ ...good, alg: 'HS256' }), 'not-checked');
    assert.equal(await check({ ...good, kid: 'retired' }), 'unknown-key');
    assert.equal(await check({ ...good, alg: 'ES256' }), 'unknown-key', 'the key is for EdDSA only');
    const other = generateKeyPairSync('ed25519').privateKey;
    assert.equal((await inspectToken(craft(good, claims, other), { jwks, now })).signature.status, 'invalid');
  });

  it('ES256 and RS256 signatures are checked too', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const set: JsonWebKeySet = {
      keys: [
        { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec', alg: 'ES256' },
        { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa', alg: 'RS256' },
      ],
    };
    const signed = (alg: string, kid: string, key: typeof ec.privateKey, options: object) => {
      const input = `${encode({ alg, kid, typ: 'at+jwt' })}.${encode(claims)}`;
      return `${input}.${sign('sha256', Buffer.from(input), { key, ...options }).toString('base64url')}`;
    };
    const es = signed('ES256', 'ec', ec.privateKey, { dsaEncoding: 'ieee-p1363' });
    const rs = signed('RS256', 'rsa', rsa.privateKey, {});
    assert.equal((await inspectToken(es, { jwks: set, now })).signature.status, 'valid');
    assert.equal((await inspectToken(rs, { jwks: set, now })).signature.status, 'valid');
    assert.equal((await inspectToken(flipOneCharacter(rs), { jwks: set, now })).signature.status, 'invalid');
  });

  it('what is not a signed token is said in words, never thrown', async () => {
    const errors: [string, RegExp][] = [
      ['', /Paste a token/],
      ['abc', /three parts/],
      ['a.b.c.d.e', /encrypted token/],
      ['!!!.e30.', /header/],
      [`${encode([1])}.e30.`, /header/],
      [`${encode(good)}.@@@.`, /payload/],
      [`${encode(good)}.e30.@@@`, /signature/],
      ['x'.repeat(20_000), /longer than/],
      [`${Buffer.from('{"alg":"EdDSA"').toString('base64url')}.e30.`, /header/],
      [`${Buffer.from([0xff, 0xfe]).toString('base64url')}.e30.`, /header/],
    ];
    for (const [input, pattern] of errors) {
      const result = await inspectToken(input, { jwks, now });
      assert.match(result.error ?? '', pattern, input.slice(0, 40));
      assert.equal(result.valid, false);
    }
  });
});
