import type { JWK } from 'jose';
import type { Clock } from '../clock.js';
import { needsReseal, seal, unseal } from '../secret/seal.js';
import type { ServerSecrets } from '../secret/server-secrets.js';
import { addSeconds } from '../session/session-expiry.js';
import type { SigningAlgorithm, SigningKeyRecord, SigningKeyStore } from '../store/signing-key-store.js';
import { generateSigningJwk, importSigningJwk, type SigningKeyMaterial } from './signing-key-material.js';

/**
 * Where the key ring's keys come from and how long tokens live. Durations in seconds.
 *
 * @example
 * const options: KeyRingOptions = {
 *   store,
 *   secrets,
 *   clock: systemClock,
 *   algorithm: 'EdDSA',
 *   accessTokenTtlSeconds: 900,
 *   clockSkewSeconds: 60,
 *   staticKeys: null,
 * };
 * const ring = await KeyRing.open(options);
 */
export interface KeyRingOptions {
  store: SigningKeyStore;
  secrets: ServerSecrets;
  clock: Clock;
  /** The algorithm of generated keys. */
  algorithm: SigningAlgorithm;
  accessTokenTtlSeconds: number;
  clockSkewSeconds: number;
  /** `TESSERA_SIGNING_KEYS`: private JWKs managed elsewhere; the first signs, all verify. */
  staticKeys: readonly JWK[] | null;
}

/**
 * A key the ring holds, with its schedule.
 *
 * @example
 * const key: RingKey = await deps.tokens.keyRing.rotate(KEY_PUBLISH_LEAD_SECONDS);
 * console.log(`${key.kid} signs from ${key.activatesAt.toISOString()}`);
 */
export interface RingKey extends SigningKeyMaterial {
  activatesAt: Date;
  retiredAt: Date | null;
  expiresAt: Date | null;
}

/**
 * A key's public facts, for `tessera keys list`.
 *
 * @example
 * const keys: KeySummary[] = deps.tokens.keyRing.summaries(new Date());
 * for (const key of keys) console.log(key.kid, key.alg, key.state);
 */
export interface KeySummary {
  kid: string;
  alg: SigningAlgorithm;
  state: 'pending' | 'signing' | 'retired';
  activatesAt: Date;
  expiresAt: Date | null;
}

/**
 * How long a rotated-in key is published before it signs: the JWKS `max-age`, so a verifier that
 * cached the document just before the rotation has refetched it before meeting a token of the new key.
 *
 * @example
 * await ring.rotate(KEY_PUBLISH_LEAD_SECONDS);
 */
export const KEY_PUBLISH_LEAD_SECONDS = 300;

/**
 * The server's signing keys: the one that signs now, the ones still verifying, and the JWKS.
 *
 * Keys live in the store with the private part sealed under `TESSERA_SECRET` (re-sealed when the
 * secret rotates), or come from `TESSERA_SIGNING_KEYS`. A rotation publishes the new key first and
 * keeps the old one in the JWKS until the last token it signed has expired.
 *
 * @example
 * const ring = deps.tokens.keyRing;
 * await ring.rotate(KEY_PUBLISH_LEAD_SECONDS);
 */
export class KeyRing {
  readonly #options: KeyRingOptions;
  #keys: RingKey[] = [];

  private constructor(options: KeyRingOptions) {
    this.#options = options;
  }

  /**
   * Loads the keys, creating the first one (active at once: nothing can have cached a JWKS yet)
   * when the store has none.
   *
   * @example
   * const ring = await KeyRing.open({ store, secrets, clock, algorithm: 'EdDSA', ... });
   */
  static async open(options: KeyRingOptions): Promise<KeyRing> {
    const ring = new KeyRing(options);
    if (options.staticKeys !== null) {
      if (options.staticKeys.length === 0) throw new TypeError('TESSERA_SIGNING_KEYS holds no keys');
      const epoch = new Date(0);
      ring.#keys = [];
      for (const [index, jwk] of options.staticKeys.entries()) {
        const material = await importSigningJwk(jwk);
        // The first key signs: give it the latest activation so `signingKey` picks it.
        ring.#keys.push({
          ...material,
          activatesAt: index === 0 ? new Date(1) : epoch,
          retiredAt: null,
          expiresAt: null,
        });
      }
      return ring;
    }
    await ring.reload();
    if (ring.#keys.length === 0) await ring.#addKey(options.clock.now());
    return ring;
  }

  /** Re-reads the store (another instance or the CLI may have rotated). Static keys never change. */
  async reload(): Promise<void> {
    if (this.#options.staticKeys !== null) return;
    const { store, secrets, clock } = this.#options;
    const now = clock.now();
    const loaded: RingKey[] = [];
    for (const record of await store.listSigningKeys()) {
      if (record.expiresAt !== null && record.expiresAt <= now) continue;
      const context = `signing-key:${record.kid}`;
      let jwk: JWK;
      try {
        jwk = JSON.parse(unseal(secrets, record.privateJwkCiphertext, context)) as JWK;
      } catch (cause) {
        // A configuration problem (the wrong TESSERA_SECRET), reported at start-up.
        throw new TypeError(`signing key ${record.kid} cannot be decrypted: ${(cause as Error).message}`, {
          cause,
        });
      }
      if (needsReseal(secrets, record.privateJwkCiphertext)) {
        await store.updateSigningKeyCiphertext(record.kid, seal(secrets, JSON.stringify(jwk), context));
      }
      const material = await importSigningJwk(jwk);
      loaded.push({
        ...material,
        activatesAt: record.activatesAt,
        retiredAt: record.retiredAt,
        expiresAt: record.expiresAt,
      });
    }
    this.#keys = loaded;
  }

  /** The key that signs at `now`: of the keys active then (activated, not retired), the newest. */
  signingKey(now: Date): RingKey {
    let current: RingKey | undefined;
    for (const key of this.#keys) {
      const active = key.activatesAt <= now && (key.retiredAt === null || key.retiredAt > now);
      if (active && (current === undefined || key.activatesAt > current.activatesAt)) current = key;
    }
    if (current === undefined) throw new TypeError('no signing key is active');
    return current;
  }

  /** The key with this `kid`, while it may still verify tokens. */
  findKey(kid: string, now: Date): RingKey | null {
    return (
      this.#keys.find((key) => key.kid === kid && (key.expiresAt === null || key.expiresAt > now)) ?? null
    );
  }

  /** The JWKS document: public keys of every key pending, signing, or still verifying. */
  jwks(now: Date): { keys: JWK[] } {
    return {
      keys: this.#keys
        .filter((key) => key.publicJwk !== null && (key.expiresAt === null || key.expiresAt > now))
        .map((key) => ({ ...key.publicJwk })),
    };
  }

  /** Every key with its state, newest first. */
  summaries(now: Date): KeySummary[] {
    const signing = this.signingKey(now);
    return [...this.#keys].reverse().map((key) => ({
      kid: key.kid,
      alg: key.alg,
      state:
        key === signing
          ? 'signing'
          : key.activatesAt > now && (key.retiredAt === null || key.retiredAt > now)
            ? 'pending'
            : 'retired',
      activatesAt: key.activatesAt,
      expiresAt: key.expiresAt,
    }));
  }

  /**
   * Adds a new key that signs after `publishLeadSeconds` (published in the JWKS from now on), and
   * schedules every earlier key (the signing one, and a pending one that this rotation supersedes)
   * to stop signing then and leave the JWKS once its last token has expired.
   *
   * @example
   * await ring.rotate(KEY_PUBLISH_LEAD_SECONDS);
   */
  async rotate(publishLeadSeconds: number): Promise<RingKey> {
    if (this.#options.staticKeys !== null) {
      throw new TypeError('keys from TESSERA_SIGNING_KEYS are rotated where they are managed, not here');
    }
    await this.reload();
    const now = this.#options.clock.now();
    const activatesAt = addSeconds(now, publishLeadSeconds);
    const { accessTokenTtlSeconds, clockSkewSeconds, store } = this.#options;
    for (const key of this.#keys) {
      if (key.retiredAt === null) {
        // Tokens it signs until `activatesAt` live `accessTokenTtlSeconds` more, plus the leeway.
        await store.retireSigningKey(
          key.kid,
          activatesAt,
          addSeconds(activatesAt, accessTokenTtlSeconds + clockSkewSeconds),
        );
      }
    }
    const added = await this.#addKey(activatesAt);
    await this.reload();
    return added;
  }

  async #addKey(activatesAt: Date): Promise<RingKey> {
    const { store, secrets, clock, algorithm } = this.#options;
    const jwk = await generateSigningJwk(algorithm);
    const material = await importSigningJwk(jwk);
    const record: SigningKeyRecord = {
      kid: material.kid,
      alg: material.alg,
      publicJwk: material.publicJwk === null ? null : JSON.stringify(material.publicJwk),
      privateJwkCiphertext: seal(secrets, JSON.stringify(jwk), `signing-key:${material.kid}`),
      createdAt: clock.now(),
      activatesAt,
      retiredAt: null,
      expiresAt: null,
    };
    await store.insertSigningKey(record);
    const key: RingKey = { ...material, activatesAt, retiredAt: null, expiresAt: null };
    this.#keys.push(key);
    return key;
  }
}
