import express from 'express';
import session, { type Store } from 'express-session';
import type { TesseraDeps } from '@tessera/core';
import {
  requireAuth,
  tesseraExpress,
  type AuthenticatedRequest,
  type TesseraHttp,
} from '@tessera/http/express';
import { bridgeLegacySession } from './bridge-legacy-session.js';

/**
 * The app after the move, while old express-session cookies are still out there: Tessera handles
 * sign-in, and the old session store is only read, to move each returning user over once.
 * Remove `session()` and the bridge when the old sessions have expired (their `maxAge`).
 *
 * @example
 * const app = createMigratedApp({ tessera, deps, legacyStore: new RedisStore({ client }), legacySecret });
 */
export function createMigratedApp(options: {
  tessera: TesseraHttp;
  deps: TesseraDeps;
  legacyStore: Store;
  legacySecret: string;
}): express.Express {
  const app = express();
  app.use(tesseraExpress(options.tessera));
  // The old middleware, unchanged, so the old cookies still resolve to their sessions.
  app.use(
    session({
      store: options.legacyStore,
      secret: options.legacySecret,
      resave: false,
      saveUninitialized: false,
    }),
  );
  app.use(bridgeLegacySession(options.deps));
  app.use(express.json());

  app.get('/api/orders', requireAuth(), (req: AuthenticatedRequest, res) => {
    res.json({ userId: req.auth?.user.id, orders: [] });
  });
  return app;
}
