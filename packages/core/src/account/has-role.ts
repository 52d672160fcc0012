/**
 * Whether a user holds `role`. Roles are exact, case-sensitive strings; there is no hierarchy
 * (an `admin` is not implicitly anything else).
 *
 * @example
 * if (!hasRole(auth.user, 'admin')) throw new ForbiddenError();
 */
export function hasRole(user: { readonly roles: readonly string[] }, role: string): boolean {
  return user.roles.includes(role);
}
