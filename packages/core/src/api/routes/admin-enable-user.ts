import { enableUser } from '../../admin/enable-user.js';
import { userStateRoute } from './lib/user-state-route.js';

/** `POST /admin/users/:id/enable`: enable a disabled user again. */
export const adminEnableUserRoute = userStateRoute({
  action: 'enable',
  change: enableUser,
  operationId: 'adminEnableUser',
  summary: 'Enable a disabled user again',
  mayRefuseLastAdmin: false,
});
