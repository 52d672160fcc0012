/**
 * Whether a parsed JSON value is an object (not an array, `null` or a primitive).
 *
 * @example
 * isPlainObject(JSON.parse('[]')) // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
