import { createHash } from 'node:crypto';
import type { RedisLink } from './create-redis-link.js';

/** A Lua script and its SHA-1, the name Redis caches it under. */
export interface RedisScript {
  source: string;
  sha1: string;
}

/**
 * Prepares a Lua script for `runRedisScript`.
 *
 * @example
 * const script = defineRedisScript("return redis.call('GET', KEYS[1])");
 */
export function defineRedisScript(source: string): RedisScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/**
 * Runs `script` with `EVALSHA`, and with `EVAL` when Redis does not have it cached (first use, a restart,
 * `SCRIPT FLUSH`, or a cluster node that never saw it). A script runs atomically: nothing else runs on
 * that node until it returns. Every key must share `keys[0]`'s hash slot (the script is routed there).
 *
 * @example
 * await runRedisScript(link, script, [key], ['1']);
 */
export async function runRedisScript(
  link: RedisLink,
  script: RedisScript,
  keys: readonly [string, ...string[]],
  args: readonly string[],
): Promise<unknown> {
  const [routingKey] = keys;
  const tail = [String(keys.length), ...keys, ...args];
  try {
    return await link.send(routingKey, ['EVALSHA', script.sha1, ...tail]);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    // EVAL caches the script too, so the next call's EVALSHA finds it.
    return link.send(routingKey, ['EVAL', script.source, ...tail]);
  }
}
