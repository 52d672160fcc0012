import type { RequestAuth } from '../lib/request-auth.js';

/**
 * The Hono environment Tessera's middleware provides: `c.get('auth')` is who is signed in, or
 * `null`. Typed Variables instead of global module augmentation; intersect it with your own Env.
 *
 * @example
 * const app = new Hono<TesseraEnv>();
 * app.get('/api/profile', requireAuth(), (c) => c.json({ id: c.get('auth')?.user.id }));
 */
export interface TesseraEnv {
  Variables: { auth: RequestAuth | null };
}
