import { checkDate } from '../lib/check-date.js';

/**
 * Renders `date` as a `timestamptz` literal in UTC with its milliseconds, or throws `TypeError` for an
 * invalid `Date`. The store binds instants as these strings rather than letting the driver render the
 * `Date`: the driver writes local time with the process's UTC offset, which is exact only where that
 * offset is a whole number of minutes (not for some historical zones), and it would read a `Date` the
 * caller may still change while the query waits for a connection. A string is fixed when the call is made.
 *
 * @example
 * formatTimestamp(new Date('2030-01-01T00:00:00.123Z'), 'getCounter: now'); // '2030-01-01T00:00:00.123+00:00'
 */
export function formatTimestamp(date: Date, what: string): string {
  const instant = new Date(checkDate(date, what));
  const year = instant.getUTCFullYear();
  // PostgreSQL has no year 0: 1 BC is JavaScript's year 0, 2 BC its -1, and so on.
  const era = year < 1 ? ' BC' : '';
  return (
    `${pad(year < 1 ? 1 - year : year, 4)}-${pad(instant.getUTCMonth() + 1, 2)}-${pad(instant.getUTCDate(), 2)}` +
    `T${pad(instant.getUTCHours(), 2)}:${pad(instant.getUTCMinutes(), 2)}:${pad(instant.getUTCSeconds(), 2)}` +
    `.${pad(instant.getUTCMilliseconds(), 3)}+00:00${era}`
  );
}

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}
