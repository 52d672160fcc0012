// `@tessera/core/account`: sign-up, sign-in, refresh, password change and the checks around them.
export { authenticateSessionToken, type Authenticated } from './authenticate-session-token.js';
export { changePassword, type ChangePasswordInput, type ChangedPassword } from './change-password.js';
export { hasRole } from './has-role.js';
export { resolveLoginThrottlePolicy, type LoginThrottlePolicy } from './login-throttle-policy.js';
export { loginWithPassword, type LoginInput } from './login-with-password.js';
export { normalizeEmail } from './normalize-email.js';
export { recordAuditEvent, type AuditEventInput } from './record-audit-event.js';
export { refreshSession, type RefreshedSession } from './refresh-session.js';
export { registerUnverifiedUser, registerUser, type RegisterInput } from './register-user.js';
export type { RequestOrigin } from './request-origin.js';
export type { TesseraDeps } from './tessera-deps.js';
export { verifyUserPassword } from './verify-user-password.js';
// Second factors and recent authentication (DESIGN §9).
export {
  createPendingSecondStepCookie,
  PENDING_SECOND_STEP_COOKIE_NAME,
} from '../mfa/pending-second-step-cookie.js';
export {
  assertRecentAuthentication,
  hasProvedSecondFactor,
  isRecentAuthentication,
} from '../mfa/assert-recent-authentication.js';
export {
  confirmTotpEnrolment,
  describeSecondFactors,
  readPendingTotpEnrolment,
  regenerateRecoveryCodes,
  removeTotp,
  resetSecondFactors,
  type ResetSecondFactorsDeps,
  startTotpEnrolment,
  type FactorChange,
  type SecondFactorSummary,
  type TotpEnrolment,
} from '../mfa/manage-totp.js';
export { reauthenticate, type ReauthenticateInput } from '../mfa/reauthenticate.js';
export { renderTotpQrCodeSvg } from '../mfa/render-totp-qr-code.js';
export {
  completeMfaLogin,
  requireSecondStepIfEnrolled,
  SECOND_STEP_METHODS,
  type CompleteMfaLoginInput,
} from '../mfa/two-step-login.js';
export { startSession } from './start-session.js';
export { requestPasswordReset } from './request-password-reset.js';
export { resetPassword } from './reset-password.js';
export { verifyEmail } from './verify-email.js';
export { resendVerification } from './resend-verification.js';
export { requestEmailChange } from './request-email-change.js';
export { mailNotice, mailVerificationLink } from './mail-verification-link.js';
export { issueEmailToken, checkEmailToken, takeEmailToken, type CheckedEmailToken } from './email-token.js';
export {
  deliverAccountMail,
  reserveEmailRequest,
  reserveMessage,
  type AccountMail,
  type AccountMailDeps,
} from './account-mail.js';
