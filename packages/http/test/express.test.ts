import { createServer } from 'node:http';
import express from 'express';
import {
  requireAuth,
  requireRole,
  tesseraExpress,
  type AuthenticatedRequest,
  type TesseraHttp,
} from '../src/express/index.js';
import { listen, type RunningApp } from './harness.js';
import { runScenarios } from './run-scenarios.js';

async function startExpressApp(tessera: TesseraHttp): Promise<RunningApp> {
  const app = express();
  app.use(tesseraExpress(tessera));
  app.get('/api/public', (req: AuthenticatedRequest, res) => {
    res.json({ signedIn: req.auth !== null && req.auth !== undefined });
  });
  app.get('/api/profile', requireAuth(), (req: AuthenticatedRequest, res) => {
    res.cookie('seen', '1');
    res.json({ userId: req.auth!.user.id, proof: req.auth!.proof });
  });
  app.post('/api/notes', requireAuth(), (_req, res) => {
    res.status(201).json({ saved: true });
  });
  app.post('/api/admin', requireRole('admin'), (_req, res) => {
    res.json({ admin: true });
  });
  return listen(createServer(app));
}

runScenarios('express', startExpressApp);
