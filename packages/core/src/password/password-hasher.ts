import { hash as argon2Hash, parseOptions, verify as argon2Verify } from '@node-rs/argon2';
import type { Algorithm, Version } from '@node-rs/argon2';
import { cryptoRandomBytes, type RandomBytes } from '../random.js';
import { verifyBcryptHash } from './lib/verify-bcrypt-hash.js';
import { verifyScryptHash } from './lib/verify-scrypt-hash.js';
import { normalizePassword } from './normalize-password.js';

/**
 * Cost parameters of argon2id (RFC 9106 §3.1).
 *
 * @example
 * const argon2: Argon2idParameters = { memoryCostKiB: 65536, timeCost: 3, parallelism: 1 };
 * const hasher = createPasswordHasher({ argon2 });
 */
export interface Argon2idParameters {
  /** Memory, in KiB (`m=` in the hash string). */
  memoryCostKiB: number;
  /** Passes over memory (`t=`). */
  timeCost: number;
  /** Lanes (`p=`). */
  parallelism: number;
}

/**
 * Options of `createPasswordHasher`.
 *
 * @example
 * const options: PasswordHasherOptions = { argon2: owaspArgon2idParameters };
 * const deps = await createTesseraDeps({ store, secrets, tokens, passwordHasher: createPasswordHasher(options) });
 */
export interface PasswordHasherOptions {
  /** Parameters for new hashes; hashes with other parameters verify but `needsRehash`. */
  argon2?: Argon2idParameters;
  /** Source of salts and of the dummy password; the CSPRNG unless a test injects one. */
  randomBytes?: RandomBytes;
}

/**
 * Hashes and verifies passwords; every method NFKC-normalizes the password it is given.
 *
 * @example
 * const hasher: PasswordHasher = createPasswordHasher();
 * const matches = user === null ? await hasher.verifyDummy(password) : await hasher.verify(user.passwordHash, password);
 */
export interface PasswordHasher {
  /** Hashes a password with argon2id and the configured parameters, as a PHC string. */
  hash(password: string): Promise<string>;
  /**
   * Checks a password against an argon2id, bcrypt or scrypt hash; `false` for anything malformed.
   * Any hash but an argon2id one with today's parameters also costs `verifyDummy`'s work.
   */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Whether a hash that just verified should be replaced by `hash(password)`. */
  needsRehash(passwordHash: string): boolean;
  /**
   * Does the same work as `verify` against an argon2id hash with the configured parameters, then
   * resolves `false`: call it when the email is unknown, so that answer takes as long as a wrong
   * password (DESIGN §4, "same answer and similar time").
   */
  verifyDummy(password: string): Promise<false>;
}

/**
 * OWASP's argon2id recommendation: m=19456 KiB (19 MiB), t=2, p=1 (OWASP Password Storage Cheat
 * Sheet, "Argon2id"; https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html).
 *
 * @example
 * const hasher = createPasswordHasher({ argon2: owaspArgon2idParameters });
 */
export const owaspArgon2idParameters: Readonly<Argon2idParameters> = Object.freeze({
  memoryCostKiB: 19456,
  timeCost: 2,
  parallelism: 1,
});

// `Algorithm` and `Version` are ambient const enums, which `verbatimModuleSyntax` forbids reading as
// values, so their numeric values are copied from @node-rs/argon2's index.d.ts (the lint rule cannot
// see that the numbers are the members they are asserted to be).
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Algorithm.Argon2id = 2
const argon2idAlgorithm = 2 as Algorithm.Argon2id;
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Version.V0x13 = 1
const argon2Version13 = 1 as Version.V0x13;
/** Salt and tag lengths from RFC 9106: 128-bit salt (§3.1, §4), 256-bit tag (§4). */
const saltBytes = 16;
const outputBytes = 32;

/**
 * Upper bounds for the parameters of a stored argon2id hash that `verify` will run: RFC 9106 §4's
 * most expensive recommendation is 2 GiB with t=1, libsodium's "sensitive" preset t=4. A corrupted
 * row beyond them resolves `false` instead of pinning a thread or exhausting memory.
 */
const maxVerifyMemoryCostKiB = 2 * 1024 * 1024;
const maxVerifyTimeCost = 10;

/**
 * Creates the password hasher: argon2id for new hashes (OWASP parameters unless configured),
 * bcrypt and scrypt accepted for imported users (DESIGN §4). Invalid parameters throw `TypeError`.
 *
 * argon2 runs in @node-rs/argon2's native code on libuv's thread pool, scrypt in `node:crypto` on
 * the same pool and bcrypt (bcryptjs) on up to four worker threads, so a login storm does not block
 * the event loop (DESIGN §6); the pool's size (`UV_THREADPOOL_SIZE`, default 4) bounds how many
 * argon2 and scrypt jobs run at once.
 *
 * @example
 * const hasher = createPasswordHasher();
 * const passwordHash = await hasher.hash(checkNewPassword(password));
 * if (await hasher.verify(passwordHash, password) && hasher.needsRehash(passwordHash)) {
 *   await store.updateUserPasswordHash(userId, await hasher.hash(password));
 * }
 */
export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const parameters = { ...(options.argon2 ?? owaspArgon2idParameters) };
  assertArgon2idParameters(parameters);
  const randomBytes = options.randomBytes ?? cryptoRandomBytes;
  let dummyHash: Promise<string> | undefined;

  const hash = async (password: string): Promise<string> => {
    assertString(password, 'password');
    // No length limit and no truncation here: argon2 takes the whole password (RFC 9106 §3.1
    // allows up to 2^32 - 1 bytes). Policy limits belong to `checkNewPassword`.
    return argon2Hash(normalizePassword(password), {
      algorithm: argon2idAlgorithm,
      version: argon2Version13,
      memoryCost: parameters.memoryCostKiB,
      timeCost: parameters.timeCost,
      parallelism: parameters.parallelism,
      outputLen: outputBytes,
      salt: randomBytes(saltBytes),
    });
  };

  /** Checks against the stored hash, whatever its kind; no extra work. */
  const verifyStored = async (passwordHash: string, password: string): Promise<boolean> => {
    const normalized = normalizePassword(password);
    if (passwordHash.startsWith('$argon2id$')) return verifyArgon2idHash(passwordHash, normalized);
    // Imported hashes were made by systems that may not have normalized: try the normalized form
    // first (what this user types from now on), then the password exactly as received.
    if (/^\$2[aby]\$/.test(passwordHash)) {
      return (
        (await verifyBcryptHash(passwordHash, normalized)) ||
        (normalized !== password && (await verifyBcryptHash(passwordHash, password)))
      );
    }
    if (passwordHash.startsWith('$scrypt$')) {
      return (
        (await verifyScryptHash(passwordHash, normalized)) ||
        (normalized !== password && (await verifyScryptHash(passwordHash, password)))
      );
    }
    return false;
  };

  /** One argon2id verification with today's parameters against a hash of nobody's password. */
  const verifyAgainstDummy = async (password: string): Promise<void> => {
    // Computed on first use and then reused, so this costs one verification, like a known account.
    dummyHash ??= hash(Buffer.from(randomBytes(32)).toString('base64url'));
    let passwordHash: string;
    try {
      passwordHash = await dummyHash;
    } catch (error) {
      dummyHash = undefined;
      throw error;
    }
    await verifyStored(passwordHash, password);
  };

  const verify = async (passwordHash: string, password: string): Promise<boolean> => {
    assertString(passwordHash, 'passwordHash');
    assertString(password, 'password');
    if (!needsRehash(passwordHash)) return verifyStored(passwordHash, password);
    // Any other hash (imported bcrypt or scrypt, older argon2 parameters, a corrupt row) is checked
    // alongside the argon2id work an unknown email costs, so its answer never comes sooner than
    // that one (decision 0024). Only until the next successful login, which rehashes.
    const [matches] = await Promise.all([verifyStored(passwordHash, password), verifyAgainstDummy(password)]);
    return matches;
  };

  const needsRehash = (passwordHash: string): boolean => {
    assertString(passwordHash, 'passwordHash');
    // Everything that is not argon2id with exactly today's parameters is replaced: bcrypt, scrypt,
    // argon2i/argon2d, older versions, other costs, salt or tag lengths.
    if (!passwordHash.startsWith('$argon2id$')) return true;
    try {
      const stored = parseOptions(passwordHash);
      return !(
        stored.algorithm === argon2idAlgorithm &&
        stored.version === argon2Version13 &&
        stored.memoryCost === parameters.memoryCostKiB &&
        stored.timeCost === parameters.timeCost &&
        stored.parallelism === parameters.parallelism &&
        stored.outputLen === outputBytes &&
        stored.saltLen >= saltBytes
      );
    } catch {
      return true;
    }
  };

  const verifyDummy = async (password: string): Promise<false> => {
    assertString(password, 'password');
    await verifyAgainstDummy(password);
    return false;
  };

  return { hash, verify, needsRehash, verifyDummy };
}

async function verifyArgon2idHash(passwordHash: string, password: string): Promise<boolean> {
  try {
    const stored = parseOptions(passwordHash);
    if (stored.algorithm !== argon2idAlgorithm) return false;
    if (stored.memoryCost > maxVerifyMemoryCostKiB || stored.timeCost > maxVerifyTimeCost) return false;
    return await argon2Verify(passwordHash, password);
  } catch {
    // Malformed PHC string: a stored hash never makes verification throw.
    return false;
  }
}

function assertArgon2idParameters({ memoryCostKiB, timeCost, parallelism }: Argon2idParameters): void {
  // Ranges from RFC 9106 §3.1: p in 1..2^24-1 (the binding allows 1..255), m ≥ 8·p KiB, t ≥ 1.
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 255) {
    throw new TypeError('argon2.parallelism must be an integer from 1 to 255.');
  }
  if (!Number.isInteger(memoryCostKiB) || memoryCostKiB < 8 * parallelism || memoryCostKiB > 2 ** 32 - 1) {
    throw new TypeError('argon2.memoryCostKiB must be an integer of at least 8 × parallelism.');
  }
  if (!Number.isInteger(timeCost) || timeCost < 1 || timeCost > 2 ** 32 - 1) {
    throw new TypeError('argon2.timeCost must be a positive integer.');
  }
}

function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string.`);
}
