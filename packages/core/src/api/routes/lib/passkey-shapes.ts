import { InvalidRequestError, PasskeysDisabledError } from '../../../errors.js';
import { MAX_PASSKEY_NAME_LENGTH } from '../../../passkey/passkey-policy.js';
import type { RelyingParty } from '../../../passkey/relying-party.js';
import type { PasskeyRecord } from '../../../store/passkey-store.js';
import type { ParameterObject } from '../../openapi/openapi-types.js';
import type { JsonObject } from '../../read-json-body.js';
import type { RouteContext } from '../../router/route.js';

/**
 * `passkey` as the API shows it (DESIGN §9): never the credential id or the public key.
 *
 * @example
 * jsonResponse(201, { passkey: toPublicPasskey(passkey) });
 */
export function toPublicPasskey(passkey: PasskeyRecord) {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt === null ? null : passkey.lastUsedAt.toISOString(),
  };
}

/**
 * The server's relying party, or `PasskeysDisabledError` (404 `passkeys_disabled`) when
 * `TESSERA_PUBLIC_URL` has no domain name.
 *
 * @example
 * const relyingParty = requireRelyingParty(context);
 */
export function requireRelyingParty(context: RouteContext): RelyingParty {
  const { relyingParty } = context.services;
  if (relyingParty === null) throw new PasskeysDisabledError();
  return relyingParty;
}

// 1 to 64 code points (`u`: `.` is a code point; `s`: any of them).
const NAME_LENGTH = new RegExp(`^.{1,${MAX_PASSKEY_NAME_LENGTH}}$`, 'su');
// C0 and C1 controls, and the line and paragraph separators: a name is one line of plain text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Reads a passkey name: trimmed, NFC, 1 to 64 code points, no control characters. `null` when the
 * member is absent and `required` is false.
 *
 * @example
 * const name = readPasskeyName(body, false); // null → the default name
 */
export function readPasskeyName(body: JsonObject, required: boolean): string | null {
  const value = Object.hasOwn(body, 'name') ? body['name'] : undefined;
  if (value === undefined && !required) return null;
  if (typeof value !== 'string') throw new InvalidRequestError('"name" must be a string.');
  const name = value.normalize('NFC').trim();
  if (!NAME_LENGTH.test(name) || CONTROL_CHARACTERS.test(name)) {
    throw new InvalidRequestError(
      `"name" must be 1 to ${MAX_PASSKEY_NAME_LENGTH} characters of one line of text.`,
    );
  }
  return name;
}

/**
 * The `:id` path parameter of the passkey routes.
 *
 * @example
 * openapi: { parameters: [passkeyIdParameter], … }
 */
export const passkeyIdParameter: ParameterObject = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'A passkey id from `GET /auth/passkeys`.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};

/**
 * A passkey as the admin API shows it: the public shape, and what helps support tell passkeys apart
 * (synced or single-device, transports); still never the credential id or the public key.
 *
 * @example
 * jsonResponse(200, { passkeys: passkeys.map(toAdminPasskey) });
 */
export function toAdminPasskey(passkey: PasskeyRecord) {
  return {
    ...toPublicPasskey(passkey),
    deviceType: passkey.deviceType,
    backedUp: passkey.backedUp,
    transports: [...passkey.transports],
  };
}
