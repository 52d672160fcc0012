import type { AuthenticationMethod } from '@tessera/core/store';

const METHODS: ReadonlySet<string> = new Set(['pwd', 'otp', 'hwk', 'swk', 'fed', 'mfa']);

/**
 * Checks a session's `amr` before a store writes it: a non-empty array of RFC 8176 values Tessera
 * issues. A bad value is a caller bug (`TypeError`), never stored. Returns a copy.
 *
 * @example
 * const amr = checkAmr(session.amr, 'insertSession');
 */
export function checkAmr(amr: readonly AuthenticationMethod[], operation: string): AuthenticationMethod[] {
  const value: unknown = amr;
  if (!Array.isArray(value) || amr.length === 0 || !amr.every((method) => METHODS.has(method))) {
    throw new TypeError(`${operation}: amr must be a non-empty array of RFC 8176 methods.`);
  }
  return [...amr];
}
