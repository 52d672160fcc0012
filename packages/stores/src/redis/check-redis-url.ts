/**
 * Throws `TypeError` (a configuration bug) unless `url` is a `redis://` or `rediss://` URL. The message
 * never repeats the URL, which may hold a password.
 *
 * @example
 * checkRedisUrl('redis://127.0.0.1:6379', 'createRedisClient');
 */
export function checkRedisUrl(url: string, operation: string): void {
  let protocol: string | null = null;
  try {
    protocol = typeof url === 'string' ? new URL(url).protocol : null;
  } catch {
    protocol = null;
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new TypeError(`${operation}: expected a redis:// or rediss:// URL.`);
  }
}
