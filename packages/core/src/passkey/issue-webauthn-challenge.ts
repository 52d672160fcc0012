import type { TesseraDeps } from '../account/tessera-deps.js';
import type { WebAuthnCeremony } from '../store/webauthn-challenge-store.js';
import { PASSKEY_CHALLENGE_TTL_SECONDS } from './passkey-policy.js';

/**
 * Makes a challenge of 32 random bytes and keeps it (single use, `PASSKEY_CHALLENGE_TTL_SECONDS`) in
 * the store, which every instance shares. Resolves it base64url-encoded, as the browser echoes it back.
 *
 * @example
 * const challenge = await issueWebAuthnChallenge(deps, 'authentication', null);
 */
export async function issueWebAuthnChallenge(
  deps: Pick<TesseraDeps, 'store' | 'clock' | 'randomBytes'>,
  ceremony: WebAuthnCeremony,
  userId: string | null,
): Promise<string> {
  const challenge = Buffer.from(deps.randomBytes(32)).toString('base64url');
  const expiresAt = new Date(deps.clock.now().getTime() + PASSKEY_CHALLENGE_TTL_SECONDS * 1000);
  await deps.store.insertWebAuthnChallenge({ challenge, ceremony, userId, expiresAt });
  return challenge;
}

const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Takes (deletes) a challenge the browser echoed back; `true` when it was live and issued for this
 * ceremony and user. Anything that cannot be one of ours is refused without asking the store.
 *
 * @example
 * if (!(await takeWebAuthnChallenge(deps, echoed, 'registration', user.id))) throw failure;
 */
export async function takeWebAuthnChallenge(
  deps: Pick<TesseraDeps, 'store' | 'clock'>,
  challenge: unknown,
  ceremony: WebAuthnCeremony,
  userId: string | null,
): Promise<boolean> {
  if (typeof challenge !== 'string' || !CHALLENGE_PATTERN.test(challenge)) return false;
  return (await deps.store.takeWebAuthnChallenge(challenge, ceremony, userId, deps.clock.now())) !== null;
}
