import { scrypt } from 'node:crypto';

/**
 * Cost parameters of a scrypt hash (RFC 7914 §2): `ln` is log2 of the CPU/memory cost N, `r` the
 * block size, `p` the parallelization.
 *
 * @example
 * const parameters: ScryptParameters = { ln: 15, r: 8, p: 1 }; // N = 2^15
 * const passwordHash = await hashScryptForImport(password, parameters);
 */
export interface ScryptParameters {
  ln: number;
  r: number;
  p: number;
}

/** A parsed `$scrypt$ln=…,r=…,p=…$<salt>$<hash>` string. */
export interface ScryptHash {
  parameters: ScryptParameters;
  salt: Buffer;
  key: Buffer;
}

/**
 * Most memory one scrypt computation may take. OWASP's scrypt minimum (N=2^17, r=8, p=1; Password
 * Storage Cheat Sheet, "scrypt") needs just over 128 MiB, so 256 MiB admits every sensible imported
 * hash while a corrupted row cannot make a libuv thread allocate gigabytes. Node's own default
 * `maxmem` is 32 MiB, too small for those hashes.
 */
const maxScryptMemoryBytes = 256 * 1024 * 1024;
const maxLn = 24;
const maxR = 32;
const maxP = 16;
/** Salt and key lengths, in bytes, that a real scrypt hash has (16 to 32 is usual). */
const minSaltBytes = 8;
const maxSaltBytes = 64;
const minKeyBytes = 16;
const maxKeyBytes = 64;

// PHC string format (github.com/P-H-C/phc-string-format): standard base64 alphabet, no padding.
// Decimal parameters without leading zeros, in the fixed order ln, r, p.
const scryptHashPattern =
  /^\$scrypt\$ln=([1-9]\d{0,2}),r=([1-9]\d{0,2}),p=([1-9]\d{0,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Memory OpenSSL's scrypt needs for these parameters: 128·r·(N + 2) for V plus 128·r·p for B. */
function scryptMemoryBytes({ ln, r, p }: ScryptParameters): number {
  return 128 * r * (2 ** ln + 2 + p);
}

/** Whether Tessera accepts these parameters, for hashing and for verifying. */
export function isSupportedScryptParameters(parameters: ScryptParameters): boolean {
  const { ln, r, p } = parameters;
  return (
    Number.isInteger(ln) &&
    Number.isInteger(r) &&
    Number.isInteger(p) &&
    ln >= 1 &&
    ln <= maxLn &&
    r >= 1 &&
    r <= maxR &&
    p >= 1 &&
    p <= maxP &&
    scryptMemoryBytes(parameters) <= maxScryptMemoryBytes
  );
}

/** Encodes a scrypt hash in the PHC-style format documented on `hashScryptForImport`. */
export function encodeScryptHash({ parameters, salt, key }: ScryptHash): string {
  const { ln, r, p } = parameters;
  return `$scrypt$ln=${ln},r=${r},p=${p}$${encodeBase64NoPadding(salt)}$${encodeBase64NoPadding(key)}`;
}

/** Parses a scrypt hash string; `null` when it is malformed or its parameters are unsupported. */
export function parseScryptHash(passwordHash: string): ScryptHash | null {
  const match = scryptHashPattern.exec(passwordHash);
  if (match === null) return null;
  const [, ln, r, p, saltBase64, keyBase64] = match;
  if (saltBase64 === undefined || keyBase64 === undefined) return null;
  const parameters = { ln: Number(ln), r: Number(r), p: Number(p) };
  if (!isSupportedScryptParameters(parameters)) return null;
  const salt = decodeBase64NoPadding(saltBase64);
  const key = decodeBase64NoPadding(keyBase64);
  if (salt === null || key === null) return null;
  if (salt.length < minSaltBytes || salt.length > maxSaltBytes) return null;
  if (key.length < minKeyBytes || key.length > maxKeyBytes) return null;
  return { parameters, salt, key };
}

/**
 * Runs scrypt on libuv's thread pool (the callback form of `node:crypto` `scrypt`), so the event
 * loop keeps serving requests meanwhile.
 */
export function deriveScryptKey(
  password: string,
  salt: Uint8Array,
  keyLengthBytes: number,
  { ln, r, p }: ScryptParameters,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      keyLengthBytes,
      { N: 2 ** ln, r, p, maxmem: maxScryptMemoryBytes },
      (error, key) => {
        if (error === null) resolve(key);
        else reject(error);
      },
    );
  });
}

function encodeBase64NoPadding(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

// Node's base64 decoder is lenient (it ignores stray bits and characters), so only a string that
// re-encodes to itself is accepted: one stored hash has exactly one spelling.
function decodeBase64NoPadding(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return encodeBase64NoPadding(bytes) === text ? bytes : null;
}
