import { recordAuditEvent } from '../account/record-audit-event.js';
import type { RequestOrigin } from '../account/request-origin.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { PasskeyNotFoundError } from '../errors.js';
import type { PasskeyRecord } from '../store/passkey-store.js';

/**
 * Renames one of the user's passkeys (`name` already checked). Another user's passkey and a missing
 * one throw the same `PasskeyNotFoundError`.
 *
 * @example
 * const passkey = await renamePasskey(deps, { userId, sessionId, passkeyId, name: 'Phone', origin });
 */
export async function renamePasskey(
  deps: TesseraDeps,
  input: { userId: string; sessionId: string; passkeyId: string; name: string; origin: RequestOrigin },
): Promise<PasskeyRecord> {
  const passkey = await deps.store.renameUserPasskey(input.userId, input.passkeyId, input.name);
  if (passkey === null) throw new PasskeyNotFoundError();
  await recordAuditEvent(deps, {
    type: 'passkey.renamed',
    userId: input.userId,
    sessionId: input.sessionId,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { passkeyId: passkey.id },
  });
  return passkey;
}
