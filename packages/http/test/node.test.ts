import { createServer, type ServerResponse } from 'node:http';
import {
  authorizeNodeRequest,
  createNodeAuthenticator,
  createNodeListener,
  isTesseraPath,
  type RequestAuth,
  type TesseraHttp,
} from '../src/node/index.js';
import { listen, type RunningApp } from './harness.js';
import { runScenarios } from './run-scenarios.js';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** The application's own routes, as a plain `node:http` app would route them. */
function route(method: string, path: string, res: ServerResponse, auth: RequestAuth | null): void {
  const key = `${method} ${path}`;
  if (key === 'GET /api/public') {
    json(res, 200, { signedIn: auth !== null });
  } else if (key === 'GET /api/profile') {
    if (!authorizeNodeRequest(res, auth)) return;
    res.appendHeader('set-cookie', 'seen=1; Path=/');
    json(res, 200, { userId: auth.user.id, proof: auth.proof });
  } else if (key === 'POST /api/notes') {
    if (authorizeNodeRequest(res, auth)) json(res, 201, { saved: true });
  } else if (key === 'POST /api/admin') {
    if (authorizeNodeRequest(res, auth, 'admin')) json(res, 200, { admin: true });
  } else {
    json(res, 404, { error: 'not found' });
  }
}

function startNodeApp(tessera: TesseraHttp): Promise<RunningApp> {
  const serveTessera = createNodeListener(tessera.handle, { bodyLimitBytes: tessera.bodyLimitBytes });
  const authenticate = createNodeAuthenticator(tessera);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (isTesseraPath(tessera, path)) {
      serveTessera(req, res);
      return;
    }
    authenticate(req, res).then(
      (outcome) => {
        if (!outcome.answered) route(req.method ?? 'GET', path, res, outcome.auth);
      },
      () => res.destroy(),
    );
  });
  return listen(server);
}

runScenarios('node', startNodeApp);
