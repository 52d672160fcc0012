/**
 * Whether a passkey lives on one device or is synced between the devices of an account (WebAuthn's
 * "backup eligible" flag): a synced passkey survives the loss of a device.
 *
 * @example
 * const deviceType: PasskeyDeviceType = registrationInfo.credentialDeviceType; // 'singleDevice' or 'multiDevice'
 */
export type PasskeyDeviceType = 'singleDevice' | 'multiDevice';

/**
 * A registered passkey (a WebAuthn public-key credential) of one user.
 *
 * @example
 * const passkey: PasskeyRecord | null = await store.getPasskeyByCredentialId(response.id);
 * const ownerId = passkey?.userId ?? null;
 */
export interface PasskeyRecord {
  /** Tessera's own id (random, URL-safe), the one the API shows and takes in paths. */
  id: string;
  userId: string;
  /** The credential id the authenticator chose, base64url: what a browser presents at sign-in. */
  credentialId: string;
  /** The credential's COSE public key, base64url. Public by nature: it only verifies signatures. */
  publicKey: string;
  /** The authenticator's signature counter at the last accepted use (0: the authenticator keeps none). */
  signCount: number;
  /** Transport hints (`internal`, `hybrid`, `usb`, …) the browser reported at registration. */
  transports: string[];
  /** The user's label for it. */
  name: string;
  deviceType: PasskeyDeviceType;
  /** Whether the authenticator said, at the last use, that the credential is backed up (synced). */
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/**
 * A passkey's use: the counter and backup state the authenticator reported, and when.
 *
 * @example
 * const use: PasskeyUse = { signCount: authenticationInfo.newCounter, backedUp: authenticationInfo.credentialBackedUp, usedAt: now };
 * const counted = await store.recordPasskeyUse(passkey.id, use);
 */
export interface PasskeyUse {
  signCount: number;
  backedUp: boolean;
  usedAt: Date;
}

/**
 * The passkeys of every user. Atomic per call.
 *
 * @example
 * const passkeys = await store.listUserPasskeys(user.id);
 * const renamed = await store.renameUserPasskey(user.id, passkeyId, 'Work laptop');
 */
export interface PasskeyStore {
  /** Stores a new passkey; resolves `false`, storing nothing, when its `credentialId` is already registered. */
  insertPasskey(passkey: PasskeyRecord): Promise<boolean>;
  /** The passkey with this credential id (any user), or `null`. */
  getPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  /** The user's passkeys, oldest first. */
  listUserPasskeys(userId: string): Promise<PasskeyRecord[]>;
  /**
   * Records a use as one compare-and-set: the counter must move forward (`use.signCount` greater than the
   * stored one), except that 0 after 0 is accepted (an authenticator that keeps no counter, as synced
   * passkeys do). Resolves `false`, changing nothing, when the passkey is gone or the counter did not
   * move forward: a cloned authenticator, or two uses racing with the same counter.
   */
  recordPasskeyUse(passkeyId: string, use: PasskeyUse): Promise<boolean>;
  /** Renames one of the user's passkeys; `null` when the user has no passkey with this id. */
  renameUserPasskey(userId: string, passkeyId: string, name: string): Promise<PasskeyRecord | null>;
  /** Deletes one of the user's passkeys; `false` when the user has no passkey with this id. */
  deleteUserPasskey(userId: string, passkeyId: string): Promise<boolean>;
}

/**
 * The method names of `PasskeyStore`, checked complete by the compiler: what `composeStore` forwards to
 * the part that serves them.
 *
 * @example
 * Object.keys(passkeyStoreMethods); // ['insertPasskey', …]
 */
export const passkeyStoreMethods = {
  insertPasskey: true,
  getPasskeyByCredentialId: true,
  listUserPasskeys: true,
  recordPasskeyUse: true,
  renameUserPasskey: true,
  deleteUserPasskey: true,
} as const satisfies Record<keyof PasskeyStore, true>;
