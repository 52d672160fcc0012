import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import {
  requireAuth,
  tesseraExpress,
  type AuthenticatedRequest,
  type RequestAuth,
  type TesseraHttp,
} from '@tessera/http/express';
import type { FoodCatalog } from './food-catalog.js';

/**
 * The food-delivery API as an Express 5 app with Tessera mounted in front of it. Tessera serves
 * `/auth/*` (register, login, logout, sessions…), the JWKS and the revocation feed, and sets
 * `req.auth` on every other request; the routes below only decide what a signed-in user may do.
 *
 * @example
 * const app = createFoodDeliveryApp({ tessera, catalog, clock: () => new Date() });
 */
export function createFoodDeliveryApp(options: {
  tessera: TesseraHttp;
  catalog: FoodCatalog;
  now?: () => Date;
}): express.Express {
  const { tessera, catalog } = options;
  const now = options.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');

  // First, before any body parser: Tessera reads the raw body of its own routes. For every other
  // request it checks the proof (session cookie here), refuses a cross-site unsafe request with a
  // cookie (403 csrf_rejected) and slides the session.
  app.use(tesseraExpress(tessera));
  app.use(express.json({ limit: '16kb' }));
  app.use((_req, res, next) => {
    // Answers carry who is signed in: no shared cache may keep them.
    res.set('cache-control', 'no-store');
    res.set('x-content-type-options', 'nosniff');
    next();
  });

  app.get('/api/restaurants', (req: AuthenticatedRequest, res) => {
    res.json({ restaurants: catalog.listRestaurants(), signedIn: req.auth != null });
  });

  app.get('/api/menu/:restaurantId', (req, res) => {
    const menu = catalog.getMenu(routeParam(req, 'restaurantId'));
    if (menu === null) sendProblem(res, 404, 'restaurant_not_found', 'There is no such restaurant.');
    else res.json({ items: menu });
  });

  app.post('/api/orders', requireAuth(), (req: AuthenticatedRequest, res) => {
    const input = readOrderInput(req.body);
    if (input === null) {
      sendProblem(
        res,
        400,
        'invalid_request',
        'Send {"restaurantId": string, "items": [{"itemId": string, "quantity": 1..20}, …]} with 1 to 20 items.',
      );
      return;
    }
    const order = catalog.placeOrder(signedIn(req).user.id, input.restaurantId, input.items, now());
    if (order === null) sendProblem(res, 404, 'item_not_found', 'That restaurant or item does not exist.');
    else res.status(201).json({ order });
  });

  // Only the caller's own orders: the user id comes from the session, never from the request.
  app.get('/api/orders', requireAuth(), (req: AuthenticatedRequest, res) => {
    res.json({ orders: catalog.listOrdersOf(signedIn(req).user.id) });
  });

  app.post(
    '/api/restaurants/:id/menu',
    requireAuth(),
    requireMenuEditor(catalog),
    (req: AuthenticatedRequest, res) => {
      const input = readMenuItemInput(req.body);
      if (input === null) {
        sendProblem(res, 400, 'invalid_request', 'Send {"name": 1..80 characters, "priceCents": 1..100000}.');
        return;
      }
      res.status(201).json({ item: catalog.addMenuItem(routeParam(req, 'id'), input) });
    },
  );

  app.use((_req, res) => sendProblem(res, 404, 'not_found', 'There is nothing here.'));
  app.use(handleError);
  return app;
}

/**
 * Menu changes: an `admin` for any restaurant, a `restaurant-owner` for the restaurant they own
 * only. A role alone is not enough for the second case: owning *a* restaurant is not owning
 * *this* one.
 */
function requireMenuEditor(catalog: FoodCatalog): RequestHandler {
  return (req: AuthenticatedRequest, res, next) => {
    const restaurant = catalog.getRestaurant(routeParam(req, 'id'));
    if (restaurant === null) {
      sendProblem(res, 404, 'restaurant_not_found', 'There is no such restaurant.');
      return;
    }
    const { user } = signedIn(req);
    const isAdmin = user.roles.includes('admin');
    const ownsIt = user.roles.includes('restaurant-owner') && restaurant.ownerId === user.id;
    if (isAdmin || ownsIt) next();
    else sendProblem(res, 403, 'forbidden', 'You do not have permission to do this.');
  };
}

/** `req.auth` behind `requireAuth()`: present by construction. */
function signedIn(req: AuthenticatedRequest): RequestAuth {
  if (req.auth == null) throw new TypeError('signedIn() used on a route without requireAuth()');
  return req.auth;
}

function routeParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}

function readOrderInput(
  body: unknown,
): { restaurantId: string; items: { itemId: string; quantity: number }[] } | null {
  if (!isRecord(body) || typeof body['restaurantId'] !== 'string') return null;
  const items = body['items'];
  if (!Array.isArray(items) || items.length < 1 || items.length > 20) return null;
  const parsed: { itemId: string; quantity: number }[] = [];
  for (const item of items as unknown[]) {
    if (!isRecord(item)) return null;
    const { itemId, quantity } = item;
    if (typeof itemId !== 'string' || !Number.isInteger(quantity)) return null;
    if ((quantity as number) < 1 || (quantity as number) > 20) return null;
    parsed.push({ itemId, quantity: quantity as number });
  }
  return { restaurantId: body['restaurantId'], items: parsed };
}

function readMenuItemInput(body: unknown): { name: string; priceCents: number } | null {
  if (!isRecord(body)) return null;
  const { name, priceCents } = body;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 80) return null;
  if (!Number.isInteger(priceCents) || (priceCents as number) < 1 || (priceCents as number) > 100_000)
    return null;
  return { name: name.trim(), priceCents: priceCents as number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 9457 problem, the same shape Tessera's own routes answer with. */
function sendProblem(res: Response, status: number, code: string, detail: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title: titles[status] ?? 'Error', status, code, detail }));
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

/** Body-parser failures are the client's (4xx problem); anything else is a bug (500, no details). */
const handleError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const status = isRecord(error) && typeof error['status'] === 'number' ? error['status'] : 500;
  if (status === 413) sendProblem(res, 413, 'payload_too_large', 'The request body is too large.');
  else if (status === 415) sendProblem(res, 415, 'unsupported_media_type', 'Send JSON.');
  else if (status >= 400 && status < 500)
    sendProblem(res, 400, 'invalid_request', 'The body is not valid JSON.');
  else sendProblem(res, 500, 'internal_error', 'Something went wrong on our side.');
};
