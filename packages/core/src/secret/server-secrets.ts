import { createHash, hkdfSync } from 'node:crypto';

/**
 * One server secret, identified by a short fingerprint that is safe to store next to ciphertext.
 *
 * @example
 * const secret: ServerSecret = parseServerSecrets(value, 'TESSERA_SECRET').current;
 * secret.id; // 16 hex digits naming the secret, e.g. stored beside what it sealed
 */
export interface ServerSecret {
  /** First 8 bytes of SHA-256 over a key derived for identification, hex: names the secret, reveals nothing. */
  id: string;
  material: Buffer;
}

/**
 * The server's secrets: the first encrypts and derives, all of them still decrypt (rotation).
 *
 * @example
 * // TESSERA_SECRET="<new secret>,<old secret>": the new one seals, both still open.
 * const secrets: ServerSecrets = parseServerSecrets(value, 'TESSERA_SECRET');
 * secrets.all.length; // 2
 */
export interface ServerSecrets {
  current: ServerSecret;
  all: readonly ServerSecret[];
}

/** 256 bits: anything shorter is a password, not a key. */
const MIN_SECRET_LENGTH = 32;

/**
 * Parses `TESSERA_SECRET`: one secret, or a comma-separated list whose first entry is current and
 * whose others are older secrets kept so data sealed under them stays readable.
 * A caller/config mistake throws `TypeError` naming `variableName`.
 *
 * @example
 * const secrets = parseServerSecrets(process.env['TESSERA_SECRET'] ?? '', 'TESSERA_SECRET');
 */
export function parseServerSecrets(value: string, variableName: string): ServerSecrets {
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry.length < MIN_SECRET_LENGTH)) {
    throw new TypeError(
      `${variableName} must hold secrets of at least ${MIN_SECRET_LENGTH} characters each (comma-separated, newest first)`,
    );
  }
  const all = entries.map((entry) => {
    const material = Buffer.from(entry, 'utf8');
    const id = createHash('sha256')
      .update(deriveServerKey({ id: '', material }, 'secret-id'))
      .digest('hex')
      .slice(0, 16);
    return { id, material };
  });
  const [current] = all;
  if (current === undefined) throw new TypeError(`${variableName} is empty`);
  return { current, all };
}

/**
 * A 256-bit key for one purpose, derived from a server secret with HKDF-SHA256 (RFC 5869), so one
 * secret can serve several uses without any two sharing a key.
 *
 * @example
 * const key = deriveServerKey(secrets.current, 'signing-key-encryption');
 */
export function deriveServerKey(secret: ServerSecret, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret.material, 'tessera', `tessera ${purpose} v1`, 32));
}
