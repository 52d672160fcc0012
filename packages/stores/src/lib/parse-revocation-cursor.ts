/**
 * The log position a `listRevocations` cursor stands for: `0` (before every entry) for `null`, otherwise
 * the decimal number it spells, padded or not. A decimal cursor we never handed out is still a position
 * (a number beyond every entry lists nothing, one older than every kept entry lists them all); only a
 * string that is not decimal is a caller bug and throws `TypeError`.
 *
 * @example
 * parseRevocationCursor('0000000000000042', 'listRevocations'); // 42
 */
export function parseRevocationCursor(cursor: string | null, operation: string): number {
  if (cursor === null) return 0;
  if (typeof cursor !== 'string' || !/^[0-9]+$/.test(cursor)) {
    throw new TypeError(`${operation}: afterCursor must be null or a cursor the store returned.`);
  }
  // Beyond MAX_SAFE_INTEGER no store has handed out a position (nor could a Number hold it exactly):
  // clamping keeps "after a position past the end" meaning "nothing yet" instead of failing.
  return Math.min(Number(cursor), Number.MAX_SAFE_INTEGER);
}
