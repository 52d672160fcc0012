import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveServerKey, type ServerSecrets } from './server-secrets.js';

const PURPOSE = 'sealed-data';
const VERSION = 'v1';

/**
 * Encrypts `plaintext` with AES-256-GCM under a key derived from the current server secret.
 * The envelope `v1.<secret id>.<iv>.<ciphertext>.<tag>` names the secret, so data sealed under an
 * older secret still opens while that secret is listed, and `needsReseal` tells when to re-encrypt.
 * `context` is bound as associated data: a ciphertext moved to another record does not open.
 *
 * @example
 * const sealed = seal(secrets, JSON.stringify(privateJwk), `signing-key:${kid}`);
 */
export function seal(secrets: ServerSecrets, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveServerKey(secrets.current, PURPOSE), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, secrets.current.id, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/**
 * Opens an envelope made by `seal`. Throws an `Error` (without any of the data) when the envelope
 * is malformed, was sealed under a secret that is no longer configured, or fails authentication.
 *
 * @example
 * const jwk = JSON.parse(unseal(secrets, record.privateJwkCiphertext, `signing-key:${kid}`));
 */
export function unseal(secrets: ServerSecrets, envelope: string, context: string): string {
  const [version, secretId, iv, ciphertext, tag, extra] = envelope.split('.');
  if (version !== VERSION || !secretId || !iv || ciphertext === undefined || !tag || extra !== undefined) {
    throw new Error('Sealed data is malformed or of an unknown version.');
  }
  const secret = secrets.all.find((candidate) => candidate.id === secretId);
  if (secret === undefined) {
    throw new Error(
      `Sealed data was encrypted under a secret (id ${secretId}) that TESSERA_SECRET no longer lists; add it back as an older secret.`,
    );
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      deriveServerKey(secret, PURPOSE),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch (cause) {
    throw new Error('Sealed data failed authentication: wrong secret, wrong record, or tampered.', { cause });
  }
}

/**
 * True when an envelope was sealed under an older secret and should be re-sealed under the current one.
 *
 * @example
 * if (needsReseal(secrets, record.privateJwkCiphertext)) await reseal(record);
 */
export function needsReseal(secrets: ServerSecrets, envelope: string): boolean {
  return envelope.split('.')[1] !== secrets.current.id;
}
