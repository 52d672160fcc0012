/**
 * Returns the instant in milliseconds since the epoch, or throws `TypeError` for an invalid `Date`.
 *
 * @example
 * checkDate(new Date(0), 'getCounter: now'); // 0
 */
export function checkDate(date: Date, what: string): number {
  const millis = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(millis)) throw new TypeError(`${what} must be a valid Date.`);
  return millis;
}
