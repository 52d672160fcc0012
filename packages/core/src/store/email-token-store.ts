/**
 * What an email token proves when it comes back: a reset of the password, the address of a new
 * account, or the new address of an existing one (DESIGN §7).
 *
 * @example
 * const purpose: EmailTokenPurpose = body.newEmail === undefined ? 'email-verify' : 'email-change';
 */
export type EmailTokenPurpose = 'password-reset' | 'email-verify' | 'email-change';

/**
 * A token mailed as a link (`<id>.<secret>`, like a session token). Only the SHA-256 of the secret
 * is stored: a copy of the table lets nobody reset a password. It is bound to one purpose, one user
 * and one address, and lives until `expiresAt` or its first use.
 *
 * @example
 * const record: EmailTokenRecord | null = await store.getEmailToken(tokenId, now);
 * const forUser = record !== null && record.purpose === 'password-reset' ? record.userId : null;
 */
export interface EmailTokenRecord {
  id: string;
  /** Lower-case hex SHA-256 of the secret. */
  secretHash: string;
  purpose: EmailTokenPurpose;
  userId: string;
  /** The address the link was mailed to (for `email-change`, the new address). */
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Email tokens: single use by an atomic take, and "a newer link kills the older ones".
 *
 * @example
 * const taken = await store.takeEmailToken(id, secretHash, clock.now());
 * const removed = await store.deleteExpiredEmailTokens(clock.now());
 */
export interface EmailTokenStore {
  /** Stores a new token. A token of an unknown user is a caller bug and rejects. */
  insertEmailToken(token: EmailTokenRecord): Promise<void>;
  /** The token with this id while it lives (`expiresAt` after `now`), else `null`. */
  getEmailToken(id: string, now: Date): Promise<EmailTokenRecord | null>;
  /**
   * Takes the token: deletes it and resolves it, when it exists with exactly this `secretHash` and
   * is alive at `now`; otherwise resolves `null`. Atomic: of two concurrent takes, one wins.
   */
  takeEmailToken(id: string, secretHash: string, now: Date): Promise<EmailTokenRecord | null>;
  /** Deletes every token of the user with this purpose except `exceptId`; resolves how many. */
  deleteUserEmailTokens(userId: string, purpose: EmailTokenPurpose, exceptId: string | null): Promise<number>;
  /** Drops tokens expired at `now`; resolves how many. */
  deleteExpiredEmailTokens(now: Date): Promise<number>;
}

/**
 * The method names of `EmailTokenStore`, checked complete by the compiler: what `composeStore`
 * forwards to the part that serves them.
 *
 * @example
 * Object.keys(emailTokenStoreMethods); // ['insertEmailToken', …]
 */
export const emailTokenStoreMethods = {
  insertEmailToken: true,
  getEmailToken: true,
  takeEmailToken: true,
  deleteUserEmailTokens: true,
  deleteExpiredEmailTokens: true,
} as const satisfies Record<keyof EmailTokenStore, true>;
