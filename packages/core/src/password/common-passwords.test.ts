import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isCommonPassword, loadCommonPasswords } from './common-passwords.js';

const dataFile = new URL('../../data/common-passwords.txt', import.meta.url);

describe('the shipped common-password list (data/common-passwords.txt)', () => {
  const lines = readFileSync(dataFile, 'utf8').split('\n');

  it('has at least 10,000 entries', () => {
    assert.ok(loadCommonPasswords().size >= 10_000);
  });

  it('contains well-known entries', () => {
    const list = loadCommonPasswords();
    for (const password of ['123456', 'password', 'qwerty', 'password1', 'iloveyou', 'letmein']) {
      assert.ok(list.has(password), password);
    }
  });

  it('is one entry a line, ends with a newline, no blanks, no duplicates', () => {
    assert.equal(lines.at(-1), '', 'the file ends with a newline');
    const entries = lines.slice(0, -1);
    assert.ok(entries.every((entry) => entry !== '' && !entry.includes('\r')));
    assert.equal(new Set(entries).size, entries.length);
  });

  it('is stored lower-cased and NFKC-normalized, as it is compared', () => {
    const bad = lines.filter((entry) => entry !== entry.normalize('NFKC').toLowerCase());
    assert.deepEqual(bad, []);
  });
});

describe('isCommonPassword', () => {
  it('matches regardless of case', () => {
    for (const password of ['PASSWORD1', 'Password123', 'QwErTy', 'password', 'ILOVEYOU']) {
      assert.equal(isCommonPassword(password), true, password);
    }
  });

  it('matches after NFKC normalization (full-width letters)', () => {
    assert.equal(isCommonPassword('ｐａｓｓｗｏｒｄ'), true);
  });

  it('does not match passwords that are not on the list', () => {
    for (const password of [
      'correct horse battery staple',
      'Tr0ub4dor&3-zebra',
      'p4ssw0rd-unlikely-9921',
      '',
    ]) {
      assert.equal(isCommonPassword(password), false, password);
    }
  });

  it('does not match a common password with extra characters', () => {
    assert.equal(isCommonPassword(' password'), false);
    assert.equal(isCommonPassword('password\0'), false);
  });
});

describe('loadCommonPasswords', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-common-passwords-'));
  after(() => {
    loadCommonPasswords(); // back to the shipped list for any later test in this file
    rmSync(directory, { recursive: true, force: true });
  });

  it('loads a list from a path (for bundles), lower-casing entries and accepting CRLF', () => {
    const path = join(directory, 'custom.txt');
    writeFileSync(path, 'Hunter2\r\nSwordFish\r\n\r\n');
    const list = loadCommonPasswords(path);
    assert.deepEqual([...list].sort(), ['hunter2', 'swordfish']);
    assert.equal(isCommonPassword('HUNTER2'), true);
    assert.equal(isCommonPassword('password'), false, 'the custom list replaced the shipped one');
    loadCommonPasswords();
    assert.equal(isCommonPassword('password'), true);
  });

  it('throws a clear error for a missing file and keeps the current list', () => {
    const missing = join(directory, 'missing.txt');
    assert.throws(() => loadCommonPasswords(missing), /Could not read the common-password list/);
    assert.equal(isCommonPassword('password'), true);
  });
});
