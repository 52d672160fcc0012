/**
 * The `typ` header of a Tessera access token (RFC 9068 §2.1). Verification also accepts the full
 * media type `application/at+jwt`, compared case-insensitively (RFC 7515 §4.1.9).
 *
 * @example
 * new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid, typ: ACCESS_TOKEN_TYPE });
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * The algorithms an access token may be signed with (DESIGN §4): Ed25519 (`EdDSA`, RFC 8037) by
 * default, ES256, RS256 and HS256 available. Always pinned by the key, never read from the token.
 *
 * @example
 * const alg: SigningAlgorithm = 'EdDSA';
 */
export type SigningAlgorithm = 'EdDSA' | 'ES256' | 'RS256' | 'HS256';

/**
 * Every {@link SigningAlgorithm}, for runtime checks.
 *
 * @example
 * SIGNING_ALGORITHMS.includes(jwk.alg) // false for 'PS256'
 */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['EdDSA', 'ES256', 'RS256', 'HS256'];

/**
 * The claims of a verified Tessera access token (RFC 9068 §2.2 plus `sid` and `roles`). Times are
 * NumericDates: seconds since the epoch (RFC 7519 §2). Unknown claims are not carried over.
 *
 * @example
 * const claims: AccessTokenClaims = await verifyAccessToken(token, options);
 * claims.roles.includes('admin');
 */
export interface AccessTokenClaims {
  /** Issuer: the auth server's URL (RFC 7519 §4.1.1). */
  readonly iss: string;
  /** The audience this verifier was configured with (RFC 7519 §4.1.3). */
  readonly aud: string;
  /** Opaque user id, never an email (RFC 7519 §4.1.2). */
  readonly sub: string;
  /** Session id: revoking the session revokes the token. */
  readonly sid: string;
  /** Issued at, in seconds (RFC 7519 §4.1.6). */
  readonly iat: number;
  /** Expiry, in seconds (RFC 7519 §4.1.4). */
  readonly exp: number;
  /** Token id (RFC 7519 §4.1.7). */
  readonly jti: string;
  /** The user's roles at issue time. */
  readonly roles: readonly string[];
  /** Not before, in seconds (RFC 7519 §4.1.5), when the token carries it. */
  readonly nbf?: number;
  /**
   * When the user last proved who they are on this session, in seconds (OpenID Connect Core §2).
   * Absent only from tokens issued before Tessera carried it.
   */
  readonly auth_time?: number;
  /** How they proved it (RFC 8176: `pwd`, `otp`, `hwk`, `swk`, `fed`, `mfa`), when the token carries it. */
  readonly amr?: readonly string[];
}
