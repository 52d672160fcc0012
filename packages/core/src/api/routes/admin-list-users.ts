import { listUsersPage } from '../../admin/list-users-page.js';
import {
  adminBadRequest,
  adminForbidden,
  authenticatedDown,
  json,
  ref,
  signedIn,
  unauthenticated,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { toAdminUser } from './lib/admin-shapes.js';
import { emptyToNull, readLimit, readQuery } from './lib/read-query.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /admin/users`: list and search users, a page at a time. */
export const adminListUsersRoute: AdminRoute = {
  method: 'GET',
  path: '/admin/users',
  caller: 'admin',
  async handle(context) {
    const query = readQuery(context.request, ['q', 'limit', 'after']);
    const page = await listUsersPage(context.services.deps.store, {
      query: query.get('q') ?? null,
      limit: readLimit(query.get('limit'), 100, 50),
      after: emptyToNull(query.get('after')),
    });
    return jsonResponse(200, { users: page.users.map(toAdminUser), next: page.next });
  },
  openapi: {
    operationId: 'adminListUsers',
    summary: 'List and search users, in email order, a page at a time',
    tags: ['admin'],
    security: signedIn,
    parameters: [
      {
        name: 'q',
        in: 'query',
        required: false,
        description: 'A substring of the (normalized) email.',
        schema: { type: 'string' },
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: '1 to 100 (default 50).',
        schema: { type: 'integer', minimum: 1, maximum: 100 },
      },
      {
        name: 'after',
        in: 'query',
        required: false,
        description: 'The `next` cursor of the previous page.',
        schema: { type: 'string' },
      },
    ],
    responses: {
      '200': json('A page of users.', {
        type: 'object',
        required: ['users', 'next'],
        properties: {
          users: { type: 'array', items: ref('AdminUser') },
          next: { type: ['string', 'null'] },
        },
      }),
      '400': adminBadRequest,
      '401': unauthenticated,
      '403': adminForbidden,
      '503': authenticatedDown,
    },
  },
};
