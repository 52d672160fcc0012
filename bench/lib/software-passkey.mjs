// A passkey in software for the benchmarks: what apps/tessera/test/software-authenticator.ts does for
// the tests (that one is TypeScript and bends answers to play attackers; the bench scripts run plain
// node), reduced to the honest path. One ES256 (P-256) key from node:crypto per passkey; real CBOR
// attestation objects ("none"), authenticator data with user presence and verification, and DER ECDSA
// signatures over authenticatorData ‖ SHA-256(clientDataJSON) (WebAuthn §6.1, §6.5, §7.2).
import { Buffer } from 'node:buffer';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** CBOR (RFC 8949 §3) of the values an attestation object holds: integers, strings, bytes, maps. */
function encodeCbor(value) {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const parts = [head(5, value.size)];
  for (const [key, item] of value) parts.push(encodeCbor(key), encodeCbor(item));
  return Buffer.concat(parts);
}

function head(major, length) {
  const type = major << 5;
  if (length < 24) return Buffer.from([type | length]);
  if (length < 0x100) return Buffer.from([type | 24, length]);
  if (length < 0x10000) return Buffer.from([type | 25, length >> 8, length & 0xff]);
  const bytes = Buffer.alloc(5);
  bytes[0] = type | 26;
  bytes.writeUInt32BE(length, 1);
  return bytes;
}

const FLAGS_UP_UV = 0x01 | 0x04;
const FLAG_AT = 0x40;

/** One discoverable credential on a platform authenticator, for pages on `origin`. */
export class SoftwarePasskey {
  #privateKey = null;
  #id = randomBytes(32);
  #userHandle = '';
  #signCount = 0;

  constructor(origin) {
    this.origin = origin;
  }

  /** The answer to `navigator.credentials.create(options)` (`RegistrationResponseJSON`). */
  create(options) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cosePublicKey = encodeCbor(
      new Map([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x, 'base64url')],
        [-3, Buffer.from(jwk.y, 'base64url')],
      ]),
    );
    this.#privateKey = privateKey;
    this.#userHandle = options.user.id;
    this.#signCount = 1;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.#id.length);
    const authenticatorData = Buffer.concat([
      this.#dataHead(options.rp.id, FLAG_AT),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.#id,
      cosePublicKey,
    ]);
    const attestationObject = encodeCbor(
      new Map([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authenticatorData],
      ]),
    );
    return this.#credential({
      clientDataJSON: this.#clientData('webauthn.create', options.challenge).toString('base64url'),
      attestationObject: attestationObject.toString('base64url'),
      transports: ['internal'],
    });
  }

  /** The answer to `navigator.credentials.get(options)` (`AuthenticationResponseJSON`). */
  get(options) {
    if (this.#privateKey === null) throw new Error('software passkey: create() it first');
    this.#signCount += 1;
    const authenticatorData = this.#dataHead(options.rpId, 0);
    const clientDataJSON = this.#clientData('webauthn.get', options.challenge);
    const signed = Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]);
    return this.#credential({
      clientDataJSON: clientDataJSON.toString('base64url'),
      authenticatorData: authenticatorData.toString('base64url'),
      // ECDSA with SHA-256: node:crypto writes the DER signature WebAuthn expects for ES256.
      signature: sign('sha256', signed, this.#privateKey).toString('base64url'),
      userHandle: this.#userHandle,
    });
  }

  #credential(response) {
    const id = this.#id.toString('base64url');
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response,
    };
  }

  #dataHead(rpId, extraFlags) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.#signCount);
    return Buffer.concat([
      createHash('sha256').update(rpId).digest(),
      Buffer.from([FLAGS_UP_UV | extraFlags]),
      counter,
    ]);
  }

  #clientData(type, challenge) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }
}
