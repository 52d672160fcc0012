import { timingSafeEqual } from 'node:crypto';
import { deriveScryptKey, parseScryptHash } from './scrypt-hash.js';

/**
 * Checks a password against an imported `$scrypt$…` hash. Resolves `false` for a wrong password
 * and for a malformed hash or one with unsupported parameters; never rejects on the hash's content.
 */
export async function verifyScryptHash(passwordHash: string, password: string): Promise<boolean> {
  const parsed = parseScryptHash(passwordHash);
  if (parsed === null) return false;
  let key: Buffer;
  try {
    key = await deriveScryptKey(password, parsed.salt, parsed.key.length, parsed.parameters);
  } catch {
    // Parameters passed our limits but the platform still refused them (e.g. out of memory).
    return false;
  }
  // Same length by construction; a constant-time compare keeps the match position secret.
  return timingSafeEqual(key, parsed.key);
}
