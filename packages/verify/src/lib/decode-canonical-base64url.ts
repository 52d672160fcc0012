import { Buffer } from 'node:buffer';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The value of each base64url character (RFC 4648 §5), -1 for every other code unit below 128. */
const VALUE_OF = new Int8Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index += 1) VALUE_OF[ALPHABET.charCodeAt(index)] = index;

/** Bits of the last character that carry no data, by text length modulo 4 (0 means none). */
const UNUSED_BITS_BY_REMAINDER = [0, -1, 0x0f, 0x03] as const;

/**
 * Decodes base64url without padding (RFC 7515 §2, RFC 4648 §5), or `null` when the text is empty,
 * uses any other character (padding `=`, `+`, `/`, whitespace), or is not the canonical encoding
 * of its bytes (non-zero trailing bits, an impossible length). Refusing non-canonical text means a
 * token has exactly one spelling: a signature cannot be re-encoded into a "different" valid token.
 *
 * Why not a regular expression and a re-encoding: every access token goes through here, and that
 * pair cost as much as the HMAC it guards (docs/decisions/0015-verify-cost.md). Node's decoder
 * skips what is not in its alphabet, so a text of a possible length decodes to exactly
 * `floor(3 * length / 4)` bytes only when every character is base64 or base64url; the standard
 * alphabet's `+` and `/` (which Node also accepts) are refused by name, and the last character
 * must leave its unused bits zero.
 *
 * The bytes come back as the `Buffer` Node decoded them into (a `Uint8Array`), not copied again.
 *
 * @example
 * decodeCanonicalBase64url('eyJ9') // Uint8Array [0x7b, 0x22, 0x7d]
 * decodeCanonicalBase64url('eyJ9=') // null
 */
export function decodeCanonicalBase64url(text: string): Uint8Array | null {
  const length = text.length;
  const unusedBits = UNUSED_BITS_BY_REMAINDER[length % 4] ?? -1;
  if (length === 0 || unusedBits === -1) return null;
  const last = VALUE_OF[text.charCodeAt(length - 1)] ?? -1;
  if (last === -1 || (last & unusedBits) !== 0) return null;
  if (text.includes('+') || text.includes('/')) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== Math.floor((length * 3) / 4)) return null;
  return bytes;
}
