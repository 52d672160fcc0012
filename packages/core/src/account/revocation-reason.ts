/**
 * Why sessions were revoked; recorded in the audit log and counted by the observer.
 *
 * @example
 * const reason: RevocationReason = 'logout-all';
 */
export type RevocationReason =
  | 'logout'
  | 'logout-all'
  | 'device-removed'
  | 'password-changed'
  | 'session-limit'
  | 'new-login'
  | 'refresh-token-reused'
  | 'user-disabled'
  | 'admin'
  | 'password-reset';
