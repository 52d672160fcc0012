import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { OAuthFailedError, ProviderUnavailableError } from '../errors.js';
import type { ProviderProfile } from './provider-profile.js';

/**
 * Only asymmetric signatures: a provider's ID token verified with a shared secret (HS256 keyed with the
 * client secret) could be forged by anyone who holds that secret, every app client included; `none` is
 * no signature at all.
 */
const ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/** What an ID token must match. */
export interface IdTokenExpectations {
  provider: string;
  issuer: string;
  /** Accepted `aud` values; `azp`, when present, must be one of them too. */
  audiences: readonly string[];
  /** The nonce sent with the authorization request, or the one the app passed; `null`: no `nonce` check. */
  nonce: string | null;
  clockSkewSeconds: number;
  now: Date;
}

/**
 * Verifies a provider's ID token (OpenID Connect Core §3.1.3.7): signature by a key of the provider's
 * JWKS (fetched, cached and re-fetched on an unknown `kid`, so key rotation works) with an asymmetric
 * algorithm, then `iss`, `aud`, `azp`, `exp`, `iat` (not in the future) and `nonce`.
 * Throws `OAuthFailedError` for a token that does not verify, `ProviderUnavailableError` when the keys
 * cannot be fetched.
 *
 * @example
 * const profile = await verifyProviderIdToken(idToken, createRemoteJWKSet(jwksUri), { provider: 'google', issuer, audiences: [clientId], nonce, clockSkewSeconds: 60, now });
 */
export async function verifyProviderIdToken(
  idToken: string,
  keys: JWTVerifyGetKey,
  expected: IdTokenExpectations,
): Promise<ProviderProfile> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      algorithms: ID_TOKEN_ALGORITHMS,
      issuer: expected.issuer,
      audience: [...expected.audiences],
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: expected.clockSkewSeconds,
      currentDate: expected.now,
    }));
  } catch (error) {
    if (
      error instanceof errors.JWKSTimeout ||
      error instanceof errors.JWKSInvalid ||
      // jose's own words for a JWKS endpoint that answered with something other than 200.
      (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC') ||
      !(error instanceof errors.JOSEError)
    ) {
      throw new ProviderUnavailableError(expected.provider, error);
    }
    throw new OAuthFailedError(`The ID token was refused (${error.code}).`, { cause: error });
  }
  const { sub, iat, azp, nonce, email, email_verified: emailVerified } = payload;
  if (typeof sub !== 'string' || sub === '' || sub.length > 255)
    throw new OAuthFailedError('The ID token has no usable "sub".');
  if (typeof iat !== 'number' || iat > expected.now.getTime() / 1000 + expected.clockSkewSeconds)
    throw new OAuthFailedError('The ID token was issued in the future.');
  if (azp !== undefined && (typeof azp !== 'string' || !expected.audiences.includes(azp)))
    throw new OAuthFailedError('The ID token was issued to another client ("azp").');
  if (expected.nonce !== null && nonce !== expected.nonce)
    throw new OAuthFailedError('The ID token does not carry the nonce of this sign-in.');
  return {
    subject: sub,
    email: typeof email === 'string' ? email : null,
    // Some providers send "true" as a string (older Cognito, some Azure B2C policies).
    emailVerified: emailVerified === true || emailVerified === 'true',
  };
}
