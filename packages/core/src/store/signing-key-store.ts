/**
 * Algorithms Tessera signs access tokens with (DESIGN §4).
 *
 * @example
 * const signingAlgorithm: SigningAlgorithm = 'ES256';
 * const deps = await createTesseraDeps({ store, secrets, tokens, signingAlgorithm });
 */
export type SigningAlgorithm = 'EdDSA' | 'ES256' | 'RS256' | 'HS256';

/**
 * An access-token signing key. The private part is stored encrypted, never in clear.
 *
 * @example
 * const keys: SigningKeyRecord[] = await store.listSigningKeys();
 * const signing = keys.filter((key) => key.retiredAt === null).map((key) => `${key.kid} (${key.alg})`);
 */
export interface SigningKeyRecord {
  /** The JWS `kid`. */
  kid: string;
  /** The one algorithm this key is used with (pinned: never taken from a token header). */
  alg: SigningAlgorithm;
  /** The public JWK as JSON (published in the JWKS); `null` for HS256, which has no public part. */
  publicJwk: string | null;
  /** The private (or secret) JWK, encrypted at rest: an opaque, versioned envelope. */
  privateJwkCiphertext: string;
  createdAt: Date;
  /** From this instant on the key may sign; it is published in the JWKS before that. */
  activatesAt: Date;
  /** When the key stopped signing (a newer key took over); `null` while current. */
  retiredAt: Date | null;
  /** When the key leaves the JWKS (its last token has expired); `null` while current. */
  expiresAt: Date | null;
}

/**
 * Access-token signing keys.
 *
 * @example
 * const keys: SigningKeyStore = openSqliteStore({ path: 'data/tessera.db' });
 * const dropped = await keys.deleteExpiredSigningKeys(new Date());
 */
export interface SigningKeyStore {
  /** Rejects when the `kid` exists. */
  insertSigningKey(key: SigningKeyRecord): Promise<void>;
  /** Every stored key, oldest `createdAt` first. */
  listSigningKeys(): Promise<SigningKeyRecord[]>;
  /** Sets when a key stops signing and when it leaves the JWKS. */
  retireSigningKey(kid: string, retiredAt: Date, expiresAt: Date): Promise<void>;
  /** Replaces the encrypted private part (re-encryption under a new secret). */
  updateSigningKeyCiphertext(kid: string, privateJwkCiphertext: string): Promise<void>;
  /** Drops keys whose `expiresAt` is at or before `now`; resolves how many. */
  deleteExpiredSigningKeys(now: Date): Promise<number>;
}

/**
 * The method names of `SigningKeyStore`, checked complete by the compiler: what `composeStore` forwards to
 * the part that serves them.
 *
 * @example
 * Object.keys(signingKeyStoreMethods); // ['insertSigningKey', …]
 */
export const signingKeyStoreMethods = {
  insertSigningKey: true,
  listSigningKeys: true,
  retireSigningKey: true,
  updateSigningKeyCiphertext: true,
  deleteExpiredSigningKeys: true,
} as const satisfies Record<keyof SigningKeyStore, true>;
