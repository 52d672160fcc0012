import type { SessionRecord, UserRecord } from '../store.js';
import { toPublicSession, toPublicUser } from './public-shapes.js';

/**
 * The last body serialized for each session record. Records are values: the store returns fresh
 * copies and the session cache replaces an entry (never edits it) when the session or user changes,
 * so the same session object with the same user object always serializes to the same text. Keyed
 * weakly: an entry goes when the cache drops the record.
 */
const bodies = new WeakMap<SessionRecord, { user: UserRecord; body: string }>();

/**
 * The JSON body `{user, session}` of `GET /auth/me`, serialized once per (session, user) record pair
 * instead of once per request: with the local session cache, the records of a busy session stay
 * the same object from one request to the next.
 *
 * @example
 * const body = serializeCallerBody(auth.user, auth.session); // '{"user":{…},"session":{…}}'
 */
export function serializeCallerBody(user: UserRecord, session: SessionRecord): string {
  const memo = bodies.get(session);
  if (memo !== undefined && memo.user === user) return memo.body;
  const body = JSON.stringify({ user: toPublicUser(user), session: toPublicSession(session) });
  bodies.set(session, { user, body });
  return body;
}
