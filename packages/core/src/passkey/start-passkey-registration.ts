import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { InvalidRequestError } from '../errors.js';
import type { UserRecord } from '../store/user-store.js';
import { issueWebAuthnChallenge } from './issue-webauthn-challenge.js';
import {
  MAX_PASSKEYS_PER_USER,
  PASSKEY_ALGORITHMS,
  PASSKEY_CHALLENGE_TTL_SECONDS,
} from './passkey-policy.js';
import type { RelyingParty } from './relying-party.js';

/**
 * The options for `navigator.credentials.create()` to make a passkey for `user`: a discoverable
 * credential (resident key required) with user verification required, no attestation, and the user's
 * existing passkeys excluded. The challenge is kept for this user only.
 *
 * @example
 * const options = await startPasskeyRegistration(deps, relyingParty, user);
 */
export async function startPasskeyRegistration(
  deps: TesseraDeps,
  relyingParty: RelyingParty,
  user: UserRecord,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await deps.store.listUserPasskeys(user.id);
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw new InvalidRequestError(
      `This account already has ${MAX_PASSKEYS_PER_USER} passkeys. Remove one before adding another.`,
    );
  }
  const challenge = await issueWebAuthnChallenge(deps, 'registration', user.id);
  return generateRegistrationOptions({
    rpName: relyingParty.name,
    rpID: relyingParty.id,
    userName: user.email,
    userDisplayName: user.email,
    // The user handle authenticators keep and return at sign-in: the opaque user id, never the email.
    userID: new TextEncoder().encode(user.id),
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: PASSKEY_CHALLENGE_TTL_SECONDS * 1000,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
    authenticatorSelection: {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    },
    supportedAlgorithmIDs: [...PASSKEY_ALGORITHMS],
  });
}
