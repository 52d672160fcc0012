import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needsReseal, seal, unseal } from './seal.js';
import { deriveServerKey, parseServerSecrets } from './server-secrets.js';

const OLD = 'o'.repeat(40);
const NEW = 'n'.repeat(40);

describe('server secrets', () => {
  it('refuse short secrets and name the variable', () => {
    assert.throws(() => parseServerSecrets('too short', 'TESSERA_SECRET'), /TESSERA_SECRET/);
    assert.throws(() => parseServerSecrets(`${NEW},short`, 'TESSERA_SECRET'), /TESSERA_SECRET/);
  });

  it('derive distinct keys per purpose and per secret', () => {
    const { current, all } = parseServerSecrets(`${NEW},${OLD}`, 'S');
    assert.equal(all.length, 2);
    assert.notDeepEqual(deriveServerKey(current, 'a'), deriveServerKey(current, 'b'));
    assert.notDeepEqual(deriveServerKey(all[0]!, 'a'), deriveServerKey(all[1]!, 'a'));
    assert.notEqual(all[0]!.id, all[1]!.id);
    assert.ok(!all[0]!.id.includes('n'.repeat(4)), 'the id does not echo the secret');
  });
});

describe('seal / unseal', () => {
  const secrets = parseServerSecrets(NEW, 'S');

  it('round-trips and never contains the plaintext', () => {
    const sealed = seal(secrets, '{"d":"private"}', 'ctx');
    assert.ok(!sealed.includes('private'));
    assert.equal(unseal(secrets, sealed, 'ctx'), '{"d":"private"}');
    assert.notEqual(seal(secrets, 'same', 'ctx'), seal(secrets, 'same', 'ctx'), 'a fresh IV each time');
  });

  it('refuses a different context, a tampered byte, and malformed envelopes', () => {
    const sealed = seal(secrets, 'secret data', 'signing-key:a');
    assert.throws(() => unseal(secrets, sealed, 'signing-key:b'), /failed authentication/);
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[3] = ciphertext.toString('base64url');
    assert.throws(() => unseal(secrets, parts.join('.'), 'signing-key:a'), /failed authentication/);
    for (const bad of ['', 'v1', 'v2.x.y.z.w', `${sealed}.extra`]) {
      assert.throws(() => unseal(secrets, bad, 'signing-key:a'), /malformed/);
    }
  });

  it('rotation: data sealed under the old secret opens while it is listed, then not', () => {
    const old = parseServerSecrets(OLD, 'S');
    const rotated = parseServerSecrets(`${NEW},${OLD}`, 'S');
    const sealed = seal(old, 'kept', 'ctx');
    assert.equal(unseal(rotated, sealed, 'ctx'), 'kept');
    assert.equal(needsReseal(rotated, sealed), true);
    assert.equal(needsReseal(rotated, seal(rotated, 'kept', 'ctx')), false);
    assert.throws(() => unseal(parseServerSecrets(NEW, 'S'), sealed, 'ctx'), /no longer lists/);
  });
});
