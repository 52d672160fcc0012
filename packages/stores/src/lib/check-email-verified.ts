/**
 * Returns `emailVerified` when it is a boolean and throws `TypeError` otherwise (a caller bug): a
 * missing flag must not be stored as "verified" or "not verified" by accident.
 *
 * @example
 * checkEmailVerified(user.emailVerified);
 */
export function checkEmailVerified(emailVerified: boolean): boolean {
  if (typeof emailVerified !== 'boolean') throw new TypeError('insertUser: emailVerified must be a boolean.');
  return emailVerified;
}
