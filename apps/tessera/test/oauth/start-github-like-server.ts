// A loopback server that answers as GitHub's documented OAuth and REST endpoints do (GitHub cannot be
// reached from the tests): "Authorizing OAuth apps" (authorize, access_token with PKCE) and the REST
// API's `GET /user` and `GET /user/emails`, in their JSON shapes.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: 'public' | 'private' | null;
}

export interface GithubLikeServer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in next. */
  user: { id: number; login: string };
  emails: GithubEmail[];
  close(): Promise<void>;
}

export async function startGithubLikeServer(): Promise<GithubLikeServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const tokens = new Set<string>();
  const github: GithubLikeServer = {
    url,
    clientId: 'Iv1.github-like-client',
    clientSecret: 'github-like-client-secret-0123456789',
    user: { id: 1, login: 'octocat' },
    emails: [],
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = new URL(request.url ?? '/', url);
      if (request.method === 'GET' && target.pathname === '/login/oauth/authorize') {
        const code = randomBytes(10).toString('hex');
        codes.set(code, {
          challenge: target.searchParams.get('code_challenge') ?? '',
          redirectUri: target.searchParams.get('redirect_uri') ?? '',
        });
        const back = new URL(target.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', target.searchParams.get('state') ?? '');
        response.writeHead(302, { location: back.href });
        response.end();
        return;
      }
      if (request.method === 'POST' && target.pathname === '/login/oauth/access_token') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const issued = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        // GitHub answers a refused exchange with 200 and an error member.
        if (
          issued === undefined ||
          form.get('client_id') !== github.clientId ||
          form.get('client_secret') !== github.clientSecret ||
          form.get('redirect_uri') !== issued.redirectUri ||
          challenge !== issued.challenge
        ) {
          json(response, 200, {
            error: 'bad_verification_code',
            error_description: 'The code passed is incorrect or expired.',
            error_uri:
              'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
          });
          return;
        }
        const token = `gho_${randomBytes(16).toString('hex')}`;
        tokens.add(token);
        json(response, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
        return;
      }
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!tokens.has(token)) {
        json(response, 401, {
          message: 'Requires authentication',
          documentation_url: 'https://docs.github.com/rest',
        });
        return;
      }
      if (target.pathname === '/api/user') {
        json(response, 200, { ...github.user, type: 'User', name: 'The Octocat', email: null });
        return;
      }
      if (target.pathname === '/api/user/emails') {
        json(response, 200, github.emails);
        return;
      }
      json(response, 404, { message: 'Not Found' });
    });
  });
  return github;
}
