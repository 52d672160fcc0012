import { InvalidRequestError } from '../errors.js';
import type { UserRecord, UserStore } from '../store/user-store.js';

/**
 * One page of users and the cursor of the next (`null` on the last page).
 *
 * @example
 * const page: UsersPage = await listUsersPage(store, { query: null, limit: 50, after: null });
 * if (page.next !== null) await listUsersPage(store, { query: null, limit: 50, after: page.next });
 */
export interface UsersPage {
  users: UserRecord[];
  next: string | null;
}

/**
 * Lists users in email order, optionally only those whose email contains `query` (normalized like
 * emails are: trimmed, NFKC, lower case). `after` is the opaque cursor of the previous page.
 * Throws `InvalidRequestError` for a malformed cursor.
 *
 * @example
 * const { users, next } = await listUsersPage(store, { query: 'example.com', limit: 50, after: null });
 */
export async function listUsersPage(
  store: Pick<UserStore, 'listUsers'>,
  options: { query: string | null; limit: number; after: string | null },
): Promise<UsersPage> {
  const query = options.query === null ? '' : options.query.trim().normalize('NFKC').toLowerCase();
  const afterEmail = options.after === null ? null : decodeUsersCursor(options.after);
  // One more than asked tells whether another page follows without a second query.
  const rows = await store.listUsers({
    emailContains: query === '' ? null : query,
    afterEmail,
    limit: options.limit + 1,
  });
  const users = rows.slice(0, options.limit);
  const last = users[users.length - 1];
  return {
    users,
    next: rows.length > options.limit && last !== undefined ? encodeUsersCursor(last.email) : null,
  };
}

// The cursor is the last email of the page, base64url-encoded: opaque to clients, exact for the store.
function encodeUsersCursor(email: string): string {
  return Buffer.from(email, 'utf8').toString('base64url');
}

function decodeUsersCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,1400}$/.test(cursor))
    throw new InvalidRequestError('"after" is not a valid cursor.');
  const email = Buffer.from(cursor, 'base64url').toString('utf8');
  if (email === '' || email.includes('\uFFFD'))
    throw new InvalidRequestError('"after" is not a valid cursor.');
  return email;
}
