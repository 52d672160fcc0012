import { Buffer, isUtf8 } from 'node:buffer';
import { isPlainObject } from './is-plain-object.js';

/**
 * Parses UTF-8 JSON that must be an object (RFC 7515 §5.2 step 3, RFC 7519 §7.2 step 10), or
 * returns `null`. Invalid UTF-8 is refused rather than replaced. The parser's own message is
 * dropped on purpose: it quotes the input, and the input is part of a token.
 *
 * @example
 * parseJsonObject(new TextEncoder().encode('{"a":1}')) // { a: 1 }
 * parseJsonObject(new TextEncoder().encode('null')) // null
 */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  // The strict validation a fatal TextDecoder does, then Node's plain decoding (cheaper per token).
  if (!isUtf8(bytes)) return null;
  // toString() with no argument is UTF-8, and skips the encoding lookup toString('utf8') makes.
  const text = (
    Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  ).toString();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return isPlainObject(value) ? value : null;
}
