/**
 * The role the admin API requires (exact, case-sensitive), and whose last enabled holder cannot
 * lose it.
 *
 * @example
 * if (!hasRole(user, ADMIN_ROLE)) throw new ForbiddenError();
 */
export const ADMIN_ROLE = 'admin';
