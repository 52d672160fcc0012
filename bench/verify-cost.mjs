// Access-token verify cost per algorithm: Tessera next to jose, jsonwebtoken and fast-jwt (its
// cache off and on), and a bare node:crypto verify as the floor. One realistic Tessera access
// token shape (typ at+jwt, kid; iss, aud, sub, sid, iat, exp, jti, roles), contenders interleaved
// in rounds, ns per call as the median over rounds and as a ratio to the floor from this one run
// (the median of each round's ratio). Times are this process's CPU time, so the other processes
// on a shared machine cost it little; wall-clock times are printed next to them.
// Then what a cache does to revocation: fast-jwt's keeps accepting a token after its session is
// revoked; Tessera's refuses it on the next call.
//
//   npm run build && node bench/verify-cost.mjs [--quick] [--json <path>] [--alg HS256,EdDSA]
//
// "cold" rows verify a different token on every call (a pool of distinct tokens, larger than any
// cache in play, so nothing can be served from one; Tessera's cold rows run with its cache unless
// they say "no cache", so they include what the cache costs a token seen for the first time);
// "repeated" rows verify one token, as a fresh copy of the string each call, like a token read
// from a new request (no string hash kept).
import { Buffer } from 'node:buffer';
import {
  createHmac,
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createVerifier } from 'fast-jwt';
import { calculateJwkThumbprint, importJWK, jwtVerify } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import {
  RevocationSet,
  SessionRevokedError,
  VerifiedTokenCache,
  createLocalKeySet,
  verifyAccessToken,
  verifyAccessTokenSync,
} from '@tessera/verify';
import { contender, measureRounds, printTable } from './lib/measure-rounds.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonIndex = args.indexOf('--json');
const jsonPath = jsonIndex === -1 ? null : args[jsonIndex + 1];
if (jsonIndex !== -1 && (jsonPath === undefined || jsonPath.startsWith('--'))) {
  console.error('usage: node bench/verify-cost.mjs [--quick] [--json <path>] [--alg HS256,EdDSA]');
  process.exit(2);
}

const settings = quick
  ? { rounds: 3, warmupRounds: 1, batchMs: 1, poolSize: 128 }
  : { rounds: 201, warmupRounds: 5, batchMs: 2, poolSize: 1024 };
/** Smaller than the pool: the cold rows cycle through more tokens than their cache holds. */
const coldCacheEntries = settings.poolSize / 4;
const issuer = 'https://auth.example.com';
const audience = 'https://api.example.com';
const algIndex = args.indexOf('--alg');
const algorithms = algIndex === -1 ? ['EdDSA', 'ES256', 'RS256', 'HS256'] : args[algIndex + 1].split(',');
const target = { coldRatio: 1.1, repeatedNs: 3000 };

const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
const id = () => randomBytes(16).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A key pair (or HS256 secret) with its published JWK, its kid and a signer, as the server makes them. */
async function createKey(alg) {
  if (alg === 'HS256') {
    const secret = randomBytes(32);
    const kid = id(); // the server's HS256 kid is random: a thumbprint would hash the secret
    return {
      alg,
      kid,
      jwk: { kty: 'oct', k: b64(secret), kid, alg },
      floorKey: createSecretKey(secret),
      secret,
      sign: (input) => createHmac('sha256', secret).update(input).digest(),
    };
  }
  const { publicKey, privateKey } =
    alg === 'EdDSA'
      ? generateKeyPairSync('ed25519')
      : alg === 'ES256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const exported = publicKey.export({ format: 'jwk' });
  const kid = await calculateJwkThumbprint(exported, 'sha256');
  const hash = alg === 'EdDSA' ? null : 'sha256';
  const signingKey = alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey;
  return {
    alg,
    kid,
    jwk: { ...exported, kid, alg, use: 'sig' },
    floorKey: publicKey,
    pem: publicKey.export({ type: 'spki', format: 'pem' }),
    sign: (input) => sign(hash, Buffer.from(input), signingKey),
  };
}

/** A Tessera access token: the header and claim order of the server's own tokens. */
function mintToken(key, sessionId = `s_${id()}`) {
  const iat = nowSeconds();
  const header = { alg: key.alg, kid: key.kid, typ: 'at+jwt' };
  const claims = {
    sid: sessionId,
    roles: ['user'],
    iss: issuer,
    aud: audience,
    sub: `u_${id()}`,
    iat,
    exp: iat + 900,
    jti: id(),
  };
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  return { token: `${input}.${b64(key.sign(input))}`, sessionId, exp: claims.exp };
}

/**
 * The floor: split, base64url-decode, verify the signature with a KeyObject imported once, parse
 * the payload, check exp. Nothing else (no header, no alg pinning, no claim rules).
 */
function createFloorVerify(key) {
  const { alg, floorKey } = key;
  return (token) => {
    const [header, payload, signature] = token.split('.');
    const signatureBytes = Buffer.from(signature, 'base64url');
    const input = Buffer.from(`${header}.${payload}`);
    let valid;
    if (alg === 'HS256') {
      const expected = createHmac('sha256', floorKey).update(input).digest();
      valid = expected.length === signatureBytes.length && timingSafeEqual(expected, signatureBytes);
    } else if (alg === 'ES256') {
      valid = verify('sha256', input, { key: floorKey, dsaEncoding: 'ieee-p1363' }, signatureBytes);
    } else {
      valid = verify(alg === 'EdDSA' ? null : 'sha256', input, floorKey, signatureBytes);
    }
    if (!valid) throw new Error('bad signature');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!(claims.exp > Date.now() / 1000)) throw new Error('expired');
    return claims;
  };
}

/** Copies of one string that share no hash or storage with it: a token as read from a new request. */
const freshCopies = (text, count) =>
  Array.from({ length: count }, () => Buffer.from(text).toString('latin1'));

const format = {
  ns: (value) => (value === null ? 'n/a' : Math.round(value).toLocaleString('en-US')),
  ratio: (value) => (value === null ? 'n/a' : `${value.toFixed(2)}×`),
};

const tables = [];
const measured = {};
const started = Date.now();
console.log(
  `verify-cost: Node ${process.version}, ${cpus().length} CPUs, load ${loadavg()
    .map((value) => value.toFixed(2))
    .join(
      ' ',
    )}; ${settings.rounds} rounds${quick ? ' (--quick)' : ''}, cold pool ${settings.poolSize} tokens`,
);

for (const alg of algorithms) {
  const key = await createKey(alg);
  const pool = Array.from({ length: settings.poolSize }, () => mintToken(key).token);
  const repeated = freshCopies(mintToken(key).token, 512);

  // A verifier as a service sets it up: keys imported once, a fail-closed revocation set whose feed
  // is healthy and which holds other revoked sessions, and (for Tessera) a verified-token cache.
  const revocations = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 30 });
  revocations.markFeedHealthy(new Date());
  const revokedUntil = new Date(Date.now() + 3_600_000);
  for (let i = 0; i < 1000; i += 1) revocations.add(`s_${id()}`, revokedUntil);
  const keys = createLocalKeySet({ keys: [key.jwk] }, { allowSymmetric: alg === 'HS256' });
  const base = { issuer, audience, revocations };
  const tessera = {
    cold: { ...base, keys, cache: new VerifiedTokenCache({ maxEntries: coldCacheEntries }) },
    coldSync: {
      ...base,
      keys: keys.findKey,
      cache: new VerifiedTokenCache({ maxEntries: coldCacheEntries }),
    },
    coldSyncNoCache: { ...base, keys: keys.findKey },
    repeated: { ...base, keys, cache: new VerifiedTokenCache() },
    repeatedSync: { ...base, keys: keys.findKey, cache: new VerifiedTokenCache() },
  };
  const joseKey = alg === 'HS256' ? key.secret : await importJWK(key.jwk, alg);
  const joseOptions = { issuer, audience, algorithms: [alg], typ: 'at+jwt' };
  const fastKey = alg === 'HS256' ? key.secret : key.pem;
  const fastOptions = { key: fastKey, algorithms: [alg], allowedIss: issuer, allowedAud: audience };
  const fastVerify = createVerifier({ ...fastOptions, cache: false });
  const fastVerifyCached = createVerifier({ ...fastOptions, cache: 1000 });
  const jwtKey = alg === 'HS256' ? key.secret : key.floorKey;
  const jwtOptions = { algorithms: [alg], issuer, audience };
  let jsonwebtokenRefusal = null;
  try {
    jsonwebtoken.verify(pool[0], jwtKey, jwtOptions);
  } catch (error) {
    jsonwebtokenRefusal = `${error.name}: ${error.message}`;
  }

  const floor = createFloorVerify(key);
  const specs = [
    ['node:crypto floor (cold)', floor, pool],
    ['Tessera verifyAccessTokenSync, cold', (t) => verifyAccessTokenSync(t, tessera.coldSync), pool],
    [
      'Tessera verifyAccessTokenSync, cold, no cache',
      (t) => verifyAccessTokenSync(t, tessera.coldSyncNoCache),
      pool,
    ],
    ['Tessera verifyAccessToken, cold', (t) => verifyAccessToken(t, tessera.cold), pool, true],
    [
      'Tessera verifyAccessTokenSync, repeated',
      (t) => verifyAccessTokenSync(t, tessera.repeatedSync),
      repeated,
    ],
    ['Tessera verifyAccessToken, repeated', (t) => verifyAccessToken(t, tessera.repeated), repeated, true],
    ['jose jwtVerify', (t) => jwtVerify(t, joseKey, joseOptions), pool, true],
    ...(jsonwebtokenRefusal === null
      ? [['jsonwebtoken verify', (t) => jsonwebtoken.verify(t, jwtKey, jwtOptions), pool]]
      : []),
    ['fast-jwt, cache off', fastVerify, pool],
    ['fast-jwt, cache on, repeated', fastVerifyCached, repeated],
  ];
  // Every contender must accept the tokens before it is timed: a fast refusal is no measurement.
  for (const [name, call, inputs] of specs) {
    const result = await call(inputs[0]);
    const claims = result?.payload ?? result;
    if (typeof claims?.sub !== 'string' || !claims.sub.startsWith('u_')) throw new Error(`${name} failed`);
  }
  const rows = specs.map(([name, call, inputs, isAsync = false]) =>
    contender(name, call, inputs, { isAsync }),
  );

  // Batches of about batchMs at the floor's speed; every contender runs the same number of calls.
  const probe = contender('probe', floor, pool);
  probe.runBatch(200);
  const floorNs = Math.min(...[1, 2, 3].map(() => probe.runBatch(200).cpu).filter((ns) => ns > 0));
  const batchSize = Math.max(20, Math.min(20_000, Math.round((settings.batchMs * 1e6) / floorNs)));
  const medians = await measureRounds(rows, { ...settings, batchSize });

  const floorMedian = medians.get('node:crypto floor (cold)');
  // CPU: the median of per-round ratios to the floor; wall clock: the ratio of the medians.
  const ratio = (name, clock = 'cpu') =>
    !medians.has(name)
      ? null
      : clock === 'cpu'
        ? medians.get(name).cpuRatio
        : medians.get(name).wall / floorMedian.wall;
  const table = {
    title: `${alg}: ns per verification in CPU time of this process (wall clock after), median of ${settings.rounds} rounds of ${batchSize} calls`,
    columns: ['contender', 'ns/op', '× floor', 'wall ns/op', 'wall × floor'],
    rows: rows.map((entry) => [
      entry.name,
      format.ns(medians.get(entry.name).cpu),
      format.ratio(ratio(entry.name)),
      format.ns(medians.get(entry.name).wall),
      format.ratio(ratio(entry.name, 'wall')),
    ]),
  };
  if (jsonwebtokenRefusal !== null) {
    const refusal = `jsonwebtoken verify: not supported (${jsonwebtokenRefusal})`;
    table.rows.splice(7, 0, [refusal, 'n/a', 'n/a', 'n/a', 'n/a']);
  }
  tables.push(table);
  printTable(table);
  measured[alg] = {
    coldSync: ratio('Tessera verifyAccessTokenSync, cold'),
    coldSyncNoCache: ratio('Tessera verifyAccessTokenSync, cold, no cache'),
    cold: ratio('Tessera verifyAccessToken, cold'),
    repeatedSyncNs: medians.get('Tessera verifyAccessTokenSync, repeated').cpu,
    repeatedNs: medians.get('Tessera verifyAccessToken, repeated').cpu,
  };
}

// What the cache costs in revocation: verify a token (now cached), revoke its session, verify again.
const revocation = await (async () => {
  const key = await createKey('EdDSA');
  const { token, sessionId, exp } = mintToken(key);
  const revocations = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 30 });
  revocations.markFeedHealthy(new Date());
  const keys = createLocalKeySet({ keys: [key.jwk] });
  const cache = new VerifiedTokenCache();
  const options = { keys, issuer, audience, revocations, cache };
  const syncOptions = { ...options, keys: keys.findKey, cache: new VerifiedTokenCache() };
  const fastVerifyCached = createVerifier({
    key: key.pem,
    algorithms: ['EdDSA'],
    allowedIss: issuer,
    allowedAud: audience,
    cache: 1000,
  });
  const outcome = async (verifyOnce) => {
    try {
      await verifyOnce();
      return 'accepted';
    } catch (error) {
      return error instanceof SessionRevokedError ? `refused (${error.code})` : `refused (${error.name})`;
    }
  };
  const contenders = [
    ['fast-jwt, cache on', () => fastVerifyCached(freshCopies(token, 1)[0])],
    ['Tessera verifyAccessToken, cache', () => verifyAccessToken(freshCopies(token, 1)[0], options)],
    [
      'Tessera verifyAccessTokenSync, cache',
      () => verifyAccessTokenSync(freshCopies(token, 1)[0], syncOptions),
    ],
  ];
  const before = [];
  for (const [, verifyOnce] of contenders)
    before.push([await outcome(verifyOnce), await outcome(verifyOnce)]);
  const cachedEntries = [cache.size, syncOptions.cache.size];
  // The auth server revokes the session; the revocation feed delivers it to this verifier. fast-jwt
  // has no place to receive it: its cache answers for cacheTTL (600 s by default) or until exp.
  revocations.add(sessionId, new Date(exp * 1000 + 60_000));
  const rows = [];
  for (const [index, [name, verifyOnce]] of contenders.entries()) {
    rows.push([name, before[index].join(', '), await outcome(verifyOnce), await outcome(verifyOnce)]);
  }
  return { rows, cachedEntries };
})();
const revocationTable = {
  title: 'A cached token after its session is revoked (EdDSA; the revocation reaches the verifier at once)',
  columns: ['verifier', 'before revocation (2 calls: now cached)', 'next call', 'call after'],
  rows: revocation.rows,
};
tables.push(revocationTable);
printTable(revocationTable);
const tesseraRefusesRevoked = revocation.rows
  .filter(([name]) => name.startsWith('Tessera'))
  .every(
    ([, before, next, after]) =>
      before === 'accepted, accepted' && next.startsWith('refused') && after.startsWith('refused'),
  );
const tesseraCached = revocation.cachedEntries.every((size) => size === 1);
const fastJwtAccepts = revocation.rows.find(([name]) => name.startsWith('fast-jwt'))[2] === 'accepted';
console.log(
  `fast-jwt's cache ${fastJwtAccepts ? 'kept accepting' : 'refused'} the revoked token; Tessera ${tesseraRefusesRevoked && tesseraCached ? 'refused it on the first call after revocation' : 'DID NOT refuse it at once'}.`,
);

/** What profiling found over the floor (docs/decisions/0015-verify-cost.md), for a missed row. */
const coldObstacle = {
  coldSync:
    "a token's first sight pays the cache's slot lookup and admission, memory the floor never touches; small against a signature, about a tenth of HS256's one HMAC (decision 0015)",
  coldSyncNoCache:
    'the header, claim and revocation checks the floor skips, about 0.9 µs: seen only at HS256, whose floor is one HMAC (decision 0015)',
  cold: "the cache's first-sight cost plus one promise, about 0.3 µs each at HS256 (decision 0015)",
};
const targets = [
  ...Object.entries({
    coldSync: 'verifyAccessTokenSync with the cache',
    coldSyncNoCache: 'verifyAccessTokenSync, no cache',
    cold: 'verifyAccessToken with the cache',
  }).flatMap(([variant, label]) =>
    algorithms.map((alg) => ({
      name: `cold ${alg} verify within ${target.coldRatio}× of node:crypto (${label})`,
      target: `≤ ${target.coldRatio.toFixed(2)}×`,
      measured: format.ratio(measured[alg][variant]),
      met: measured[alg][variant] <= target.coldRatio,
      obstacle: coldObstacle[variant],
    })),
  ),
  ...['repeatedSyncNs', 'repeatedNs'].map((variant) => {
    const worst = Math.max(...algorithms.map((alg) => measured[alg][variant]));
    return {
      name: `repeated token under 3 µs with revocation honoured (${variant === 'repeatedNs' ? 'verifyAccessToken' : 'verifyAccessTokenSync'}, slowest algorithm)`,
      target: `< ${target.repeatedNs} ns, revoked session refused on the next call`,
      measured: `${format.ns(worst)} ns; revoked session ${tesseraRefusesRevoked && tesseraCached ? 'refused on the next call' : 'NOT refused at once'}`,
      met: worst < target.repeatedNs && tesseraRefusesRevoked && tesseraCached,
    };
  }),
];
console.log('\ntargets');
for (const entry of targets) {
  console.log(
    `  ${entry.met ? 'met   ' : 'MISSED'}  ${entry.name}: ${entry.measured} (target ${entry.target})`,
  );
}
console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s; load at the end ${loadavg()[0].toFixed(2)}`);

if (jsonPath !== null) {
  writeFileSync(jsonPath, `${JSON.stringify({ bench: 'verify-cost', tables, targets }, null, 2)}\n`);
}
