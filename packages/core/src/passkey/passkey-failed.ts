import { InvalidCredentialsError } from '../errors.js';
import { recordAuditEvent } from '../account/record-audit-event.js';
import type { RequestOrigin } from '../account/request-origin.js';
import type { TesseraDeps } from '../account/tessera-deps.js';

/**
 * Why a passkey ceremony was refused, as the audit log records it (never sent to the client).
 *
 * @example
 * const reason: PasskeyFailureReason = passkey === null ? 'unknown-credential' : 'verification';
 * throw await passkeyFailed(deps, 'authentication', reason, passkey?.userId ?? null, origin);
 */
export type PasskeyFailureReason =
  'challenge' | 'unknown-credential' | 'account' | 'verification' | 'counter' | 'user-handle';

/**
 * Records a refused passkey ceremony and returns the one error the client sees for all of them:
 * 401 `invalid_credentials` (DESIGN §9), whatever was wrong.
 *
 * @example
 * throw await passkeyFailed(deps, 'authentication', 'counter', passkey.userId, origin);
 */
export async function passkeyFailed(
  deps: TesseraDeps,
  ceremony: 'registration' | 'authentication',
  reason: PasskeyFailureReason,
  userId: string | null,
  origin: RequestOrigin,
): Promise<InvalidCredentialsError> {
  await recordAuditEvent(deps, {
    type: ceremony === 'registration' ? 'passkey.registration_failed' : 'passkey.login_failed',
    userId,
    sessionId: null,
    ip: origin.ip,
    userAgent: origin.userAgent,
    detail: { reason },
  });
  return new InvalidCredentialsError('The passkey could not be verified.');
}
