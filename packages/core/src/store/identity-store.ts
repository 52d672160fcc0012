/**
 * A sign-in identity at another provider (DESIGN §8): the provider's subject (`sub`, or GitHub's
 * numeric user id) linked to one Tessera user. The email is what the provider said when it was linked;
 * it is shown to the user, never used to find the identity.
 *
 * @example
 * const identity: IdentityRecord | null = await store.getIdentity('github', String(githubUser.id));
 * const userId = identity?.userId ?? null;
 */
export interface IdentityRecord {
  /** The provider's id in `TESSERA_OAUTH_PROVIDERS`. */
  provider: string;
  /** The provider's stable subject identifier. */
  subject: string;
  userId: string;
  email: string;
  /** Whether the provider said it had verified `email` (`email_verified`, or GitHub's `verified`). */
  emailVerified: boolean;
  linkedAt: Date;
}

/**
 * Provider identities. (provider, subject) is unique, and a user has at most one identity per provider.
 *
 * @example
 * const linked = await store.insertIdentity({ provider: 'google', subject: claims.sub, userId: user.id, email, emailVerified: true, linkedAt: now });
 * const identities = await store.listUserIdentities(user.id);
 */
export interface IdentityStore {
  /**
   * Links an identity; resolves `false` (storing nothing) when (provider, subject) is already linked
   * or the user already has an identity of this provider. Rejects for an unknown user (caller bug).
   */
  insertIdentity(identity: IdentityRecord): Promise<boolean>;
  getIdentity(provider: string, subject: string): Promise<IdentityRecord | null>;
  /** The user's identities, in provider order. */
  listUserIdentities(userId: string): Promise<IdentityRecord[]>;
  /** Unlinks the user's identity of `provider`; resolves whether there was one. */
  deleteIdentity(userId: string, provider: string): Promise<boolean>;
}

/**
 * The method names of `IdentityStore`, checked complete by the compiler.
 *
 * @example
 * Object.keys(identityStoreMethods); // ['insertIdentity', …]
 */
export const identityStoreMethods = {
  insertIdentity: true,
  getIdentity: true,
  listUserIdentities: true,
  deleteIdentity: true,
} as const satisfies Record<keyof IdentityStore, true>;
