import jwt from 'jsonwebtoken';
import {
  verifyAccessToken,
  type AccessTokenClaims,
  type RevocationSet,
  type KeyResolver,
} from '@tessera/verify';

/** Who a request is, whichever kind of token proved it. */
export interface Caller {
  userId: string;
  roles: readonly string[];
  /** `legacy`: an old jsonwebtoken token, accepted until it expires; it cannot be revoked. */
  kind: 'tessera' | 'legacy';
}

/**
 * During a move from jsonwebtoken: a service accepts Tessera access tokens and, until the last one
 * expires, the tokens the old login issued (HS256 with the old secret, `{ userId, role }`). Old
 * tokens are told apart by their header (Tessera's always carry `typ: at+jwt` and a `kid`), never
 * by trying one verifier after the other; each verifier pins its own algorithm. Throws Tessera's
 * `AccessTokenError`s, or jsonwebtoken's errors for a bad old token: both are a 401.
 *
 * @example
 * const caller = await verifyEitherToken(token, { tessera: { keys, issuer, audience, revocations }, legacySecret });
 */
export async function verifyEitherToken(
  token: string,
  options: {
    tessera: { keys: KeyResolver; issuer: string; audience: string; revocations: RevocationSet };
    legacySecret: string;
  },
): Promise<Caller> {
  const header = jwt.decode(token, { complete: true })?.header;
  if (header !== undefined && header.typ !== 'at+jwt' && header.kid === undefined) {
    // algorithms pinned: a token claiming `none` or RS256 is refused, whatever its header says.
    const claims = jwt.verify(token, options.legacySecret, { algorithms: ['HS256'] });
    if (typeof claims === 'string' || typeof claims['userId'] !== 'string') {
      throw new jwt.JsonWebTokenError('unexpected legacy claims');
    }
    const role: unknown = claims['role'];
    return { userId: claims['userId'], roles: typeof role === 'string' ? [role] : [], kind: 'legacy' };
  }
  const claims: AccessTokenClaims = await verifyAccessToken(token, options.tessera);
  return { userId: claims.sub, roles: claims.roles, kind: 'tessera' };
}
