import type { Authenticated, RequestOrigin, TesseraDeps } from '../account/index.js';
import { hasRole } from '../account/has-role.js';
import { revokeSessions, revokeUserSessions } from '../account/revoke-sessions.js';
import type { AdminActor } from '../admin/admin-actor.js';
import { ADMIN_ROLE } from '../admin/admin-role.js';
import { disableUser } from '../admin/disable-user.js';
import { enableUser } from '../admin/enable-user.js';
import { listUsersPage } from '../admin/list-users-page.js';
import { setUserRoles } from '../admin/set-user-roles.js';
import { ForbiddenError, InvalidRequestError, UnknownSessionError, UserNotFoundError } from '../errors.js';
import { sessionExpiresAt } from '../session/index.js';
import type { AuditEvent, AuditEventType, SessionRecord, UserRecord } from '../store.js';
import type { AuthRequest, AuthResponse } from './auth-request.js';
import type { ProofKind } from './authenticate-request.js';
import { readJsonBody } from './read-json-body.js';

/** What an admin route gets from the auth handler's router. */
export interface AdminRouteContext {
  request: AuthRequest;
  origin: RequestOrigin;
  cookies: Record<string, string>;
  params: Record<string, string>;
  now: Date;
}

/** One admin route, in the shape of the auth handler's route table. */
export interface AdminRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  csrfAlways: false;
  handle(context: AdminRouteContext): Promise<AuthResponse>;
}

/** What the admin routes need from the auth handler. */
export interface AdminRouteOptions {
  deps: TesseraDeps;
  /** The signed-in caller (any of the three proofs), or the 401 to answer with. */
  requireCaller(
    context: AdminRouteContext,
  ): Promise<{ auth: Authenticated; proof: ProofKind } | AuthResponse>;
}

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
]);
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_QUERY_LENGTH = 4096;

/**
 * The admin API (`/admin/…`, Contract B): user search, disable/enable, roles, a user's sessions and
 * the audit log, for callers holding the `admin` role. The role is checked against the stored user
 * on every request (not a cached copy), so a demoted administrator loses access at once. Mutations
 * write an audit event naming the acting user; the CSRF rule is the router's, as for every route.
 *
 * @example
 * const routes = [...authRoutes, ...createAdminRoutes({ deps, requireCaller })];
 */
export function createAdminRoutes(options: AdminRouteOptions): AdminRoute[] {
  const { deps } = options;

  /** The acting administrator, or the 401/403 answer. */
  async function requireAdmin(context: AdminRouteContext): Promise<AdminActor | AuthResponse> {
    const caller = await options.requireCaller(context);
    if ('status' in caller) return caller;
    const stored = await deps.store.getUserById(caller.auth.user.id);
    if (stored === null || stored.disabledAt !== null || !hasRole(stored, ADMIN_ROLE))
      throw new ForbiddenError();
    return { via: 'admin-api', userId: stored.id, sessionId: caller.auth.session.id, origin: context.origin };
  }

  async function requireUser(context: AdminRouteContext): Promise<UserRecord> {
    const user = await deps.store.getUserById(context.params['id'] ?? '');
    if (user === null) throw new UserNotFoundError();
    return user;
  }

  /** A route that only administrators reach. */
  function adminRoute(
    method: AdminRoute['method'],
    path: string,
    handle: (context: AdminRouteContext, actor: AdminActor) => Promise<AuthResponse>,
  ): AdminRoute {
    return {
      method,
      path,
      csrfAlways: false,
      async handle(context) {
        const actor = await requireAdmin(context);
        if ('status' in actor) return actor;
        return handle(context, actor);
      },
    };
  }

  return [
    adminRoute('GET', '/admin/users', async (context) => {
      const query = readQuery(context.request, ['q', 'limit', 'after']);
      const page = await listUsersPage(deps.store, {
        query: query.get('q') ?? null,
        limit: readLimit(query.get('limit'), 100, 50),
        after: emptyToNull(query.get('after')),
      });
      return json(200, { users: page.users.map(toAdminUser), next: page.next });
    }),
    adminRoute('GET', '/admin/users/:id', async (context) => {
      readQuery(context.request, []);
      return json(200, { user: toAdminUser(await requireUser(context)) });
    }),
    adminRoute('POST', '/admin/users/:id/disable', async (context, actor) => {
      const user = await disableUser(deps, context.params['id'] ?? '', actor);
      return json(200, { user: toAdminUser(user) });
    }),
    adminRoute('POST', '/admin/users/:id/enable', async (context, actor) => {
      const user = await enableUser(deps, context.params['id'] ?? '', actor);
      return json(200, { user: toAdminUser(user) });
    }),
    adminRoute('PUT', '/admin/users/:id/roles', async (context, actor) => {
      const body = readJsonBody(context.request);
      const roles = Object.hasOwn(body, 'roles') ? body['roles'] : undefined;
      if (!Array.isArray(roles)) throw new InvalidRequestError('"roles" must be an array of strings.');
      const user = await setUserRoles(deps, context.params['id'] ?? '', roles as string[], actor);
      return json(200, { user: toAdminUser(user) });
    }),
    adminRoute('GET', '/admin/users/:id/sessions', async (context) => {
      const user = await requireUser(context);
      const now = deps.clock.now();
      const sessions = (await deps.store.listUserSessions(user.id)).filter(
        (session) => sessionExpiresAt(session).getTime() > now.getTime(),
      );
      return json(200, { sessions: sessions.map(toAdminSession) });
    }),
    adminRoute('DELETE', '/admin/users/:id/sessions', async (context, actor) => {
      const user = await requireUser(context);
      await revokeUserSessions(deps, null, {
        userId: user.id,
        reason: 'admin',
        actorSessionId: actor.sessionId,
        origin: actor.origin,
        admin: actor,
      });
      return empty(204);
    }),
    adminRoute('DELETE', '/admin/sessions/:id', async (context, actor) => {
      const session = await deps.store.getSession(context.params['id'] ?? '');
      if (session === null) throw new UnknownSessionError();
      await revokeSessions(deps, [session.id], {
        userId: session.userId,
        reason: 'admin',
        actorSessionId: actor.sessionId,
        origin: actor.origin,
        admin: actor,
      });
      return empty(204);
    }),
    adminRoute('GET', '/admin/audit', async (context) => {
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
      const events = await deps.store.listAuditEvents({
        userId,
        type: type as AuditEventType | null,
        before,
        limit: limit + 1,
      });
      const page = events.slice(0, limit);
      const last = page[page.length - 1];
      return json(200, {
        events: page.map(toAdminAuditEvent),
        next: events.length > limit && last !== undefined ? last.at.toISOString() : null,
      });
    }),
  ];
}

/** `AdminUser` of Contract B: never the password hash. */
function toAdminUser(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    roles: [...user.roles],
    createdAt: user.createdAt.toISOString(),
    disabledAt: user.disabledAt === null ? null : user.disabledAt.toISOString(),
  };
}

function toAdminSession(session: SessionRecord) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: sessionExpiresAt(session).toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    transport: session.transport,
  };
}

function toAdminAuditEvent(event: AuditEvent) {
  return {
    id: event.id,
    type: event.type,
    at: event.at.toISOString(),
    userId: event.userId,
    sessionId: event.sessionId,
    ip: event.ip,
    userAgent: event.userAgent,
    detail: event.detail,
  };
}

/** The query parameters, each at most once and only the known ones; 400 otherwise. */
function readQuery(request: AuthRequest, allowed: readonly string[]): URLSearchParams {
  const raw = request.query ?? '';
  if (raw.length > MAX_QUERY_LENGTH) throw new InvalidRequestError('The query string is too long.');
  let params: URLSearchParams;
  try {
    // URLSearchParams replaces bad percent-escapes instead of throwing; decodeURIComponent checks them.
    for (const part of raw.split('&')) decodeURIComponent(part.replaceAll('+', ' '));
    params = new URLSearchParams(raw);
  } catch {
    throw new InvalidRequestError('The query string is malformed.');
  }
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (!allowed.includes(name))
      throw new InvalidRequestError(`Unknown query parameter "${name.slice(0, 40)}".`);
    if (seen.has(name)) throw new InvalidRequestError(`"${name}" is given more than once.`);
    seen.add(name);
  }
  return params;
}

function readLimit(value: string | undefined | null, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  if (!/^[0-9]{1,4}$/.test(value))
    throw new InvalidRequestError(`"limit" must be a whole number from 1 to ${max}.`);
  const limit = Number(value);
  if (limit < 1 || limit > max)
    throw new InvalidRequestError(`"limit" must be a whole number from 1 to ${max}.`);
  return limit;
}

// Only the ISO 8601 forms Date.parse handles the same everywhere: a date and a time, UTC or an offset.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function readInstant(value: string | null): Date | null {
  if (value === null) return null;
  const at = ISO_INSTANT.test(value) ? new Date(value) : null;
  if (at === null || Number.isNaN(at.getTime()))
    throw new InvalidRequestError('"before" must be an ISO 8601 time such as 2030-01-01T00:00:00Z.');
  return at;
}

function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

function json(status: number, body: unknown): AuthResponse {
  return {
    status,
    headers: [['content-type', 'application/json; charset=utf-8']],
    body: JSON.stringify(body),
  };
}

function empty(status: number): AuthResponse {
  return { status, headers: [], body: null };
}
