/**
 * Throws `TypeError` unless `limit` is a non-negative safe integer (SQL `LIMIT -1` would mean "all").
 * `operation` names the call in the message.
 *
 * @example
 * checkListLimit(50, 'listAuditEvents');
 */
export function checkListLimit(limit: number, operation: string): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new TypeError(`${operation}: limit must be a non-negative integer.`);
  }
}
