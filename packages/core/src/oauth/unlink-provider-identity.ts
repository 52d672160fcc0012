import { recordAuditEvent } from '../account/record-audit-event.js';
import type { RequestOrigin } from '../account/request-origin.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { LastSignInMethodError, NotFoundError } from '../errors.js';
import type { SessionRecord } from '../store/session-store.js';

/** Who unlinks which provider. */
export interface UnlinkProviderInput {
  userId: string;
  session: SessionRecord;
  provider: string;
  origin: RequestOrigin;
}

/**
 * Unlinks the user's identity at `provider`: `NotFoundError` when there is none,
 * `LastSignInMethodError` when the user would have no password, passkey or other identity left.
 *
 * @example
 * await unlinkProviderIdentity(deps, { userId, session, provider: 'google', origin });
 */
export async function unlinkProviderIdentity(deps: TesseraDeps, input: UnlinkProviderInput): Promise<void> {
  const identities = await deps.store.listUserIdentities(input.userId);
  if (!identities.some((identity) => identity.provider === input.provider)) {
    throw new NotFoundError();
  }
  // Read fresh, not from the session cache: a password set a moment ago counts.
  const user = await deps.store.getUserById(input.userId);
  if (user?.passwordHash == null && identities.length < 2) {
    // A passkey is a way in too.
    if ((await deps.store.listUserPasskeys(input.userId)).length === 0) throw new LastSignInMethodError();
  }
  if (!(await deps.store.deleteIdentity(input.userId, input.provider))) {
    throw new NotFoundError();
  }
  await recordAuditEvent(deps, {
    type: 'identity.unlinked',
    userId: input.userId,
    sessionId: input.session.id,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { provider: input.provider },
  });
}
