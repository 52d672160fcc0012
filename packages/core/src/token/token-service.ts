import {
  verifyAccessTokenSync,
  ACCESS_TOKEN_TYPE,
  VerifiedTokenCache,
  type RevocationSet,
  type AccessTokenClaims,
  type VerificationKey,
} from '@tessera/verify';
import { SignJWT } from 'jose';
import type { Clock } from '../clock.js';
import type { RandomBytes } from '../random.js';
import { deriveServerKey, type ServerSecrets } from '../secret/server-secrets.js';
import type { SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import type { KeyRing, RingKey } from './key-ring.js';

/**
 * Token lifetimes and identity (DESIGN §3). Durations in seconds.
 *
 * @example
 * const policy: TokenPolicy = resolveTokenPolicy({ issuer: 'https://auth.example.com', audience: 'api', accessTokenTtlSeconds: 300 });
 * policy.refreshReuseGraceSeconds; // 10
 */
export interface TokenPolicy {
  /** `iss` of every access token. */
  issuer: string;
  /** `aud` of every access token. */
  audience: string;
  accessTokenTtlSeconds: number;
  /** Leeway for `exp`, `nbf` and a future `iat`. */
  clockSkewSeconds: number;
  /** Within this long of a rotation, the rotated refresh token returns the same successor. */
  refreshReuseGraceSeconds: number;
}

/**
 * An issued access token.
 *
 * @example
 * const { token, expiresInSeconds }: IssuedAccessToken = await deps.tokens.issueAccessToken(user, session);
 * const body = { access_token: token, token_type: 'Bearer', expires_in: expiresInSeconds };
 */
export interface IssuedAccessToken {
  token: string;
  expiresInSeconds: number;
}

/** How often an unknown `kid` may trigger a reload of the keys from the store. */
const UNKNOWN_KID_RELOAD_SECONDS = 10;

/**
 * Issues and verifies access tokens and holds what refresh rotation needs.
 * Verification uses the signing keys and the in-memory revocation set only: no store lookup.
 *
 * @example
 * const { token, expiresInSeconds } = await deps.tokens.issueAccessToken(user, session);
 */
export class TokenService {
  readonly policy: TokenPolicy;
  readonly keyRing: KeyRing;
  /** Sessions revoked recently enough that one of their access tokens may still be unexpired. */
  readonly revocations: RevocationSet;
  /** Keys the refresh chain is derived under: the current secret's first, then older ones. */
  readonly refreshChainKeys: readonly Buffer[];
  readonly #clock: Clock;
  readonly #randomBytes: RandomBytes;
  /**
   * Access tokens already verified: a repeated token (every request of a bearer client or a jwt
   * cookie) skips the signature, while `exp` and the revocation set are still checked on every hit.
   */
  readonly #verifiedTokens = new VerifiedTokenCache();
  /** One verification key per ring key, so the cache and the prepared `KeyObject` stay valid. */
  readonly #verificationKeys = new WeakMap<RingKey, VerificationKey>();
  #lastReloadAt = 0;

  constructor(options: {
    policy: TokenPolicy;
    keyRing: KeyRing;
    revocations: RevocationSet;
    secrets: ServerSecrets;
    clock: Clock;
    randomBytes: RandomBytes;
  }) {
    this.policy = options.policy;
    this.keyRing = options.keyRing;
    this.revocations = options.revocations;
    this.refreshChainKeys = options.secrets.all.map((secret) => deriveServerKey(secret, 'refresh-chain'));
    this.#clock = options.clock;
    this.#randomBytes = options.randomBytes;
  }

  /**
   * Signs a short-lived access token for a session: `typ: at+jwt`, `kid`, and the claims of
   * DESIGN §4 (`sub` is the opaque user id, never the email).
   *
   * @example
   * const { token, expiresInSeconds } = await tokens.issueAccessToken(user, session);
   */
  async issueAccessToken(user: UserRecord, session: SessionRecord): Promise<IssuedAccessToken> {
    const now = this.#clock.now();
    const key = this.keyRing.signingKey(now);
    const iat = Math.floor(now.getTime() / 1000);
    const { accessTokenTtlSeconds, issuer, audience } = this.policy;
    // `auth_time` (OIDC Core §2) and `amr` (RFC 8176) let any verifier ask for a recent or a
    // multi-factor authentication without a store lookup (DESIGN §9).
    const token = await new SignJWT({
      sid: session.id,
      roles: [...user.roles],
      auth_time: Math.floor(session.authenticatedAt.getTime() / 1000),
      amr: [...session.amr],
    })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(user.id)
      .setIssuedAt(iat)
      .setExpirationTime(iat + accessTokenTtlSeconds)
      .setJti(Buffer.from(this.#randomBytes(16)).toString('base64url'))
      .sign(key.signingKey);
    return { token, expiresInSeconds: accessTokenTtlSeconds };
  }

  /**
   * Verifies an access token: signature with the key its `kid` names (algorithm pinned by that key),
   * then claims, then the revocation set. Throws the coded errors of `@tessera/verify`.
   *
   * @example
   * const claims = await tokens.verifyAccessToken(bearerToken);
   */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    const now = this.#clock.now();
    const unknownKids = new Set<string>();
    const options = {
      keys: (kid: string) => {
        const key = this.#findVerificationKey(kid, now);
        if (key === null) unknownKids.add(kid);
        return key;
      },
      issuer: this.policy.issuer,
      audience: this.policy.audience,
      clockToleranceSeconds: this.policy.clockSkewSeconds,
      currentDate: now,
      revocations: this.revocations,
      cache: this.#verifiedTokens,
    };
    // The ring holds every key in memory, so the signature is checked synchronously (no promise per
    // step: docs/decisions/0015-verify-cost.md).
    try {
      return verifyAccessTokenSync(token, options);
    } catch (error) {
      if (unknownKids.size === 0 || now.getTime() - this.#lastReloadAt < UNKNOWN_KID_RELOAD_SECONDS * 1000)
        throw error;
    }
    // Another instance may have rotated: look once, then not again for a while (a flood of forged
    // kids must not turn into a flood of store reads).
    this.#lastReloadAt = now.getTime();
    await this.keyRing.reload();
    return verifyAccessTokenSync(token, options);
  }

  #findVerificationKey(kid: string, now: Date): VerificationKey | null {
    const key = this.keyRing.findKey(kid, now);
    if (key === null) return null;
    let verificationKey = this.#verificationKeys.get(key);
    if (verificationKey === undefined) {
      verificationKey = { kid: key.kid, alg: key.alg, key: key.verificationKey };
      this.#verificationKeys.set(key, verificationKey);
    }
    return verificationKey;
  }
}
