import { defineRedisScript } from './redis-script.js';

/**
 * `appendRevocations` in one atomic step, on a Redis Stream whose entry ids are `0-<position>`.
 *
 * A position is the Redis server's clock in microseconds at the append, bumped to one more than the
 * stream's last id when that is not larger (several entries in one microsecond, a clock stepped back).
 * So positions only ever grow, like the ids `XADD *` would make, and keep growing after the stream was
 * lost (a restart without persistence, a failover that dropped the newest entries): a follower's cursor
 * from before never hides new entries. Unlike `<ms>-<seq>` ids, a position is one integer that fits in a
 * double until the year 2255, so the cursor can be the position in decimal, the form the conformance
 * cases hold every store to (16 digits, sorting as strings in append order).
 *
 * Then trims by age, which keeps the stream small without any sweeper: entries appended longer ago than
 * the longest lifetime (expiresAt - revokedAt) this stream was ever given, or `retentionMs` if longer,
 * are expired everywhere, and `XTRIM MINID ~` drops them (whole macro-nodes only, never a newer entry).
 * The longest lifetime is kept in KEYS[2] (same hash tag, same slot), so every instance trims alike.
 *
 * KEYS[1] the stream, KEYS[2] the longest lifetime (ms); ARGV[1] retention (ms), then per entry
 * sessionId, revokedAt (ms), expiresAt (ms). Returns the new entries' ids, in order.
 *
 * @example
 * await runRedisScript(link, appendRevocationsScript, [streamKey, lifetimeKey], ['900000', 's1', '0', '900000']);
 */
export const appendRevocationsScript = defineRedisScript(`
local time = redis.call('TIME')
local nowMicros = tonumber(time[1]) * 1000000 + tonumber(time[2])
local last = 0
if redis.call('EXISTS', KEYS[1]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then
      last = tonumber(string.match(info[i + 1], '^0%-(%d+)$'))
    end
  end
  if not last then
    return redis.error_reply('ERR the revocation stream holds ids this store did not write')
  end
end
local position = math.max(last + 1, nowMicros)
local longest = tonumber(redis.call('GET', KEYS[2]) or '0')
local ids = {}
for i = 2, #ARGV, 3 do
  local lifetime = tonumber(ARGV[i + 2]) - tonumber(ARGV[i + 1])
  if lifetime > longest then
    longest = lifetime
  end
  -- %.0f: tostring would print a 16-digit number in exponent notation.
  local id = '0-' .. string.format('%.0f', position)
  redis.call('XADD', KEYS[1], id, 'sessionId', ARGV[i], 'revokedAt', ARGV[i + 1], 'expiresAt', ARGV[i + 2])
  ids[#ids + 1] = id
  position = position + 1
end
redis.call('SET', KEYS[2], string.format('%.0f', longest))
local keepMicros = math.max(longest, tonumber(ARGV[1])) * 1000
if nowMicros > keepMicros then
  redis.call('XTRIM', KEYS[1], 'MINID', '~', '0-' .. string.format('%.0f', nowMicros - keepMicros))
end
return ids
`);

/**
 * One page of `deleteExpiredRevocations`: reads up to ARGV[3] entries from ARGV[1] (an `XRANGE` start:
 * `-` or `(<id>`) and deletes those expired at ARGV[2] (ms). Entries are in append order, not expiry
 * order, so expired ones can sit anywhere: every entry is looked at. Returns `{scanned, lastId, deleted}`;
 * `XDEL` counts only what it removed, so two sweepers never count an entry twice.
 *
 * @example
 * await runRedisScript(link, deleteExpiredRevocationsScript, [streamKey], ['-', String(Date.now()), '1000']);
 */
export const deleteExpiredRevocationsScript = defineRedisScript(`
local entries = redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[3])
local now = tonumber(ARGV[2])
local deleted = 0
for _, entry in ipairs(entries) do
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == 'expiresAt' then
      if tonumber(fields[i + 1]) <= now then
        deleted = deleted + redis.call('XDEL', KEYS[1], entry[1])
      end
      break
    end
  end
end
local lastId = ''
if #entries > 0 then
  lastId = entries[#entries][1]
end
return { #entries, lastId, deleted }
`);
