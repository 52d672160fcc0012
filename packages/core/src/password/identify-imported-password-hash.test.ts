import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { hashScryptForImport } from './hash-scrypt-for-import.js';
import { identifyImportedPasswordHash } from './identify-imported-password-hash.js';

describe('identifyImportedPasswordHash', () => {
  it('recognizes bcrypt ($2a$, $2b$, $2y$) and scrypt hashes Tessera can verify', async () => {
    const bcryptHash = await bcrypt.hash('imported password', 4);
    for (const prefix of ['$2a$', '$2b$', '$2y$']) {
      assert.equal(identifyImportedPasswordHash(prefix + bcryptHash.slice(4)), 'bcrypt');
    }
    const scryptHash = await hashScryptForImport('imported password', { ln: 4, r: 8, p: 1 });
    assert.equal(identifyImportedPasswordHash(scryptHash), 'scrypt');
  });

  it('refuses anything else (ours, negative)', async () => {
    const bcryptHash = await bcrypt.hash('imported password', 4);
    for (const hash of [
      '',
      'plain text',
      '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      `$2x$${bcryptHash.slice(4)}`,
      `$2b$03$${bcryptHash.slice(7)}`,
      `$2b$17$${bcryptHash.slice(7)}`,
      bcryptHash.slice(0, -1),
      '$scrypt$ln=25,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
      '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
      '$scrypt$ln=15,r=8,p=1$not base64!$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
    ]) {
      assert.equal(identifyImportedPasswordHash(hash), null, hash);
    }
  });
});
