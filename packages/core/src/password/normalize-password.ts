/**
 * Returns the form of a password that Tessera hashes and compares: its Unicode NFKC normalization.
 *
 * NFKC folds the many ways to type "the same" password (a precomposed `é` or `e` + U+0301, a
 * full-width `Ａ`, the `ﬁ` ligature) into one, so a user is not locked out because another device's
 * keyboard or input method produced different code points (DESIGN §3.1; NIST SP 800-63B rev. 3
 * §5.1.1.2 recommends NFKC or NFKD before hashing). NFKC is idempotent, so normalizing an already
 * normalized password changes nothing.
 *
 * @example
 * normalizePassword('ﬁsh') === 'fish'; // true
 */
export function normalizePassword(password: string): string {
  if (typeof password !== 'string') throw new TypeError('The password must be a string.');
  return password.normalize('NFKC');
}
