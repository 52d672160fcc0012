/**
 * The hash tag of a Redis key, as Redis Cluster reads it: the text between the first `{` and the first
 * `}` after it, when that text is not empty; otherwise `null` (the whole key is hashed). Keys with the
 * same hash tag live in the same slot, so one command or script may touch all of them.
 *
 * @example
 * findHashTag('login-account:{203.0.113.7}:9f86d0'); // '203.0.113.7'
 * findHashTag('a{}b'); // null
 */
export function findHashTag(key: string): string | null {
  const open = key.indexOf('{');
  if (open === -1) return null;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return null;
  return key.slice(open + 1, close);
}
