import { defineRedisScript } from './redis-script.js';

/**
 * `incrementCounter` in one atomic step. A counter is a hash `{count, expiresAtMs}`: liveness is decided
 * by the caller's `now` (ARGV[2]), as the contract wants (tests move time; instances agree on one
 * clock, the callers'), never by whether Redis still has the key. The key's `PEXPIRE` is only garbage
 * collection, set when the window is created (ARGV[4] ms, longer than the window) and never extended.
 *
 * KEYS[1] the counter; ARGV[1] delta, ARGV[2] now (ms), ARGV[3] expiry of a new window (ms), ARGV[4] TTL (ms).
 * Returns `{count, expiresAtMs}`, or nil when the counter is missing or expired and delta <= 0.
 *
 * @example
 * await runRedisScript(link, incrementCounterScript, [key], ['1', now, expiresAt, ttl]);
 */
export const incrementCounterScript = defineRedisScript(`
local state = redis.call('HMGET', KEYS[1], 'count', 'expiresAtMs')
local expiresAt = tonumber(state[2])
if state[1] and expiresAt and expiresAt > tonumber(ARGV[2]) then
  -- HINCRBY counts in 64-bit integers; the window stays as it was created.
  return { redis.call('HINCRBY', KEYS[1], 'count', ARGV[1]), state[2] }
end
if tonumber(ARGV[1]) <= 0 then
  return false
end
-- Missing or expired at now: a new window (over an expired hash Redis has not dropped yet, if any).
redis.call('HSET', KEYS[1], 'count', ARGV[1], 'expiresAtMs', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return { tonumber(ARGV[1]), ARGV[3] }
`);

/**
 * Deletes one counter if it is expired at ARGV[1] (ms); returns 1 when it deleted it. Checking and
 * deleting in one step keeps a counter that another instance has just restarted.
 *
 * @example
 * await runRedisScript(link, deleteExpiredCounterScript, [key], [now]);
 */
export const deleteExpiredCounterScript = defineRedisScript(`
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 0
end
local expiresAt = tonumber(redis.call('HGET', KEYS[1], 'expiresAtMs'))
if expiresAt and expiresAt <= tonumber(ARGV[1]) then
  redis.call('UNLINK', KEYS[1])
  return 1
end
return 0
`);
