import { Buffer } from 'node:buffer';

const BASE64URL_NO_PADDING = /^[A-Za-z0-9_-]+$/;

/**
 * Decodes base64url without padding (RFC 7515 §2, RFC 4648 §5), or `null` when the text is empty,
 * uses any other character (padding `=`, `+`, `/`, whitespace), or is not the canonical encoding
 * of its bytes (non-zero trailing bits, an impossible length). Refusing non-canonical text means a
 * token has exactly one spelling: a signature cannot be re-encoded into a "different" valid token.
 *
 * @example
 * decodeCanonicalBase64url('eyJ9') // Uint8Array [0x7b, 0x22, 0x7d]
 * decodeCanonicalBase64url('eyJ9=') // null
 */
export function decodeCanonicalBase64url(text: string): Uint8Array | null {
  if (!BASE64URL_NO_PADDING.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return null;
  return new Uint8Array(bytes);
}
