// Every safe integer has at most 16 decimal digits, so every position we can hand out fits.
const cursorDigits = 16;

/**
 * Renders a position in the revocation log as its cursor: the decimal number, zero-padded to 16 digits.
 *
 * The padding makes cursors sort in append order as plain strings too (`'0000000000000009' <
 * '0000000000000010'`, where `'9' > '10'`), so a follower that compares the opaque strings it was given
 * gets the log's order, not an order that breaks at every new digit.
 *
 * @example
 * formatRevocationCursor(42); // '0000000000000042'
 */
export function formatRevocationCursor(position: number): string {
  return String(position).padStart(cursorDigits, '0');
}
