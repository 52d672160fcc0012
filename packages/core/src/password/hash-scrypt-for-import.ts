import { cryptoRandomBytes, type RandomBytes } from '../random.js';
import {
  deriveScryptKey,
  encodeScryptHash,
  isSupportedScryptParameters,
  type ScryptParameters,
} from './lib/scrypt-hash.js';
import { normalizePassword } from './normalize-password.js';

const saltBytes = 16;
const keyBytes = 32;

/**
 * Hashes a password with scrypt in the format Tessera accepts for imported users, for tests and
 * import tooling. New hashes should use `PasswordHasher.hash` (argon2id).
 *
 * Format (PHC string format, github.com/P-H-C/phc-string-format, as used by passlib and others):
 * `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>`, where salt and key are standard base64 without
 * padding, parameters are decimal without leading zeros in that order, the key length is the
 * decoded key's length (16 to 64 bytes) and the salt is 8 to 64 bytes. Accepted parameters:
 * 1 ≤ ln ≤ 24, 1 ≤ r ≤ 32, 1 ≤ p ≤ 16 and at most 256 MiB of scrypt memory (128·r·(N+p+2)).
 * The password is NFKC-normalized first, like every password Tessera hashes. This helper uses a
 * 16-byte salt and a 32-byte key.
 *
 * @example
 * await hashScryptForImport('correct horse battery', { ln: 15, r: 8, p: 1 });
 * // '$scrypt$ln=15,r=8,p=1$<22 characters>$<43 characters>'
 */
export async function hashScryptForImport(
  password: string,
  parameters: ScryptParameters,
  randomBytes: RandomBytes = cryptoRandomBytes,
): Promise<string> {
  if (typeof password !== 'string') throw new TypeError('The password must be a string.');
  if (!isSupportedScryptParameters(parameters)) {
    throw new TypeError(
      'Unsupported scrypt parameters: ln must be 1 to 24, r 1 to 32, p 1 to 16, memory at most 256 MiB.',
    );
  }
  const salt = Buffer.from(randomBytes(saltBytes));
  const key = await deriveScryptKey(normalizePassword(password), salt, keyBytes, parameters);
  return encodeScryptHash({ parameters, salt, key });
}
