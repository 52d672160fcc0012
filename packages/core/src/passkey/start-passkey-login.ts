import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { issueWebAuthnChallenge } from './issue-webauthn-challenge.js';
import { PASSKEY_CHALLENGE_TTL_SECONDS } from './passkey-policy.js';
import type { RelyingParty } from './relying-party.js';

/**
 * The options for `navigator.credentials.get()` to sign in with any passkey of this site (no
 * `allowCredentials`: the authenticator offers its discoverable credentials), user verification
 * required. The challenge is kept server-side, single use, and is how the answer is matched to it:
 * the browser signs it into `clientDataJSON`, so no cookie or id has to travel with it.
 *
 * @example
 * const options = await startPasskeyLogin(deps, relyingParty);
 */
export async function startPasskeyLogin(
  deps: TesseraDeps,
  relyingParty: RelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const challenge = await issueWebAuthnChallenge(deps, 'authentication', null);
  return generateAuthenticationOptions({
    rpID: relyingParty.id,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: PASSKEY_CHALLENGE_TTL_SECONDS * 1000,
    userVerification: 'required',
  });
}
