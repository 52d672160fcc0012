import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import { recordLogin } from '../account/register-user.js';
import type { RequestOrigin } from '../account/request-origin.js';
import { startSession } from '../account/start-session.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { TesseraError } from '../errors.js';
import type { CreatedSession } from '../session/create-session.js';
import type { SessionRecord, SessionTransport } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { takeWebAuthnChallenge } from './issue-webauthn-challenge.js';
import { passkeyFailed } from './passkey-failed.js';
import type { RelyingParty } from './relying-party.js';

/**
 * A passkey sign-in as the client sent it (shape already checked).
 *
 * @example
 * const input: PasskeyLoginInput = { response: body.response, transport: 'bearer', presentedSession: null, origin };
 * const { user, session, token } = await loginWithPasskey(deps, relyingParty, input);
 */
export interface PasskeyLoginInput {
  /** What `navigator.credentials.get()` gave, as JSON. */
  response: AuthenticationResponseJSON;
  transport: SessionTransport;
  /** The valid session the client presented, if any: it is revoked and replaced. */
  presentedSession: SessionRecord | null;
  origin: RequestOrigin;
}

/**
 * Signs a user in with a passkey and creates a new session, with no second step (the passkey is
 * possession and, with user verification, a PIN or biometric: two factors already).
 *
 * The echoed challenge is taken first, so every answer uses up its challenge, right or wrong. Then the
 * credential is looked up; `@simplewebauthn/server` checks the origin, the RP ID hash, user presence,
 * user verification and the signature; the returned user handle must be the owner's id; and the
 * counter is stored by compare-and-set, so a counter that did not move forward (a cloned
 * authenticator, or a replay racing the original) is refused. Every refusal is the same
 * `InvalidCredentialsError`.
 *
 * @example
 * const { user, token } = await loginWithPasskey(deps, relyingParty, { response, transport: 'cookie', presentedSession: null, origin });
 */
export async function loginWithPasskey(
  deps: TesseraDeps,
  relyingParty: RelyingParty,
  input: PasskeyLoginInput,
): Promise<CreatedSession & { user: UserRecord }> {
  const { response, origin } = input;
  const challenge = readEchoedChallenge(response.response.clientDataJSON);
  if (!(await takeWebAuthnChallenge(deps, challenge, 'authentication', null))) {
    throw await passkeyFailed(deps, 'authentication', 'challenge', null, origin);
  }
  const passkey = await deps.store.getPasskeyByCredentialId(response.id);
  if (passkey === null) throw await passkeyFailed(deps, 'authentication', 'unknown-credential', null, origin);
  const user = await deps.store.getUserById(passkey.userId);
  if (user === null || user.disabledAt !== null) {
    throw await passkeyFailed(deps, 'authentication', 'account', passkey.userId, origin);
  }
  // Discoverable credentials return the user handle given at registration: the user's id.
  const userHandle = response.response.userHandle;
  if (userHandle !== undefined && userHandle !== Buffer.from(user.id).toString('base64url')) {
    throw await passkeyFailed(deps, 'authentication', 'user-handle', user.id, origin);
  }
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge as string,
      expectedOrigin: relyingParty.origin,
      expectedRPID: relyingParty.id,
      credential: {
        id: passkey.credentialId,
        publicKey: Buffer.from(passkey.publicKey, 'base64url'),
        counter: passkey.signCount,
      },
      requireUserVerification: true,
    });
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    const reason = error instanceof Error && /counter/i.test(error.message) ? 'counter' : 'verification';
    throw await passkeyFailed(deps, 'authentication', reason, user.id, origin);
  }
  if (!verification.verified)
    throw await passkeyFailed(deps, 'authentication', 'verification', user.id, origin);
  const { newCounter, credentialBackedUp } = verification.authenticationInfo;
  const used = await deps.store.recordPasskeyUse(passkey.id, {
    signCount: newCounter,
    backedUp: credentialBackedUp,
    usedAt: deps.clock.now(),
  });
  if (!used) throw await passkeyFailed(deps, 'authentication', 'counter', user.id, origin);
  // The session is created by the same code as a password login's. amr (RFC 8176): a key bound to one
  // device is `hwk`; a synced passkey (its private key leaves the device) is `swk`.
  const amr = passkey.deviceType === 'singleDevice' ? 'hwk' : 'swk';
  const created = await startSession(deps, user, input.transport, input.presentedSession, origin, [amr]);
  await recordLogin(deps, user, created.session, origin, { method: 'passkey', passkeyId: passkey.id });
  return { ...created, user };
}

/** The `challenge` member of a base64url `clientDataJSON`, or `null` when it cannot be read. */
function readEchoedChallenge(clientDataJSON: string): unknown {
  try {
    const clientData: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    return typeof clientData === 'object' && clientData !== null
      ? (clientData as Record<string, unknown>)['challenge']
      : null;
  } catch {
    return null;
  }
}
