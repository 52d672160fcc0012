import type { EmailTokenPurpose, EmailTokenRecord } from '@tessera/core/store';
import { checkDate } from './check-date.js';

const purposes: ReadonlySet<string> = new Set<EmailTokenPurpose>([
  'password-reset',
  'email-verify',
  'email-change',
]);

/**
 * Throws `TypeError` for an email token no store may keep (a caller bug): an unknown purpose, a
 * non-string field or an invalid instant. Resolves the two instants in milliseconds.
 *
 * @example
 * const { createdAtMillis, expiresAtMillis } = checkEmailToken(token);
 */
export function checkEmailToken(token: EmailTokenRecord): {
  createdAtMillis: number;
  expiresAtMillis: number;
} {
  checkEmailTokenPurpose(token.purpose, 'insertEmailToken');
  for (const field of ['id', 'secretHash', 'userId', 'email'] as const) {
    if (typeof token[field] !== 'string') throw new TypeError(`insertEmailToken: ${field} must be a string.`);
  }
  return {
    createdAtMillis: checkDate(token.createdAt, 'insertEmailToken: createdAt'),
    expiresAtMillis: checkDate(token.expiresAt, 'insertEmailToken: expiresAt'),
  };
}

/**
 * Throws `TypeError` unless `purpose` is one of the email-token purposes.
 *
 * @example
 * checkEmailTokenPurpose('password-reset', 'deleteUserEmailTokens');
 */
export function checkEmailTokenPurpose(purpose: string, operation: string): EmailTokenPurpose {
  if (!purposes.has(purpose)) throw new TypeError(`${operation}: unknown email-token purpose.`);
  return purpose as EmailTokenPurpose;
}
