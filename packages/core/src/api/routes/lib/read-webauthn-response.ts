import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { InvalidRequestError } from '../../../errors.js';
import type { JsonObject } from '../../read-json-body.js';

// A credential id is at most 1023 bytes (WebAuthn §5.1: credential id), 1364 base64url characters.
const CREDENTIAL_ID_PATTERN = /^[A-Za-z0-9_-]{1,1364}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*={0,2}$/;
const TRANSPORT_PATTERN = /^[a-z][a-z-]{0,31}$/;

/**
 * Reads `response` of a passkey registration body: the JSON form of what
 * `navigator.credentials.create()` gave (`@simplewebauthn/browser`'s `startRegistration`). Checks the
 * shape only (strings where strings belong); whether it verifies is the ceremony's business.
 *
 * @example
 * const response = readRegistrationResponse(body);
 */
export function readRegistrationResponse(body: JsonObject): RegistrationResponseJSON {
  const credential = readCredential(body);
  const inner = credential.inner;
  const transports = Object.hasOwn(inner, 'transports') ? inner['transports'] : [];
  // Transport hints are short lower-case words (`internal`, `hybrid`, `usb`, `smart-card`…).
  if (
    !Array.isArray(transports) ||
    !transports.every((t) => typeof t === 'string' && TRANSPORT_PATTERN.test(t))
  ) {
    throw new InvalidRequestError('"response.response.transports" must be an array of strings.');
  }
  return {
    ...credential.outer,
    response: {
      clientDataJSON: readBase64url(inner, 'clientDataJSON'),
      attestationObject: readBase64url(inner, 'attestationObject'),
      transports: transports.slice(0, 8) as RegistrationResponseJSON['response']['transports'] & string[],
    },
  };
}

/**
 * Reads `response` of a passkey sign-in body: the JSON form of what `navigator.credentials.get()` gave
 * (`@simplewebauthn/browser`'s `startAuthentication`). Checks the shape only.
 *
 * @example
 * const response = readAuthenticationResponse(body);
 */
export function readAuthenticationResponse(body: JsonObject): AuthenticationResponseJSON {
  const credential = readCredential(body);
  const inner = credential.inner;
  const userHandle = Object.hasOwn(inner, 'userHandle') ? inner['userHandle'] : null;
  if (userHandle !== null && (typeof userHandle !== 'string' || !BASE64URL_PATTERN.test(userHandle))) {
    throw new InvalidRequestError('"response.response.userHandle" must be a base64url string.');
  }
  return {
    ...credential.outer,
    response: {
      clientDataJSON: readBase64url(inner, 'clientDataJSON'),
      authenticatorData: readBase64url(inner, 'authenticatorData'),
      signature: readBase64url(inner, 'signature'),
      ...(userHandle === null ? {} : { userHandle }),
    },
  };
}

interface ReadCredential {
  outer: Omit<RegistrationResponseJSON, 'response'>;
  inner: JsonObject;
}

function readCredential(body: JsonObject): ReadCredential {
  const credential = readObject(body, 'response', '"response"');
  const id = Object.hasOwn(credential, 'id') ? credential['id'] : undefined;
  if (typeof id !== 'string' || !CREDENTIAL_ID_PATTERN.test(id)) {
    throw new InvalidRequestError('"response.id" must be a base64url credential id.');
  }
  const rawId = Object.hasOwn(credential, 'rawId') ? credential['rawId'] : id;
  if (rawId !== id) throw new InvalidRequestError('"response.rawId" must equal "response.id".');
  const type = Object.hasOwn(credential, 'type') ? credential['type'] : 'public-key';
  if (type !== 'public-key') throw new InvalidRequestError('"response.type" must be "public-key".');
  const attachment = Object.hasOwn(credential, 'authenticatorAttachment')
    ? credential['authenticatorAttachment']
    : undefined;
  if (
    attachment !== undefined &&
    attachment !== null &&
    attachment !== 'platform' &&
    attachment !== 'cross-platform'
  ) {
    throw new InvalidRequestError(
      '"response.authenticatorAttachment" must be "platform" or "cross-platform".',
    );
  }
  const extensions = Object.hasOwn(credential, 'clientExtensionResults')
    ? credential['clientExtensionResults']
    : {};
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)) {
    throw new InvalidRequestError('"response.clientExtensionResults" must be an object.');
  }
  return {
    outer: {
      id,
      rawId: id,
      type: 'public-key',
      // Extension outputs are not used; they are not passed on.
      clientExtensionResults: {},
      ...(attachment === 'platform' || attachment === 'cross-platform'
        ? { authenticatorAttachment: attachment }
        : {}),
    },
    inner: readObject(credential, 'response', '"response.response"'),
  };
}

function readObject(parent: JsonObject, name: string, label: string): JsonObject {
  const value = Object.hasOwn(parent, name) ? parent[name] : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequestError(`${label} must be an object.`);
  }
  return value as JsonObject;
}

function readBase64url(parent: JsonObject, name: string): string {
  const value = Object.hasOwn(parent, name) ? parent[name] : undefined;
  if (typeof value !== 'string' || value === '' || !BASE64URL_PATTERN.test(value)) {
    throw new InvalidRequestError(`"response.response.${name}" must be a base64url string.`);
  }
  return value;
}
