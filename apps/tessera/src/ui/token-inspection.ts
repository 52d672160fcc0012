// What the token inspector reads and answers (types only): shared by inspect-token.ts and its
// sibling modules, which import them from here rather than from inspect-token.ts.

/** A JSON Web Key Set as served at `/.well-known/jwks.json` (RFC 7517 §5). */
export interface JsonWebKeySet {
  keys: readonly Readonly<Record<string, unknown>>[];
}

/** One time claim, read and said in words. */
export interface TokenTime {
  claim: 'exp' | 'nbf' | 'iat' | 'auth_time';
  /** ISO 8601, UTC. */
  iso: string;
  /** e.g. "expires in 14 minutes", "issued 3 hours ago". */
  inWords: string;
}

/** The outcome of the signature check. Only `valid` means the token came from a key in the set. */
export type SignatureStatus = 'valid' | 'invalid' | 'unknown-key' | 'not-checked' | 'unsupported';

/** Something a careful reader of the token should know. `code` is stable; `message` is for people. */
export interface TokenWarning {
  code:
    | 'alg-none'
    | 'alg-not-allowed'
    | 'embedded-key'
    | 'crit'
    | 'missing-exp'
    | 'invalid-time'
    | 'expired'
    | 'not-yet-valid'
    | 'issued-in-future'
    | 'unexpected-typ'
    | 'unknown-kid'
    | 'payload-not-json';
  message: string;
}

/** Everything the inspector shows. `error` is set (and the rest empty) when the input is not a JWS. */
export interface TokenInspection {
  error: string | null;
  header: Readonly<Record<string, unknown>> | null;
  claims: Readonly<Record<string, unknown>> | null;
  times: TokenTime[];
  signature: { status: SignatureStatus; message: string };
  warnings: TokenWarning[];
  /** True only when the signature is valid and nothing was warned about. */
  valid: boolean;
}
