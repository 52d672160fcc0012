import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { hashScryptForImport } from './hash-scrypt-for-import.js';
import { createPasswordHasher, owaspArgon2idParameters } from './password-hasher.js';

// Most tests use tiny argon2 parameters to stay fast; one block uses the OWASP defaults.
const cheap = { memoryCostKiB: 64, timeCost: 1, parallelism: 1 };
const cheapHasher = createPasswordHasher({ argon2: cheap });

describe('createPasswordHasher with the default (OWASP) parameters', () => {
  const hasher = createPasswordHasher();

  it('uses m=19456 KiB, t=2, p=1', () => {
    assert.deepEqual({ ...owaspArgon2idParameters }, { memoryCostKiB: 19456, timeCost: 2, parallelism: 1 });
  });

  it('hashes to an argon2id PHC string that verifies, and needs no rehash', async () => {
    const passwordHash = await hasher.hash('correct horse battery staple');
    assert.match(passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.equal(await hasher.verify(passwordHash, 'correct horse battery staple'), true);
    assert.equal(await hasher.verify(passwordHash, 'correct horse battery stapler'), false);
    assert.equal(hasher.needsRehash(passwordHash), false);
  });

  it('verifyDummy resolves false', async () => {
    assert.equal(await hasher.verifyDummy('correct horse battery staple'), false);
  });
});

describe('PasswordHasher', () => {
  it('rejects a wrong password', async () => {
    const passwordHash = await cheapHasher.hash('hunter2 hunter2');
    assert.equal(await cheapHasher.verify(passwordHash, 'hunter2 hunter2'), true);
    for (const wrong of ['hunter2 hunter3', 'HUNTER2 HUNTER2', 'hunter2 hunter2 ', '', 'hunter2 hunter2\0']) {
      assert.equal(await cheapHasher.verify(passwordHash, wrong), false, JSON.stringify(wrong));
    }
  });

  it('never truncates: 200-character passwords differing only in the last character do not cross-verify', async () => {
    const base = 'x'.repeat(199);
    const [first, second] = [`${base}a`, `${base}b`];
    const [firstHash, secondHash] = await Promise.all([cheapHasher.hash(first), cheapHasher.hash(second)]);
    assert.equal(await cheapHasher.verify(firstHash, first), true);
    assert.equal(await cheapHasher.verify(firstHash, second), false);
    assert.equal(await cheapHasher.verify(secondHash, first), false);
  });

  it('hashes and verifies the NFKC-normalized password', async () => {
    const passwordHash = await cheapHasher.hash('cafe\u0301 ｓｏｃｉｅｔｙ');
    assert.equal(await cheapHasher.verify(passwordHash, 'caf\u00e9 society'), true);
  });

  it('salts every hash (and takes salts from the injected randomBytes)', async () => {
    const fixed = createPasswordHasher({ argon2: cheap, randomBytes: (n) => new Uint8Array(n).fill(1) });
    assert.equal(await fixed.hash('same password'), await fixed.hash('same password'));
    assert.notEqual(await cheapHasher.hash('same password'), await cheapHasher.hash('same password'));
  });

  it('needsRehash is true for argon2id hashes with other parameters', async () => {
    const passwordHash = await cheapHasher.hash('correct horse battery staple');
    assert.equal(cheapHasher.needsRehash(passwordHash), false);
    assert.equal(createPasswordHasher().needsRehash(passwordHash), true);
    assert.equal(createPasswordHasher({ argon2: { ...cheap, timeCost: 2 } }).needsRehash(passwordHash), true);
    assert.equal(
      createPasswordHasher({ argon2: { ...cheap, memoryCostKiB: 128 } }).needsRehash(passwordHash),
      true,
    );
    // ...and a hash with other parameters still verifies, so the user can log in and be rehashed.
    assert.equal(await createPasswordHasher().verify(passwordHash, 'correct horse battery staple'), true);
  });

  describe('imported bcrypt hashes', () => {
    it('verify, refuse a wrong password and need a rehash', async () => {
      const passwordHash = await bcrypt.hash('correct horse battery staple', 4);
      assert.match(passwordHash, /^\$2b\$04\$/);
      assert.equal(await cheapHasher.verify(passwordHash, 'correct horse battery staple'), true);
      assert.equal(await cheapHasher.verify(passwordHash, 'correct horse battery stapler'), false);
      assert.equal(cheapHasher.needsRehash(passwordHash), true);
    });

    it('accept the $2a$ and $2y$ prefixes', async () => {
      const passwordHash = await bcrypt.hash('correct horse battery staple', 4);
      for (const prefix of ['$2a$', '$2y$']) {
        const variant = prefix + passwordHash.slice(4);
        assert.equal(await cheapHasher.verify(variant, 'correct horse battery staple'), true, prefix);
        assert.equal(cheapHasher.needsRehash(variant), true);
      }
    });

    it("keep bcrypt's 72-byte limit (argon2id, used after the rehash, has none)", async () => {
      const password = 'a'.repeat(72);
      const passwordHash = await bcrypt.hash(password, 4);
      assert.equal(await cheapHasher.verify(passwordHash, `${password}ignored by bcrypt`), true);
      const rehashed = await cheapHasher.hash(password);
      assert.equal(await cheapHasher.verify(rehashed, `${password}ignored by bcrypt`), false);
    });

    it('verify a legacy hash of a password that was not normalized', async () => {
      const raw = 'cafe\u0301 society';
      const passwordHash = await bcrypt.hash(raw, 4);
      assert.equal(await cheapHasher.verify(passwordHash, raw), true);
    });
  });

  describe('imported scrypt hashes', () => {
    it('verify, refuse a wrong password and need a rehash', async () => {
      const passwordHash = await hashScryptForImport('correct horse battery staple', { ln: 10, r: 8, p: 1 });
      assert.equal(await cheapHasher.verify(passwordHash, 'correct horse battery staple'), true);
      assert.equal(await cheapHasher.verify(passwordHash, 'correct horse battery stapler'), false);
      assert.equal(cheapHasher.needsRehash(passwordHash), true);
    });
  });

  describe('imported hashes and login timing (issue 11)', () => {
    /** A hasher that counts its random draws: the dummy hash costs one password and one salt. */
    function countingHasher() {
      const counter = { draws: 0 };
      const hasher = createPasswordHasher({
        argon2: cheap,
        randomBytes: (n) => {
          counter.draws++;
          return new Uint8Array(n).fill(counter.draws);
        },
      });
      return { hasher, counter };
    }

    it('a bcrypt verification at cost 12 leaves the event loop free (counted, not timed)', async () => {
      const passwordHash = bcrypt.hashSync('correct horse battery staple', 12);
      let turns = 0;
      let spinning = true;
      const spin = () => {
        turns++;
        if (spinning) setImmediate(spin);
      };
      setImmediate(spin);
      const matches = await cheapHasher.verify(passwordHash, 'correct horse battery stapler');
      spinning = false;
      assert.equal(matches, false);
      // bcryptjs on the main thread yields once per 100 ms chunk: a handful of turns in all. On a
      // worker thread the loop turns freely for the whole verification.
      assert.ok(turns >= 200, `the event loop turned only ${turns} times`);
    });

    it('a wrong password against an imported or outdated hash also does the argon2id work of an unknown email', async () => {
      const stored = [
        await bcrypt.hash('correct horse battery staple', 4),
        await hashScryptForImport('correct horse battery staple', { ln: 10, r: 8, p: 1 }),
        await createPasswordHasher({ argon2: { ...cheap, timeCost: 2 } }).hash(
          'correct horse battery staple',
        ),
        '$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
        'not a hash',
      ];
      for (const passwordHash of stored) {
        const { hasher, counter } = countingHasher();
        assert.equal(await hasher.verify(passwordHash, 'wrong horse'), false);
        assert.equal(counter.draws, 2, `the dummy hash was computed for ${passwordHash.slice(0, 12)}`);
      }
      // Today's argon2id is that work itself: no dummy on top.
      const { hasher, counter } = countingHasher();
      const current = await hasher.hash('correct horse battery staple');
      const drawsForHash = counter.draws;
      assert.equal(await hasher.verify(current, 'wrong horse'), false);
      assert.equal(await hasher.verify(current, 'correct horse battery staple'), true);
      assert.equal(counter.draws, drawsForHash, 'no dummy hash for a current argon2id hash');
    });
  });

  describe('malformed or unsupported stored hashes (ours, negative)', () => {
    const bcryptTail = 'N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'; // 53 characters
    const argon2Tail = 'c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObG';
    const malformed = [
      '',
      'abc',
      '$',
      '$argon2id$garbage',
      '$argon2id$v=19$m=19456,t=2,p=1$',
      '$argon2id$v=19$m=19456,t=2,p=1$!!!$!!!',
      `$argon2id$v=19$m=4194304,t=1,p=1$${argon2Tail}`, // 4 GiB: beyond what verify will run
      `$argon2id$v=19$m=19456,t=1000,p=1$${argon2Tail}`,
      `$argon2i$v=19$m=19456,t=2,p=1$${argon2Tail}`,
      '$scrypt$ln=99,r=8,p=1$WKs1xljLudd6z9kbY0wpJQ$yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ',
      '$scrypt$ln=8,r=8,p=1$!!!$yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ',
      '$scrypt$',
      `$2b$99$${bcryptTail}`,
      `$2b$03$${bcryptTail}`,
      `$2b$31$${bcryptTail}`, // legal bcrypt, but hours of pure-JS work: refused
      `$2b$10$${bcryptTail.slice(1)}`,
      `$2b$10$${bcryptTail}x`,
      `$2b$10$${bcryptTail.slice(1)}!`,
      `$2x$10$${bcryptTail}`,
      `$2$10$${bcryptTail}`,
      '$1$saltsalt$hashhashhashhashhashha', // md5-crypt: not accepted
      'plaintext-password',
    ];
    for (const passwordHash of malformed) {
      it(`verify resolves false for ${JSON.stringify(passwordHash.slice(0, 40))}`, async () => {
        assert.equal(await cheapHasher.verify(passwordHash, 'password'), false);
        assert.equal(cheapHasher.needsRehash(passwordHash), true);
      });
    }

    it('verify does not accept a stored plaintext equal to the password', async () => {
      assert.equal(await cheapHasher.verify('correct horse', 'correct horse'), false);
    });
  });

  describe('verifyDummy', () => {
    it('resolves false, even for an empty or hostile password', async () => {
      for (const password of ['correct horse', '', '\0', '\ud800', 'x'.repeat(4096)]) {
        assert.equal(await cheapHasher.verifyDummy(password), false);
      }
    });

    it('computes the dummy hash once, on first use', async () => {
      let calls = 0;
      const hasher = createPasswordHasher({
        argon2: cheap,
        randomBytes: (n) => {
          calls++;
          return new Uint8Array(n).fill(calls);
        },
      });
      assert.equal(calls, 0, 'nothing is hashed before first use');
      await Promise.all([hasher.verifyDummy('first'), hasher.verifyDummy('second')]);
      const afterFirstUse = calls;
      assert.equal(afterFirstUse, 2, 'one dummy password and one salt');
      await hasher.verifyDummy('third');
      assert.equal(calls, afterFirstUse);
    });
  });

  describe('caller bugs', () => {
    it('a non-string argument is a TypeError', async () => {
      const passwordHash = await cheapHasher.hash('correct horse');
      await assert.rejects(cheapHasher.hash(undefined as unknown as string), TypeError);
      await assert.rejects(cheapHasher.verify(null as unknown as string, 'correct horse'), TypeError);
      await assert.rejects(cheapHasher.verify(passwordHash, 42 as unknown as string), TypeError);
      await assert.rejects(cheapHasher.verifyDummy({} as unknown as string), TypeError);
      assert.throws(() => cheapHasher.needsRehash(undefined as unknown as string), TypeError);
    });

    it('invalid argon2 parameters throw TypeError when the hasher is created', () => {
      const invalid = [
        { memoryCostKiB: 7, timeCost: 1, parallelism: 1 },
        { memoryCostKiB: 64, timeCost: 1, parallelism: 16 },
        { memoryCostKiB: 19456, timeCost: 0, parallelism: 1 },
        { memoryCostKiB: 19456, timeCost: 2, parallelism: 0 },
        { memoryCostKiB: 19456, timeCost: 2, parallelism: 256 },
        { memoryCostKiB: 19456.5, timeCost: 2, parallelism: 1 },
        { memoryCostKiB: 19456, timeCost: Number.NaN, parallelism: 1 },
        { memoryCostKiB: '19456' as unknown as number, timeCost: 2, parallelism: 1 },
      ];
      for (const argon2 of invalid) {
        assert.throws(() => createPasswordHasher({ argon2 }), TypeError, JSON.stringify(argon2));
      }
    });
  });
});
