import type { ApiRoute } from '../router/route.js';
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
import { reauthenticateRoute } from './reauthenticate.js';
import { mfaTotpStartRoute } from './mfa-totp-start.js';
import { mfaTotpConfirmRoute } from './mfa-totp-confirm.js';
import { mfaTotpDeleteRoute } from './mfa-totp-delete.js';
import { mfaRecoveryCodesRoute } from './mfa-recovery-codes.js';
import { mfaStatusRoute } from './mfa-status.js';
import { loginMfaRoute } from './login-mfa.js';
import { adminGetUserMfaRoute } from './admin-get-user-mfa.js';
import { adminResetUserMfaRoute } from './admin-reset-user-mfa.js';
import { forgotPasswordRoute } from './forgot-password.js';
import { resetPasswordRoute } from './reset-password.js';
import { verifyEmailRoute } from './verify-email.js';
import { resendVerificationRoute } from './resend-verification.js';
import { changeEmailRoute } from './change-email.js';
import { adminSendPasswordResetRoute } from './admin-send-password-reset.js';
import { oauthStartRoute } from './oauth-start.js';
import { oauthCallbackRoute } from './oauth-callback.js';
import { oauthIdTokenRoute } from './oauth-id-token.js';
import { listIdentitiesRoute } from './list-identities.js';
import { deleteIdentityRoute } from './delete-identity.js';
import { adminListUserIdentitiesRoute } from './admin-list-user-identities.js';
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
export const apiRoutes: readonly ApiRoute[] = [
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
  reauthenticateRoute,
  loginMfaRoute,
  mfaStatusRoute,
  mfaTotpStartRoute,
  mfaTotpConfirmRoute,
  mfaTotpDeleteRoute,
  mfaRecoveryCodesRoute,
  adminGetUserMfaRoute,
  adminResetUserMfaRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  verifyEmailRoute,
  resendVerificationRoute,
  changeEmailRoute,
  adminSendPasswordResetRoute,
  oauthStartRoute,
  oauthCallbackRoute,
  oauthIdTokenRoute,
  listIdentitiesRoute,
  deleteIdentityRoute,
  adminListUserIdentitiesRoute,
  passkeyRegisterOptionsRoute,
  passkeyRegisterRoute,
  passkeyLoginOptionsRoute,
  passkeyLoginRoute,
  listPasskeysRoute,
  renamePasskeyRoute,
  deletePasskeyRoute,
  adminListUserPasskeysRoute,
];
