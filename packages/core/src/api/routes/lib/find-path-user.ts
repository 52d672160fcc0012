import { UserNotFoundError } from '../../../errors.js';
import type { UserRecord } from '../../../store.js';
import type { RouteContext } from '../../router/route.js';

/** The user named by the path's `:id`, or 404 `user_not_found`. */
export async function findPathUser(context: RouteContext): Promise<UserRecord> {
  const user = await context.services.deps.store.getUserById(context.params['id'] ?? '');
  if (user === null) throw new UserNotFoundError();
  return user;
}
