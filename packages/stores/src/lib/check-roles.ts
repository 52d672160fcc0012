/**
 * Throws `TypeError` unless `roles` is an array of strings (`updateUserRoles`).
 *
 * @example
 * checkRoles(['admin'], 'updateUserRoles');
 */
export function checkRoles(roles: readonly string[], operation: string): void {
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw new TypeError(`${operation}: roles must be an array of strings.`);
  }
}
