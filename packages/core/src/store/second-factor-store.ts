/**
 * A user's TOTP factor (RFC 6238). Secrets are kept only sealed (`seal`, AES-256-GCM under
 * `TESSERA_SECRET`). The confirmed secret is the one sign-in checks; a pending one (an enrolment
 * under way) replaces it only when a code from it is confirmed.
 *
 * @example
 * const factor: TotpFactorRecord | null = await store.getTotpFactor(user.id);
 * const totpOn = factor?.sealedSecret != null;
 */
export interface TotpFactorRecord {
  userId: string;
  /** The confirmed secret, sealed; `null` while only an enrolment is pending. */
  sealedSecret: string | null;
  confirmedAt: Date | null;
  /** The time step of the last code accepted (a code is never accepted twice), or `null`. */
  lastStep: number | null;
  /** An enrolment's secret, sealed, until it is confirmed; else `null`. */
  pendingSealedSecret: string | null;
  pendingCreatedAt: Date | null;
}

/**
 * TOTP factors and recovery codes (DESIGN §9). Atomic operations are compare-and-set.
 *
 * @example
 * const accepted = await store.acceptTotpStep(user.id, factor.sealedSecret, step);
 * const left = await store.countRecoveryCodes(user.id);
 */
export interface SecondFactorStore {
  getTotpFactor(userId: string): Promise<TotpFactorRecord | null>;
  /** Starts (or restarts) an enrolment: sets the pending secret; a confirmed one stays as it is. */
  setPendingTotp(userId: string, pendingSealedSecret: string, createdAt: Date): Promise<void>;
  /**
   * Makes the pending secret the confirmed one (with `lastStep` = `step`) if the pending secret is
   * still `expectedPendingSealedSecret`, atomically. Resolves whether it wrote.
   */
  confirmTotp(
    userId: string,
    expectedPendingSealedSecret: string,
    confirmedAt: Date,
    step: number,
  ): Promise<boolean>;
  /**
   * Records that the code of time step `step` was accepted, if the confirmed secret is still
   * `expectedSealedSecret` and no code of this or a later step was accepted before, atomically.
   * Resolves whether it wrote: of two concurrent uses of one code, exactly one wins.
   */
  acceptTotpStep(userId: string, expectedSealedSecret: string, step: number): Promise<boolean>;
  /** Removes the factor, confirmed and pending. Resolves whether there was one. */
  deleteTotpFactor(userId: string): Promise<boolean>;
  /** Replaces every recovery code of the user with these hashes (an empty list removes them all). */
  replaceRecoveryCodes(userId: string, codeHashes: readonly string[], createdAt: Date): Promise<void>;
  /** Spends one recovery code: resolves `true` if it existed and this call removed it. */
  useRecoveryCode(userId: string, codeHash: string): Promise<boolean>;
  countRecoveryCodes(userId: string): Promise<number>;
}

/**
 * The method names of `SecondFactorStore`, checked complete by the compiler.
 *
 * @example
 * Object.keys(secondFactorStoreMethods); // ['getTotpFactor', …]
 */
export const secondFactorStoreMethods = {
  getTotpFactor: true,
  setPendingTotp: true,
  confirmTotp: true,
  acceptTotpStep: true,
  deleteTotpFactor: true,
  replaceRecoveryCodes: true,
  useRecoveryCode: true,
  countRecoveryCodes: true,
} as const satisfies Record<keyof SecondFactorStore, true>;
