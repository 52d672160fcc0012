/** RFC 5321 §4.5.3.1: 64-octet local part, 254 for the whole path we can store. */
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
// One "@", no whitespace or control characters, a dot somewhere in the domain. Deliberately not a
// full RFC 5322 parser: the address is proven by mail, not by regex.
// eslint-disable-next-line no-control-regex
const EMAIL_PATTERN = /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+\.[^\s@\u0000-\u001f\u007f.]+$/u;

/**
 * Trims, NFKC-normalizes and lower-cases an email, then validates it (DESIGN §3.1); `null` when it
 * is not an address we accept.
 *
 * @example
 * normalizeEmail('  Alice@Example.COM ') // 'alice@example.com'
 */
export function normalizeEmail(input: string): string | null {
  if (input.length > MAX_EMAIL_LENGTH * 4) return null;
  const email = input.trim().normalize('NFKC').toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) return null;
  const localPart = email.slice(0, email.indexOf('@'));
  if (localPart.length > MAX_LOCAL_PART_LENGTH) return null;
  return email;
}
