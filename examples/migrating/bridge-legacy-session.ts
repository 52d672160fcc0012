import type { RequestHandler } from 'express';
import type { Session } from 'express-session';
import type { TesseraDeps } from '@tessera/core';
import { createSessionCookie } from '@tessera/core/cookie';
import { sessionExpiresAt, startSession } from '@tessera/core/session';
import type { AuthenticatedRequest } from '@tessera/http/express';

/** What the old app kept in `req.session`. */
interface LegacySessionData {
  userId?: string;
}

/**
 * During a move from express-session: a request that has no Tessera session but a live legacy
 * one gets a Tessera session for the same user (the ids were kept at import), the Tessera cookie,
 * and its legacy session destroyed. Users are moved on their next visit instead of being asked
 * to sign in again. Only on GET and HEAD: an unsafe request could come from another site with the
 * legacy cookie (express-session has no CSRF check), and must not be what signs someone in.
 * Mount it after `tesseraExpress()` and `session()`, before your routes.
 *
 * @example
 * app.use(tesseraExpress(tessera), session({ … }), bridgeLegacySession(deps));
 */
export function bridgeLegacySession(deps: TesseraDeps): RequestHandler {
  return (req: AuthenticatedRequest, res, next) => {
    const legacy = req.session as (Session & LegacySessionData) | undefined;
    const userId = legacy?.userId;
    if (req.auth != null || userId === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    (async () => {
      const user = await deps.store.getUserById(userId);
      if (user === null || user.disabledAt !== null) return;
      const origin = { ip: req.socket.remoteAddress ?? '', userAgent: req.get('user-agent') ?? null };
      const { session, token } = await startSession(deps, user, 'cookie', null, origin, ['pwd']);
      const now = deps.clock.now();
      res.append('set-cookie', createSessionCookie(token, sessionExpiresAt(session), now));
      req.auth = {
        user: { id: user.id, email: user.email, roles: user.roles, createdAt: user.createdAt },
        session: {
          id: session.id,
          createdAt: session.createdAt,
          lastSeenAt: session.lastSeenAt,
          expiresAt: sessionExpiresAt(session),
          transport: session.transport,
          authenticatedAt: session.authenticatedAt,
          amr: session.amr,
        },
        proof: 'session-cookie',
      };
      // The old cookie must not work a second time: the legacy session ends here.
      await new Promise<void>((resolve, reject) => {
        legacy?.destroy((error: unknown) => {
          if (error) reject(new Error('the legacy session could not be destroyed', { cause: error }));
          else resolve();
        });
      });
      res.clearCookie('connect.sid');
    })().then(() => next(), next);
  };
}
