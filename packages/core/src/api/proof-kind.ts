/**
 * How the client proved its session on a request. A leaf type (no imports) so that the observer,
 * which sits below the HTTP layer, can name it without importing that layer.
 *
 * @example
 * const result = await authenticate(request);
 * const proof: ProofKind | null = result.kind === 'authenticated' ? result.proof : null; // e.g. 'bearer'
 */
export type ProofKind = 'session-cookie' | 'access-cookie' | 'bearer';
