/**
 * Orders two emails by the bytes of their UTF-8 encoding: the order SQLite's BINARY collation and
 * PostgreSQL's "C" collation give, so `listUsers` pages the same way in every store.
 *
 * @example
 * emails.sort(compareEmails);
 */
export function compareEmails(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
