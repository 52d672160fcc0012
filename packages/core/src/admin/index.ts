// `@tessera/core/admin`: what an administrator (or the CLI acting as one) may do to accounts.
export type { AdminActor } from './admin-actor.js';
export type { AdminDeps } from './admin-deps.js';
export { ADMIN_ROLE } from './admin-role.js';
export { disableUser } from './disable-user.js';
export { enableUser } from './enable-user.js';
export { listUsersPage, type UsersPage } from './list-users-page.js';
export { parseRoles, setUserRoles } from './set-user-roles.js';
export { markUserEmailVerified } from './mark-user-email-verified.js';
export { sendPasswordReset } from './send-password-reset.js';
