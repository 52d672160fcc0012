/**
 * How long a WebAuthn challenge may wait for its answer (DESIGN §9: 300 s). Also the `timeout` the
 * browser is given, so the browser never waits for an answer the server would refuse.
 */
export const PASSKEY_CHALLENGE_TTL_SECONDS = 300;

/** The most passkeys one account may hold: enough for every device a person owns, and a bound on the list. */
export const MAX_PASSKEYS_PER_USER = 20;

/** The longest passkey name, in code points. */
export const MAX_PASSKEY_NAME_LENGTH = 64;

/** The name of a passkey registered without one. */
export const DEFAULT_PASSKEY_NAME = 'Passkey';

/**
 * COSE algorithms offered at registration, most preferred first: Ed25519 (-8), ES256 (-7), RS256
 * (-257). Every platform authenticator supports one of them.
 */
export const PASSKEY_ALGORITHMS: readonly number[] = [-8, -7, -257];
