import { disableUser } from '../../admin/disable-user.js';
import { userStateRoute } from './lib/user-state-route.js';

/** `POST /admin/users/:id/disable`: sign-in refused and every session revoked at once. */
export const adminDisableUserRoute = userStateRoute({
  action: 'disable',
  change: disableUser,
  operationId: 'adminDisableUser',
  summary: 'Disable a user: sign-in refused and every session revoked at once',
  mayRefuseLastAdmin: true,
});
