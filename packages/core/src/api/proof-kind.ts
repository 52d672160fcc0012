/**
 * How the client proved its session on a request. A leaf type (no imports) so that the observer,
 * which sits below the HTTP layer, can name it without importing that layer.
 */
export type ProofKind = 'session-cookie' | 'access-cookie' | 'bearer';
