/**
 * Throws `TypeError` unless `limit` is a non-negative safe integer (SQL `LIMIT -1` would mean "all").
 *
 * @example
 * checkAuditLimit(50);
 */
export function checkAuditLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new TypeError('listAuditEvents: limit must be a non-negative integer.');
  }
}
