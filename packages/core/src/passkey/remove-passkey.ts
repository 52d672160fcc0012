import { recordAuditEvent } from '../account/record-audit-event.js';
import type { RequestOrigin } from '../account/request-origin.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { PasskeyNotFoundError } from '../errors.js';

/**
 * Removes one of the user's passkeys: it cannot sign in again. Another user's passkey and a missing
 * one throw the same `PasskeyNotFoundError`. Sessions it created stay (they are sessions like any other;
 * the user revokes them from the device list).
 *
 * @example
 * await removePasskey(deps, { userId, sessionId, passkeyId, origin });
 */
export async function removePasskey(
  deps: TesseraDeps,
  input: { userId: string; sessionId: string; passkeyId: string; origin: RequestOrigin },
): Promise<void> {
  if (!(await deps.store.deleteUserPasskey(input.userId, input.passkeyId))) throw new PasskeyNotFoundError();
  await recordAuditEvent(deps, {
    type: 'passkey.removed',
    userId: input.userId,
    sessionId: input.sessionId,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { passkeyId: input.passkeyId },
  });
}
