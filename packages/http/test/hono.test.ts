import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import {
  requireAuth,
  requireRole,
  tesseraHono,
  tesseraRoutes,
  type TesseraEnv,
  type TesseraHttp,
} from '../src/hono/index.js';
import type { RunningApp } from './harness.js';
import { runScenarios } from './run-scenarios.js';

async function startHonoApp(tessera: TesseraHttp): Promise<RunningApp> {
  const app = new Hono<TesseraEnv>();
  app.use(tesseraHono(tessera));
  app.route('/', tesseraRoutes(tessera));
  app.get('/api/public', (c) => c.json({ signedIn: c.get('auth') !== null }));
  app.get('/api/profile', requireAuth(), (c) => {
    c.header('set-cookie', 'seen=1; Path=/', { append: true });
    const auth = c.get('auth')!;
    return c.json({ userId: auth.user.id, proof: auth.proof });
  });
  app.post('/api/notes', requireAuth(), (c) => c.json({ saved: true }, 201));
  app.post('/api/admin', requireRole('admin'), (c) => c.json({ admin: true }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

runScenarios('hono', startHonoApp);
