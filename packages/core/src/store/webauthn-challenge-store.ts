/**
 * The WebAuthn ceremony a challenge was issued for: creating a passkey, or signing in with one.
 *
 * @example
 * const ceremony: WebAuthnCeremony = user === null ? 'authentication' : 'registration';
 * const challenge = await issueWebAuthnChallenge(deps, ceremony, user?.id ?? null);
 */
export type WebAuthnCeremony = 'registration' | 'authentication';

/**
 * A challenge the server issued and has not yet seen answered.
 *
 * @example
 * const record: WebAuthnChallengeRecord | null = await store.takeWebAuthnChallenge(challenge, 'authentication', null, now);
 * const fresh = record !== null; // taken once, never again
 */
export interface WebAuthnChallengeRecord {
  /** The challenge as sent to the browser (base64url of 32 random bytes): also its key. */
  challenge: string;
  ceremony: WebAuthnCeremony;
  /** The signed-in user a registration challenge was issued to; `null` for sign-in challenges. */
  userId: string | null;
  expiresAt: Date;
}

/**
 * Issued WebAuthn challenges, shared by every instance on the store: a challenge issued by one instance
 * is answered at another. Each is taken at most once.
 *
 * @example
 * await store.insertWebAuthnChallenge({ challenge, ceremony: 'registration', userId: user.id, expiresAt });
 * const dropped = await store.deleteExpiredWebAuthnChallenges(now);
 */
export interface WebAuthnChallengeStore {
  insertWebAuthnChallenge(record: WebAuthnChallengeRecord): Promise<void>;
  /**
   * Deletes and resolves the challenge when it is live at `now` and was issued for `ceremony` and
   * `userId`; otherwise resolves `null` and changes nothing. One atomic step: of two concurrent takes
   * of the same challenge, at most one resolves it.
   */
  takeWebAuthnChallenge(
    challenge: string,
    ceremony: WebAuthnCeremony,
    userId: string | null,
    now: Date,
  ): Promise<WebAuthnChallengeRecord | null>;
  /** Drops challenges expired at `now`; resolves how many (anyone can ask for sign-in challenges). */
  deleteExpiredWebAuthnChallenges(now: Date): Promise<number>;
}

/**
 * The method names of `WebAuthnChallengeStore`, checked complete by the compiler: what `composeStore`
 * forwards to the part that serves them.
 *
 * @example
 * Object.keys(webAuthnChallengeStoreMethods); // ['insertWebAuthnChallenge', …]
 */
export const webAuthnChallengeStoreMethods = {
  insertWebAuthnChallenge: true,
  takeWebAuthnChallenge: true,
  deleteExpiredWebAuthnChallenges: true,
} as const satisfies Record<keyof WebAuthnChallengeStore, true>;
