import Fastify from 'fastify';
import {
  requireAuth,
  requireRole,
  tesseraFastify,
  type AuthenticatedRequest,
  type TesseraHttp,
} from '../src/fastify/index.js';
import type { RunningApp } from './harness.js';
import { runScenarios } from './run-scenarios.js';

async function startFastifyApp(tessera: TesseraHttp): Promise<RunningApp> {
  const app = Fastify({ forceCloseConnections: true });
  await app.register(tesseraFastify(tessera));
  app.get('/api/public', (request: AuthenticatedRequest) => ({ signedIn: request.auth !== null }));
  app.get('/api/profile', { preHandler: requireAuth() }, (request: AuthenticatedRequest, reply) => {
    reply.header('set-cookie', 'seen=1; Path=/');
    return { userId: request.auth!.user.id, proof: request.auth!.proof };
  });
  app.post('/api/notes', { preHandler: requireAuth() }, (_request, reply) => {
    reply.code(201);
    return { saved: true };
  });
  app.post('/api/admin', { preHandler: requireRole('admin') }, () => ({ admin: true }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, close: () => app.close() };
}

runScenarios('fastify', startFastifyApp);
