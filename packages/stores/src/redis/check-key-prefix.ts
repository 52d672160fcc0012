/**
 * Throws `TypeError` (a configuration bug) unless `prefix` can start Redis keys: letters, digits and
 * `.`, `_`, `-`, `:` only. Braces are refused because the first `{…}` of a key is its cluster hash tag,
 * which must come from the key itself; glob characters because the prefix is also a `SCAN MATCH` pattern.
 *
 * @example
 * checkKeyPrefix('tessera', 'createRedisCounterStore');
 */
export function checkKeyPrefix(prefix: string, operation: string): void {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9._:-]+$/.test(prefix)) {
    throw new TypeError(
      `${operation}: prefix must be a non-empty string of letters, digits, '.', '_', '-' or ':'.`,
    );
  }
}
