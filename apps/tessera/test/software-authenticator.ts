// A WebAuthn authenticator in software, for testing the passkey routes from the outside the way a
// browser and a platform authenticator would answer them: an ES256 (P-256) key made with node:crypto,
// real CBOR attestation objects, authenticator data and client data, and DER ECDSA signatures over
// authenticatorData ‖ SHA-256(clientDataJSON) (WebAuthn §6.1, §6.5, §7.2). Each answer can be bent
// (origin, RP ID, flags, counter, challenge) to play an attacker or a broken authenticator.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/** The CBOR values this fixture writes: what attestation objects and COSE keys are made of. */
type CborValue = number | string | Uint8Array | CborValue[] | Map<CborValue, CborValue>;

/** Encodes `value` as canonical-enough CBOR (RFC 8949 §3): integers, byte and text strings, arrays, maps. */
export function encodeCbor(value: CborValue): Buffer {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError('CBOR fixture: integers only');
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(encodeCbor)]);
  const parts = [head(5, value.size)];
  for (const [key, item] of value) parts.push(encodeCbor(key), encodeCbor(item));
  return Buffer.concat(parts);
}

function head(major: number, length: number): Buffer {
  const type = major << 5;
  if (length < 24) return Buffer.from([type | length]);
  if (length < 0x100) return Buffer.from([type | 24, length]);
  if (length < 0x10000) return Buffer.from([type | 25, length >> 8, length & 0xff]);
  const bytes = Buffer.alloc(5);
  bytes[0] = type | 26;
  bytes.writeUInt32BE(length, 1);
  return bytes;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

/** What an answer can be bent by. */
export interface AnswerOverrides {
  /** The origin the "browser" puts in clientDataJSON (default: the authenticator's). */
  origin?: string;
  /** The RP ID whose SHA-256 goes into authenticatorData (default: the one of the options). */
  rpId?: string;
  /** User verification flag (default true). */
  userVerified?: boolean;
  /** The challenge echoed (default: the one of the options). */
  challenge?: string;
  /** The signature counter to report (default: one more than the last). */
  signCount?: number;
  /** `type` of clientDataJSON (default: `webauthn.create` / `webauthn.get`). */
  type?: string;
}

/** Options as the server answers them (the fields this authenticator reads). */
export interface CreationOptions {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string };
}

/** Request options as the server answers them (the fields this authenticator reads). */
export interface RequestOptions {
  challenge: string;
  rpId: string;
}

/** One discoverable credential, as an authenticator keeps it. */
export interface SoftwareCredential {
  id: Buffer;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  signCount: number;
}

/**
 * A platform authenticator with resident keys and user verification. `create` answers
 * `navigator.credentials.create()`, `get` answers `navigator.credentials.get()` with a chosen credential.
 */
export class SoftwareAuthenticator {
  readonly credentials: SoftwareCredential[] = [];
  constructor(
    /** The origin of the page the ceremonies run on. */
    readonly origin: string,
    /** Whether it reports a signature counter (synced passkeys report 0 every time). */
    readonly countsSignatures = true,
  ) {}

  /** A registration answer (`RegistrationResponseJSON`) for `options`; keeps the new credential. */
  create(options: CreationOptions, overrides: AnswerOverrides = {}): Record<string, unknown> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cosePublicKey = encodeCbor(
      new Map<CborValue, CborValue>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const credential: SoftwareCredential = {
      id: randomBytes(32),
      privateKey,
      rpId: options.rp.id,
      userHandle: options.user.id,
      signCount: 0,
    };
    const signCount = overrides.signCount ?? (this.countsSignatures ? 1 : 0);
    const credentialIdLength = Buffer.alloc(2);
    credentialIdLength.writeUInt16BE(credential.id.length);
    const authenticatorData = Buffer.concat([
      this.#authenticatorDataHead(overrides.rpId ?? options.rp.id, overrides, FLAG_AT, signCount),
      Buffer.alloc(16), // AAGUID: none (attestation "none")
      credentialIdLength,
      credential.id,
      cosePublicKey,
    ]);
    credential.signCount = signCount;
    this.credentials.push(credential);
    const clientDataJSON = this.#clientData('webauthn.create', options.challenge, overrides);
    const attestationObject = encodeCbor(
      new Map<CborValue, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authenticatorData],
      ]),
    );
    const id = credential.id.toString('base64url');
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal'],
      },
    };
  }

  /** A sign-in answer (`AuthenticationResponseJSON`) for `options` with `credential` (default: the last made). */
  get(
    options: RequestOptions,
    overrides: AnswerOverrides = {},
    credential: SoftwareCredential | undefined = this.credentials.at(-1),
  ): Record<string, unknown> {
    if (credential === undefined) throw new Error('software authenticator: no credential');
    const signCount = overrides.signCount ?? (this.countsSignatures ? credential.signCount + 1 : 0);
    credential.signCount = Math.max(credential.signCount, signCount);
    const authenticatorData = this.#authenticatorDataHead(
      overrides.rpId ?? options.rpId,
      overrides,
      0,
      signCount,
    );
    const clientDataJSON = this.#clientData('webauthn.get', options.challenge, overrides);
    const signed = Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]);
    // ECDSA with SHA-256; node:crypto writes the DER signature WebAuthn expects for ES256.
    const signature = sign('sha256', signed, credential.privateKey);
    const id = credential.id.toString('base64url');
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: credential.userHandle,
      },
    };
  }

  #authenticatorDataHead(
    rpId: string,
    overrides: AnswerOverrides,
    extraFlags: number,
    signCount: number,
  ): Buffer {
    const userVerified = overrides.userVerified ?? true;
    // A synced passkey is backup eligible and backed up; a counting one is a single-device key.
    const backup = this.countsSignatures ? 0 : FLAG_BE | FLAG_BS;
    const flags = FLAG_UP | (userVerified ? FLAG_UV : 0) | backup | extraFlags;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(signCount);
    return Buffer.concat([createHash('sha256').update(rpId).digest(), Buffer.from([flags]), counter]);
  }

  #clientData(type: string, challenge: string, overrides: AnswerOverrides): Buffer {
    return Buffer.from(
      JSON.stringify({
        type: overrides.type ?? type,
        challenge: overrides.challenge ?? challenge,
        origin: overrides.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
  }
}
