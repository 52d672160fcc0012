import type { TesseraStore } from '@tessera/core';
import type { SigningKeyRecord } from '@tessera/core/store';
import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, distantPastInstant, makeSigningKey, T0 } from './fixtures.js';

// The stored keys among `kids`, in the store's order: other cases' keys may share the database.
async function listOwnKeys(store: TesseraStore, kids: readonly string[]): Promise<SigningKeyRecord[]> {
  const own = new Set(kids);
  return (await store.listSigningKeys()).filter((key) => own.has(key.kid));
}

/**
 * Conformance cases for `SigningKeyStore`.
 *
 * @example
 * for (const c of signingKeyCases) it(c.name, () => c.run(store));
 */
export const signingKeyCases: readonly ConformanceCase[] = [
  {
    name: 'signing keys: insertSigningKey then listSigningKeys returns every field (current, retired, HS256)',
    async run(store) {
      const current = makeSigningKey({ createdAt: addSeconds(T0, 1), activatesAt: addSeconds(T0, 3601) });
      const retired = makeSigningKey({
        alg: 'ES256',
        publicJwk: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }),
        createdAt: addSeconds(T0, 2),
        activatesAt: addSeconds(T0, 2),
        retiredAt: addSeconds(T0, 86_400),
        expiresAt: addSeconds(T0, 86_400 + 900),
      });
      const rsa = makeSigningKey({
        alg: 'RS256',
        publicJwk: JSON.stringify({ kty: 'RSA', n: 'n', e: 'AQAB' }),
        createdAt: addSeconds(T0, 3),
      });
      const hmac = makeSigningKey({ alg: 'HS256', publicJwk: null, createdAt: addSeconds(T0, 4) });
      for (const key of [current, retired, rsa, hmac]) await store.insertSigningKey(key);
      const listed = await listOwnKeys(store, [current.kid, retired.kid, rsa.kid, hmac.kid]);
      assert.deepEqual(listed, [current, retired, rsa, hmac]);
      assert.ok(listed[1]?.retiredAt instanceof Date && listed[1].activatesAt instanceof Date);
    },
  },
  {
    name: 'signing keys: listSigningKeys is oldest createdAt first, ties in insertion order',
    async run(store) {
      const newest = makeSigningKey({ createdAt: addSeconds(T0, 30) });
      const oldest = makeSigningKey({ createdAt: addSeconds(T0, 10) });
      const middle = makeSigningKey({ createdAt: addSeconds(T0, 20) });
      const alsoMiddle = makeSigningKey({ createdAt: addSeconds(T0, 20) });
      for (const key of [newest, oldest, middle, alsoMiddle]) await store.insertSigningKey(key);
      assert.deepEqual(await listOwnKeys(store, [newest.kid, oldest.kid, middle.kid, alsoMiddle.kid]), [
        oldest,
        middle,
        alsoMiddle,
        newest,
      ]);
    },
  },
  {
    name: 'signing keys: a duplicate kid rejects and keeps the stored key',
    async run(store) {
      const key = makeSigningKey();
      await store.insertSigningKey(key);
      await assert.rejects(
        store.insertSigningKey(makeSigningKey({ kid: key.kid, privateJwkCiphertext: 'v1.other' })),
      );
      assert.deepEqual(await listOwnKeys(store, [key.kid]), [key]);
    },
  },
  {
    name: 'signing keys: retireSigningKey sets retiredAt and expiresAt of that key only; an unknown kid is a no-op',
    async run(store) {
      const key = makeSigningKey();
      const other = makeSigningKey();
      await store.insertSigningKey(key);
      await store.insertSigningKey(other);
      const retiredAt = addSeconds(T0, 86_400);
      const expiresAt = addSeconds(T0, 86_400 + 900);
      await store.retireSigningKey(key.kid, retiredAt, expiresAt);
      assert.deepEqual(await listOwnKeys(store, [key.kid, other.kid]), [
        { ...key, retiredAt, expiresAt },
        other,
      ]);
      const ghost = makeSigningKey();
      await store.retireSigningKey(ghost.kid, retiredAt, expiresAt);
      assert.deepEqual(await listOwnKeys(store, [ghost.kid]), []);
    },
  },
  {
    name: 'signing keys: updateSigningKeyCiphertext replaces that key’s ciphertext only; an unknown kid is a no-op',
    async run(store) {
      const key = makeSigningKey();
      const other = makeSigningKey();
      await store.insertSigningKey(key);
      await store.insertSigningKey(other);
      await store.updateSigningKeyCiphertext(key.kid, 'v2.re-encrypted');
      assert.deepEqual(await listOwnKeys(store, [key.kid, other.kid]), [
        { ...key, privateJwkCiphertext: 'v2.re-encrypted' },
        other,
      ]);
      const ghost = makeSigningKey();
      await store.updateSigningKeyCiphertext(ghost.kid, 'v2.re-encrypted');
      assert.deepEqual(await listOwnKeys(store, [ghost.kid]), []);
    },
  },
  {
    name: 'signing keys: deleteExpiredSigningKeys drops keys expired at or before now, never a current one',
    async run(store) {
      // A distant-past `now`, so keys of other cases sharing the database are never expired by it.
      const now = distantPastInstant();
      const base = { createdAt: addSeconds(now, -86_400), activatesAt: addSeconds(now, -86_400) };
      const retired = { ...base, retiredAt: addSeconds(now, -3600) };
      const expired = makeSigningKey({ ...retired, expiresAt: addSeconds(now, -1) });
      const expiresNow = makeSigningKey({ ...retired, expiresAt: now });
      const live = makeSigningKey({ ...retired, expiresAt: new Date(now.getTime() + 1) });
      const current = makeSigningKey(base);
      const kids = [expired, expiresNow, live, current].map((key) => key.kid);
      for (const key of [expired, expiresNow, live, current]) await store.insertSigningKey(key);
      assert.equal(await store.deleteExpiredSigningKeys(now), 2);
      assert.deepEqual(await listOwnKeys(store, kids), [live, current]);
      assert.equal(await store.deleteExpiredSigningKeys(now), 0);
      // Far in the future: the current key (no expiresAt) is still kept.
      assert.ok((await store.deleteExpiredSigningKeys(addSeconds(T0, 10 * 365 * 86_400))) >= 1);
      assert.deepEqual(await listOwnKeys(store, kids), [current]);
    },
  },
  {
    name: 'signing keys: a bad alg, a public part that does not match it, or an empty ciphertext rejects with TypeError',
    async run(store) {
      const secretJwk = JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' });
      const bad: SigningKeyRecord[] = [
        makeSigningKey({ alg: 'none' as SigningKeyRecord['alg'] }),
        makeSigningKey({ alg: 'HS512' as SigningKeyRecord['alg'] }),
        // An HS256 key's only JWK is its secret: a public part would publish it in the JWKS.
        makeSigningKey({ alg: 'HS256', publicJwk: secretJwk }),
        makeSigningKey({ alg: 'EdDSA', publicJwk: null }),
        makeSigningKey({ publicJwk: 'not json' }),
        makeSigningKey({ publicJwk: '["a JSON array"]' }),
        makeSigningKey({ privateJwkCiphertext: '' }),
        makeSigningKey({ kid: '' }),
        makeSigningKey({ createdAt: new Date(Number.NaN) }),
        makeSigningKey({ retiredAt: new Date(Number.NaN), expiresAt: T0 }),
      ];
      for (const key of bad) await assert.rejects(store.insertSigningKey(key), TypeError);
      assert.deepEqual(
        await listOwnKeys(
          store,
          bad.map((key) => key.kid),
        ),
        [],
      );

      const key = makeSigningKey();
      await store.insertSigningKey(key);
      await assert.rejects(store.updateSigningKeyCiphertext(key.kid, ''), TypeError);
      await assert.rejects(store.retireSigningKey(key.kid, new Date(Number.NaN), T0), TypeError);
      await assert.rejects(store.deleteExpiredSigningKeys(new Date(Number.NaN)), TypeError);
      assert.deepEqual(await listOwnKeys(store, [key.kid]), [key]);
    },
  },
  {
    name: 'signing keys: mutating an inserted or a listed key does not change the stored one',
    async run(store) {
      const key = makeSigningKey({ retiredAt: addSeconds(T0, 60), expiresAt: addSeconds(T0, 960) });
      const expected = {
        ...key,
        createdAt: new Date(key.createdAt),
        activatesAt: new Date(key.activatesAt),
        retiredAt: addSeconds(T0, 60),
        expiresAt: addSeconds(T0, 960),
      };
      await store.insertSigningKey(key);
      key.createdAt.setTime(0);
      key.expiresAt?.setTime(0);
      key.privateJwkCiphertext = 'changed';
      const [listed] = await listOwnKeys(store, [key.kid]);
      assert.deepEqual(listed, expected);
      listed.activatesAt.setTime(0);
      listed.retiredAt.setTime(0);
      listed.publicJwk = null;
      assert.deepEqual(await listOwnKeys(store, [key.kid]), [expected]);
    },
  },
];
