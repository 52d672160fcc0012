import type { FastifyRequest } from 'fastify';
import type { RequestAuth } from '../lib/request-auth.js';

/**
 * A Fastify request under `tesseraFastify()`: `auth` is declared up front (`decorateRequest`,
 * `null` until authenticated). A declared type instead of global module augmentation; optional so
 * handlers typed with it are accepted wherever Fastify takes a handler.
 *
 * @example
 * app.get('/api/profile', { preHandler: requireAuth() }, (request: AuthenticatedRequest) => ({ id: request.auth?.user.id }));
 */
export type AuthenticatedRequest = FastifyRequest & { auth?: RequestAuth | null };
