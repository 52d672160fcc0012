/**
 * How long a WebAuthn challenge may wait for its answer (DESIGN §9: 300 s). Also the `timeout` the
 * browser is given, so the browser never waits for an answer the server would refuse.
 *
 * @example
 * const expiresAt = new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_SECONDS * 1000);
 * const options = { challenge, timeout: PASSKEY_CHALLENGE_TTL_SECONDS * 1000 };
 */
export const PASSKEY_CHALLENGE_TTL_SECONDS = 300;

/**
 * The most passkeys one account may hold: enough for every device a person owns, and a bound on the list.
 *
 * @example
 * const passkeys = await deps.store.listUserPasskeys(user.id);
 * if (passkeys.length >= MAX_PASSKEYS_PER_USER) throw new InvalidRequestError('You have too many passkeys.');
 */
export const MAX_PASSKEYS_PER_USER = 20;

/**
 * The longest passkey name, in code points.
 *
 * @example
 * const nameFits = [...name].length <= MAX_PASSKEY_NAME_LENGTH; // 64 code points
 */
export const MAX_PASSKEY_NAME_LENGTH = 64;

/**
 * The name of a passkey registered without one.
 *
 * @example
 * const label = input.name ?? DEFAULT_PASSKEY_NAME; // 'Passkey'
 */
export const DEFAULT_PASSKEY_NAME = 'Passkey';

/**
 * COSE algorithms offered at registration, most preferred first: Ed25519 (-8), ES256 (-7), RS256
 * (-257). Every platform authenticator supports one of them.
 *
 * @example
 * const pubKeyCredParams = PASSKEY_ALGORITHMS.map((alg) => ({ type: 'public-key', alg })); // Ed25519, ES256, RS256
 */
export const PASSKEY_ALGORITHMS: readonly number[] = [-8, -7, -257];
