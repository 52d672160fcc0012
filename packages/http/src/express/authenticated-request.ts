import type { Request } from 'express';
import type { RequestAuth } from '../lib/request-auth.js';

/**
 * An Express request that went through `tesseraExpress()`: `auth` is who is signed in, or `null`.
 * Declared here instead of by global module augmentation; it is optional so that handlers typed
 * with it are accepted wherever Express takes a `RequestHandler` (`undefined`: the middleware
 * is not mounted in front of this route).
 *
 * @example
 * app.get('/api/profile', requireAuth(), (req: AuthenticatedRequest, res) => res.json({ id: req.auth?.user.id }));
 */
export interface AuthenticatedRequest extends Request {
  auth?: RequestAuth | null;
}
