import { createHash } from 'node:crypto';
import { findHashTag } from './find-hash-tag.js';

/**
 * The Redis key of the counter `key`: `<prefix>:{<tag>}:counter:<key>`. `<tag>` is `key`'s own hash tag
 * when it has one, so Tessera's throttling keys of one client IP (`login-ip:{203.0.113.7}`,
 * `login-account:{203.0.113.7}:<hash>`) share a cluster slot; otherwise `key` itself, or its SHA-256 when
 * `key` is empty or holds a `}`. Every Redis key this store writes thus carries a hash tag.
 *
 * Distinct counter keys always get distinct Redis keys: the prefix holds no brace (see `checkKeyPrefix`)
 * and `<tag>` never holds a `}`, so the first `}` ends the tag and everything after `}:counter:` is `key`.
 *
 * @example
 * formatCounterKey('tessera', 'login-ip:{203.0.113.7}'); // 'tessera:{203.0.113.7}:counter:login-ip:{203.0.113.7}'
 */
export function formatCounterKey(prefix: string, key: string): string {
  const tag =
    findHashTag(key) ??
    (key === '' || key.includes('}') ? createHash('sha256').update(key).digest('hex') : key);
  return `${prefix}:{${tag}}:counter:${key}`;
}

/**
 * The `SCAN MATCH` pattern of every counter key under `prefix` (already checked by `checkKeyPrefix`, so it
 * holds no glob character).
 *
 * @example
 * counterKeyPattern('tessera'); // 'tessera:{*}:counter:*'
 */
export function counterKeyPattern(prefix: string): string {
  return `${prefix}:{*}:counter:*`;
}
