import { isPlainObject } from './is-plain-object.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

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
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
  return isPlainObject(value) ? value : null;
}
