import type { TesseraDeps } from '../../account/tessera-deps.js';
import { hasRole } from '../../account/has-role.js';
import type { AdminActor } from '../../admin/admin-actor.js';
import { ADMIN_ROLE } from '../../admin/admin-role.js';
import { ForbiddenError } from '../../errors.js';
import type { Caller, RouteContext } from './route.js';

/**
 * The acting administrator of an `admin` route. The role is checked against the stored user on
 * every request (not a cached copy), so a demoted or disabled administrator loses access at once.
 * Throws `ForbiddenError` (403).
 *
 * @example
 * const actor = await findAdminActor(deps, caller, context);
 */
export async function findAdminActor(
  deps: TesseraDeps,
  caller: Caller,
  context: RouteContext,
): Promise<AdminActor> {
  const stored = await deps.store.getUserById(caller.auth.user.id);
  if (stored === null || stored.disabledAt !== null || !hasRole(stored, ADMIN_ROLE))
    throw new ForbiddenError();
  return { via: 'admin-api', userId: stored.id, sessionId: caller.auth.session.id, origin: context.origin };
}
