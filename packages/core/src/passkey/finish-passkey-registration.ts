import { verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { recordAuditEvent } from '../account/record-audit-event.js';
import type { RequestOrigin } from '../account/request-origin.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { InvalidRequestError, TesseraError } from '../errors.js';
import type { PasskeyRecord } from '../store/passkey-store.js';
import type { SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { takeWebAuthnChallenge } from './issue-webauthn-challenge.js';
import { passkeyFailed } from './passkey-failed.js';
import { DEFAULT_PASSKEY_NAME, PASSKEY_ALGORITHMS } from './passkey-policy.js';
import type { RelyingParty } from './relying-party.js';

/**
 * A registration answer from the signed-in user's browser.
 *
 * @example
 * const input: PasskeyRegistrationInput = { user, session, response: body.response, name: body.name ?? null, origin };
 * const passkey = await finishPasskeyRegistration(deps, relyingParty, input);
 */
export interface PasskeyRegistrationInput {
  user: UserRecord;
  session: SessionRecord;
  /** What `navigator.credentials.create()` gave, as JSON (shape already checked). */
  response: RegistrationResponseJSON;
  /** The name the user chose (already checked), or `null` for the default. */
  name: string | null;
  origin: RequestOrigin;
}

/**
 * Verifies a registration answer and stores the new passkey. The echoed challenge must be one this
 * user was issued and is taken once; the origin, the RP ID hash, user presence and user verification
 * are checked by `@simplewebauthn/server`. Any of these wrong: `InvalidCredentialsError`.
 *
 * @example
 * const passkey = await finishPasskeyRegistration(deps, relyingParty, { user, session, response, name: 'Laptop', origin });
 */
export async function finishPasskeyRegistration(
  deps: TesseraDeps,
  relyingParty: RelyingParty,
  input: PasskeyRegistrationInput,
): Promise<PasskeyRecord> {
  const { user, origin } = input;
  // Set by the challenge check, which the library calls while it verifies.
  const progress = { challengeTaken: false };
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: async (challenge) => {
        progress.challengeTaken = await takeWebAuthnChallenge(deps, challenge, 'registration', user.id);
        return progress.challengeTaken;
      },
      expectedOrigin: relyingParty.origin,
      expectedRPID: relyingParty.id,
      requireUserPresence: true,
      requireUserVerification: true,
      supportedAlgorithmIDs: [...PASSKEY_ALGORITHMS],
    });
  } catch (error) {
    // A store fault while taking the challenge is a 503, not a refused passkey.
    if (error instanceof TesseraError) throw error;
    throw await passkeyFailed(
      deps,
      'registration',
      progress.challengeTaken ? 'verification' : 'challenge',
      user.id,
      origin,
    );
  }
  if (!verification.verified) {
    throw await passkeyFailed(deps, 'registration', 'verification', user.id, origin);
  }
  const info = verification.registrationInfo;
  const now = deps.clock.now();
  const passkey: PasskeyRecord = {
    id: Buffer.from(deps.randomBytes(16)).toString('base64url'),
    userId: user.id,
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    signCount: info.credential.counter,
    transports: [...(input.response.response.transports ?? [])],
    name: input.name ?? DEFAULT_PASSKEY_NAME,
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    createdAt: now,
    lastUsedAt: null,
  };
  if (!(await deps.store.insertPasskey(passkey))) {
    throw new InvalidRequestError('This passkey is already registered.');
  }
  await recordAuditEvent(deps, {
    type: 'passkey.registered',
    userId: user.id,
    sessionId: input.session.id,
    ip: origin.ip,
    userAgent: origin.userAgent,
    detail: { passkeyId: passkey.id, deviceType: passkey.deviceType, backedUp: passkey.backedUp },
  });
  return passkey;
}
