import { hasRole } from '../account/has-role.js';
import { LastAdminError } from '../errors.js';
import type { UserRecord, UserStore } from '../store/user-store.js';
import { ADMIN_ROLE } from './admin-role.js';

/** A change to one user, and how to take it back. */
export interface UserChange<T> {
  /** Whether the user would be an enabled administrator after the change. */
  staysAdmin: boolean;
  write(): Promise<T>;
  /** Restores what `write` changed. */
  undo(): Promise<unknown>;
}

/**
 * Runs `change.write()` unless it would take the last enabled administrator away (demoted or
 * disabled); then it throws `LastAdminError` and leaves the user as it was.
 *
 * Race-safe without a transaction (decision 0023): a check before the write refuses the plain
 * case; after the write the store is asked again, and when no enabled administrator remains the
 * write is undone and refused. Of two concurrent changes that each take away one of the last two
 * administrators, the later write sees the earlier one: at most one of them succeeds.
 *
 * @example
 * const user = await keepLastAdmin(deps.store, before, {
 *   staysAdmin: roles.includes(ADMIN_ROLE),
 *   write: () => deps.store.updateUserRoles(before.id, roles),
 *   undo: () => deps.store.updateUserRoles(before.id, before.roles),
 * });
 */
export async function keepLastAdmin<T>(
  store: Pick<UserStore, 'listEnabledUserIdsWithRole'>,
  before: UserRecord,
  change: UserChange<T>,
): Promise<T> {
  const takesAdminAway = before.disabledAt === null && hasRole(before, ADMIN_ROLE) && !change.staysAdmin;
  if (!takesAdminAway) return change.write();
  const admins = await store.listEnabledUserIdsWithRole(ADMIN_ROLE, 2);
  if (!admins.some((id) => id !== before.id)) throw new LastAdminError();
  const result = await change.write();
  if ((await store.listEnabledUserIdsWithRole(ADMIN_ROLE, 1)).length === 0) {
    await change.undo();
    throw new LastAdminError();
  }
  return result;
}
