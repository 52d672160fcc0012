import { InvalidEmailTokenError } from '../errors.js';
import {
  generateSessionToken,
  hashTokenSecret,
  parseSessionToken,
  secretHashesMatch,
} from '../session/session-token.js';
import type { EmailTokenPurpose, EmailTokenRecord } from '../store/email-token-store.js';
import type { AccountMailDeps } from './account-mail.js';

/**
 * A token read back from a link and checked: the record, and the hash to take it with.
 *
 * @example
 * const checked: CheckedEmailToken = await checkEmailToken(deps, token, ['password-reset']);
 * const record = await takeEmailToken(deps, checked);
 */
export interface CheckedEmailToken {
  record: EmailTokenRecord;
  secretHash: string;
}

/**
 * How long a token of this purpose lives (DESIGN §7: reset 30 minutes, verification a day).
 *
 * @example
 * emailTokenTtlSeconds(deps, 'password-reset') // 1800
 */
export function emailTokenTtlSeconds(
  deps: Pick<AccountMailDeps, 'email'>,
  purpose: EmailTokenPurpose,
): number {
  const { policy } = deps.email;
  return purpose === 'password-reset' ? policy.passwordResetTtlSeconds : policy.emailVerifyTtlSeconds;
}

/**
 * Creates an `<id>.<secret>` token bound to purpose, user and address; only the SHA-256 of the
 * secret is stored. A new reset or change-of-address token kills the user's older ones of the same
 * purpose (only the newest link works); verification links stay valid side by side.
 *
 * @example
 * const token = await issueEmailToken(deps, { purpose: 'password-reset', userId: user.id, email: user.email });
 */
export async function issueEmailToken(
  deps: Pick<AccountMailDeps, 'store' | 'clock' | 'randomBytes' | 'email'>,
  input: { purpose: EmailTokenPurpose; userId: string; email: string },
): Promise<string> {
  const { token, sessionId: id, secretHash } = generateSessionToken(deps.randomBytes);
  const now = deps.clock.now();
  await deps.store.insertEmailToken({
    id,
    secretHash,
    purpose: input.purpose,
    userId: input.userId,
    email: input.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + emailTokenTtlSeconds(deps, input.purpose) * 1000),
  });
  if (input.purpose !== 'email-verify')
    await deps.store.deleteUserEmailTokens(input.userId, input.purpose, id);
  return token;
}

/**
 * Reads a presented token without spending it, and throws `InvalidEmailTokenError` unless it is
 * well-formed, alive, of one of `purposes`, and its secret matches (compared in constant time).
 *
 * @example
 * const { record, secretHash } = await checkEmailToken(deps, token, ['password-reset']);
 */
export async function checkEmailToken(
  deps: Pick<AccountMailDeps, 'store' | 'clock'>,
  token: string,
  purposes: readonly EmailTokenPurpose[],
): Promise<CheckedEmailToken> {
  const parsed = parseSessionToken(token);
  if (parsed === null) throw new InvalidEmailTokenError();
  const record = await deps.store.getEmailToken(parsed.sessionId, deps.clock.now());
  const secretHash = hashTokenSecret(parsed.secret);
  if (
    record === null ||
    !purposes.includes(record.purpose) ||
    !secretHashesMatch(record.secretHash, secretHash)
  ) {
    throw new InvalidEmailTokenError();
  }
  return { record, secretHash };
}

/**
 * Spends a checked token (compare-and-set: of two concurrent uses, one wins); throws
 * `InvalidEmailTokenError` when another use got there first.
 *
 * @example
 * await takeEmailToken(deps, checked);
 */
export async function takeEmailToken(
  deps: Pick<AccountMailDeps, 'store' | 'clock'>,
  checked: CheckedEmailToken,
): Promise<EmailTokenRecord> {
  const taken = await deps.store.takeEmailToken(checked.record.id, checked.secretHash, deps.clock.now());
  if (taken === null) throw new InvalidEmailTokenError();
  return taken;
}
