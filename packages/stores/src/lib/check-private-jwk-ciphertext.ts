/**
 * Throws `TypeError` unless `ciphertext` is a non-empty string: an empty envelope could never be
 * decrypted, and storing it would destroy the key it replaces.
 *
 * @example
 * checkPrivateJwkCiphertext(envelope, 'updateSigningKeyCiphertext');
 */
export function checkPrivateJwkCiphertext(ciphertext: string, operation: string): void {
  if (typeof ciphertext !== 'string' || ciphertext === '') {
    throw new TypeError(`${operation}: privateJwkCiphertext must be a non-empty string.`);
  }
}
