// The token inspector's warnings about a JWS header (inspect-token.ts): pure, runs in the browser
// page and in the CLI.
import type { JsonWebKeySet, TokenWarning } from './token-inspection.js';

/** The algorithms Tessera signs or verifies with; anything else is refused by our verifiers. */
export const ALLOWED_ALGORITHMS: readonly string[] = ['EdDSA', 'ES256', 'RS256', 'HS256'];
/** The access-token type we issue (RFC 9068 §2.1). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const EMBEDDED_KEY_PARAMETERS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

/** What a careful reader should know about the header: algorithm, embedded keys, `crit`, `typ`, `kid`. */
export function checkTokenHeader(
  header: Record<string, unknown>,
  jwks: JsonWebKeySet | null,
): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  const { alg, typ, kid, crit } = header;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    warnings.push({
      code: 'alg-none',
      message: 'The algorithm is "none": the token is unsigned and anyone could have written it.',
    });
  } else if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.includes(alg)) {
    warnings.push({
      code: 'alg-not-allowed',
      message: `The algorithm ${typeof alg === 'string' ? `"${alg}"` : '(missing)'} is not one we accept (${ALLOWED_ALGORITHMS.join(', ')}).`,
    });
  }
  for (const name of EMBEDDED_KEY_PARAMETERS) {
    if (Object.hasOwn(header, name)) {
      warnings.push({
        code: 'embedded-key',
        message: `The header carries "${name}": a token must never choose its own verification key, so a verifier should ignore or refuse it.`,
      });
    }
  }
  if (crit !== undefined) {
    warnings.push({
      code: 'crit',
      message:
        'The header has "crit": it demands extensions a verifier must understand, or refuse the token.',
    });
  }
  if (typ !== ACCESS_TOKEN_TYPE) {
    warnings.push({
      code: 'unexpected-typ',
      message: `The type is ${typeof typ === 'string' ? `"${typ}"` : 'missing'}, not "${ACCESS_TOKEN_TYPE}": this is not one of our access tokens, or it could be another kind of token passed off as one.`,
    });
  }
  if (jwks !== null && typeof kid === 'string' && !jwks.keys.some((key) => key['kid'] === kid)) {
    warnings.push({
      code: 'unknown-kid',
      message: `The key id "${kid}" is not in the key set: the key was retired, or the token was signed elsewhere.`,
    });
  }
  return warnings;
}
