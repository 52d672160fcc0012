const UNITS: readonly (readonly [string, number])[] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * An instant relative to now, in words: "just now", "5 minutes ago", "in 2 hours". Rounds down
 * to the largest whole unit, so "1 hour ago" means at least an hour. Runs in the browser too.
 *
 * @example
 * describeRelativeTime(new Date(now.getTime() - 90_000), now) // '1 minute ago'
 */
export function describeRelativeTime(instant: Date, now: Date): string {
  const differenceSeconds = Math.trunc((instant.getTime() - now.getTime()) / 1000);
  const magnitude = Math.abs(differenceSeconds);
  if (!Number.isFinite(magnitude)) return 'at an invalid time';
  if (magnitude < 10) return 'just now';
  for (const [unit, seconds] of UNITS) {
    if (magnitude >= seconds) {
      const count = Math.floor(magnitude / seconds);
      const phrase = `${count} ${unit}${count === 1 ? '' : 's'}`;
      return differenceSeconds < 0 ? `${phrase} ago` : `in ${phrase}`;
    }
  }
  return 'just now';
}
