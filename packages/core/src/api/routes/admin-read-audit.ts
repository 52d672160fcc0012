import { InvalidRequestError } from '../../errors.js';
import type { AuditEventType } from '../../store.js';
import {
  adminBadRequest,
  adminForbidden,
  authenticatedDown,
  isoTime,
  json,
  ref,
  signedIn,
  unauthenticated,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { toAdminAuditEvent } from './lib/admin-shapes.js';
import { emptyToNull, readInstant, readLimit, readQuery } from './lib/read-query.js';
import { jsonResponse } from './lib/route-responses.js';

const AUDIT_EVENT_TYPES: ReadonlySet<string> = new Set<AuditEventType>([
  'user.registered',
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
  'session.revoked',
  'sessions.revoked',
  'password.changed',
  'password.rehashed',
  'refresh_token.reused',
  'user.disabled',
  'user.enabled',
  'user.roles_changed',
  'users.imported',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.reset',
  'mfa.recovery_codes_generated',
  'mfa.recovery_code_used',
  'mfa.challenged',
  'session.reauthenticated',
  'password.reset_requested',
  'password.reset',
  'email.verification_sent',
  'email.verified',
  'email.change_requested',
  'email.changed',
  'mail.failed',
  'identity.linked',
  'identity.unlinked',
  'passkey.registered',
  'passkey.registration_failed',
  'passkey.login_failed',
  'passkey.renamed',
  'passkey.removed',
]);
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** `GET /admin/audit`: the audit log, newest first, a page at a time. */
export const adminReadAuditRoute: AdminRoute = {
  method: 'GET',
  path: '/admin/audit',
  caller: 'admin',
  async handle(context) {
    const query = readQuery(context.request, ['userId', 'type', 'before', 'limit']);
    const limit = readLimit(query.get('limit'), 200, 50);
    const userId = emptyToNull(query.get('userId'));
    if (userId !== null && !ID_PATTERN.test(userId))
      throw new InvalidRequestError('"userId" is not a user id.');
    const type = emptyToNull(query.get('type'));
    if (type !== null && !AUDIT_EVENT_TYPES.has(type))
      throw new InvalidRequestError('"type" is not an audit event type.');
    const before = readInstant(emptyToNull(query.get('before')));
    // One more than asked tells whether an older page exists.
    const events = await context.services.deps.store.listAuditEvents({
      userId,
      type: type as AuditEventType | null,
      before,
      limit: limit + 1,
    });
    const page = events.slice(0, limit);
    const last = page[page.length - 1];
    return jsonResponse(200, {
      events: page.map(toAdminAuditEvent),
      next: events.length > limit && last !== undefined ? last.at.toISOString() : null,
    });
  },
  openapi: {
    operationId: 'adminReadAudit',
    summary: 'The audit log, newest first, a page at a time',
    tags: ['admin'],
    security: signedIn,
    parameters: [
      {
        name: 'userId',
        in: 'query',
        required: false,
        description: 'Only events about this user.',
        schema: { type: 'string' },
      },
      {
        name: 'type',
        in: 'query',
        required: false,
        description: 'Only events of this type.',
        schema: { type: 'string' },
      },
      {
        name: 'before',
        in: 'query',
        required: false,
        description: 'Only events older than this time (the `next` of the previous page).',
        schema: isoTime,
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: '1 to 200 (default 50).',
        schema: { type: 'integer', minimum: 1, maximum: 200 },
      },
    ],
    responses: {
      '200': json('A page of events.', {
        type: 'object',
        required: ['events', 'next'],
        properties: {
          events: { type: 'array', items: ref('AuditEvent') },
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
