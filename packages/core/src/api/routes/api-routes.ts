import type { Route } from '../router/route.js';
import { adminDisableUserRoute } from './admin-disable-user.js';
import { adminEnableUserRoute } from './admin-enable-user.js';
import { adminGetUserRoute } from './admin-get-user.js';
import { adminListUserSessionsRoute } from './admin-list-user-sessions.js';
import { adminListUsersRoute } from './admin-list-users.js';
import { adminReadAuditRoute } from './admin-read-audit.js';
import { adminRevokeSessionRoute } from './admin-revoke-session.js';
import { adminRevokeUserSessionsRoute } from './admin-revoke-user-sessions.js';
import { adminSetUserRolesRoute } from './admin-set-user-roles.js';
import { changePasswordRoute } from './change-password.js';
import { deleteSessionRoute } from './delete-session.js';
import { healthzRoute } from './healthz.js';
import { jwksRoute } from './jwks.js';
import { listSessionsRoute } from './list-sessions.js';
import { livezRoute } from './livez.js';
import { loginRoute } from './login.js';
import { logoutAllRoute } from './logout-all.js';
import { logoutRoute } from './logout.js';
import { meRoute } from './me.js';
import { refreshRoute } from './refresh.js';
import { registerRoute } from './register.js';
import { revocationsRoute } from './revocations.js';
import { deletePasskeyRoute } from './delete-passkey.js';
import { listPasskeysRoute } from './list-passkeys.js';
import { passkeyLoginOptionsRoute } from './passkey-login-options.js';
import { passkeyLoginRoute } from './passkey-login.js';
import { passkeyRegisterOptionsRoute } from './passkey-register-options.js';
import { passkeyRegisterRoute } from './passkey-register.js';
import { renamePasskeyRoute } from './rename-passkey.js';
import { adminListUserPasskeysRoute } from './admin-list-user-passkeys.js';

/**
 * Every route of the auth API (DESIGN §3) and the admin API (Contract B), in the order the router
 * lists them. A new route is one file in this folder and one line here.
 *
 * @example
 * const handle = createRouter({ routes: [...apiRoutes, ...appRoutes], services, ... });
 */
export const apiRoutes: readonly Route[] = [
  registerRoute,
  loginRoute,
  refreshRoute,
  logoutRoute,
  logoutAllRoute,
  meRoute,
  listSessionsRoute,
  deleteSessionRoute,
  changePasswordRoute,
  revocationsRoute,
  jwksRoute,
  livezRoute,
  healthzRoute,
  adminListUsersRoute,
  adminGetUserRoute,
  adminDisableUserRoute,
  adminEnableUserRoute,
  adminSetUserRolesRoute,
  adminListUserSessionsRoute,
  adminRevokeUserSessionsRoute,
  adminRevokeSessionRoute,
  adminReadAuditRoute,
  passkeyRegisterOptionsRoute,
  passkeyRegisterRoute,
  passkeyLoginOptionsRoute,
  passkeyLoginRoute,
  listPasskeysRoute,
  renamePasskeyRoute,
  deletePasskeyRoute,
  adminListUserPasskeysRoute,
];
