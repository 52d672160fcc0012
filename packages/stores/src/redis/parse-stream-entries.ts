/** A revocation as the stream holds it: `0-<position>` ids, times in milliseconds. */
export interface StreamEntry {
  position: number;
  sessionId: string;
  revokedAtMillis: number;
  expiresAtMillis: number;
}

/**
 * Reads an `XRANGE` reply (`[[id, [field, value, ...]], ...]`, the same in RESP2 and RESP3) as revocation
 * entries. Anything else in the stream is a fault, not data to skip: it throws, and the store reports
 * `StoreUnavailableError`.
 *
 * @example
 * const entries = parseStreamEntries(await link.send(key, ['XRANGE', key, '-', '+']));
 */
export function parseStreamEntries(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) throw new Error('Unexpected stream reply.');
  return reply.map((item: unknown) => {
    if (!Array.isArray(item) || !Array.isArray(item[1])) throw new Error('Unexpected stream entry.');
    const fields = new Map<string, string>();
    const flat = item[1] as unknown[];
    for (let index = 0; index + 1 < flat.length; index += 2)
      fields.set(String(flat[index]), String(flat[index + 1]));
    const sessionId = fields.get('sessionId');
    const revokedAtMillis = Number(fields.get('revokedAt'));
    const expiresAtMillis = Number(fields.get('expiresAt'));
    if (
      sessionId === undefined ||
      !Number.isSafeInteger(revokedAtMillis) ||
      !Number.isSafeInteger(expiresAtMillis)
    ) {
      throw new Error('Unexpected stream entry fields.');
    }
    return { position: parseStreamPosition(String(item[0])), sessionId, revokedAtMillis, expiresAtMillis };
  });
}

/**
 * Reads an `XREAD` reply for one stream: RESP2 sends `[[key, entries]]`, RESP3 a map `{key: entries}`
 * (a plain object, or a `Map` with a type mapping). `null` (the block timed out) reads as no entries.
 *
 * @example
 * const entries = parseXreadReply(await link.send(key, ['XREAD', 'BLOCK', '100', 'STREAMS', key, '0-0']));
 */
export function parseXreadReply(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  if (Array.isArray(reply)) {
    const first: unknown = reply[0];
    return Array.isArray(first) ? parseStreamEntries(first[1]) : [];
  }
  if (reply instanceof Map) return parseStreamEntries([...reply.values()][0] ?? []);
  if (typeof reply === 'object') return parseStreamEntries(Object.values(reply)[0] ?? []);
  throw new Error('Unexpected XREAD reply.');
}

/**
 * The position of a stream id `0-<position>` (see `appendRevocationsScript`); throws for any other id.
 *
 * @example
 * parseStreamPosition('0-1763000000000000'); // 1763000000000000
 */
export function parseStreamPosition(id: string): number {
  const match = /^0-(\d{1,16})$/.exec(id);
  const position = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(position)) throw new Error('Unexpected stream id.');
  return position;
}
