// A small OpenID Connect provider under the test's control: a real HTTP server with discovery, a
// JWKS, an authorization endpoint that approves at once and a token endpoint that answers with
// whatever ID token the test crafts (signed with jose), to see every bad token refused. It can also
// rotate its key, hang, or fail.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
  publicJwk: JWK;
}

/** What the token endpoint is about to answer with, given the authorization request's nonce. */
export type MintIdToken = (request: { nonce: string | null }) => Promise<string>;

export interface HostileProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The key that signs now (and the only one in the JWKS after `rotate`). */
  key: SigningKey;
  /** The token endpoint's ID token; defaults to a valid one for `subject`/`email`. */
  mint: MintIdToken;
  /** `hang`: every request is left unanswered; `fail`: 500 everywhere. */
  mode: 'normal' | 'hang' | 'fail';
  /** How many times the JWKS was fetched. */
  jwksFetches: number;
  /** A valid ID token's claims for this provider, with `overrides`. */
  claims(overrides?: JWTPayload): JWTPayload;
  /** Signs `claims` with the current key (RS256, its kid). */
  sign(claims: JWTPayload): Promise<string>;
  /** A new key replaces the old one, in the JWKS too. */
  rotate(): Promise<void>;
  close(): Promise<void>;
}

export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(6).toString('hex');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export async function startHostileProvider(subject: string, email: string): Promise<HostileProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const nonces = new Map<string, string | null>();
  const hanging: ServerResponse[] = [];
  const provider: HostileProvider = {
    issuer,
    clientId: 'hostile-client',
    clientSecret: 'hostile-client-secret-0123456789-0123456789',
    key: await newSigningKey(),
    mode: 'normal',
    jwksFetches: 0,
    mint: ({ nonce }) => provider.sign(provider.claims(nonce === null ? {} : { nonce })),
    claims(overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      return {
        iss: issuer,
        aud: provider.clientId,
        sub: subject,
        email,
        email_verified: true,
        iat: now,
        exp: now + 300,
        ...overrides,
      };
    },
    sign(claims) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: provider.key.kid })
        .sign(provider.key.privateKey);
    },
    async rotate() {
      provider.key = await newSigningKey();
    },
    close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (provider.mode === 'hang') {
      hanging.push(response);
      return;
    }
    if (provider.mode === 'fail') {
      send(response, 500, { error: 'server_error' });
      return;
    }
    const url = new URL(request.url ?? '/', issuer);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        switch (url.pathname) {
          case '/.well-known/openid-configuration': {
            send(response, 200, {
              issuer,
              authorization_endpoint: `${issuer}/authorize`,
              token_endpoint: `${issuer}/token`,
              jwks_uri: `${issuer}/jwks`,
              response_types_supported: ['code'],
              subject_types_supported: ['public'],
              id_token_signing_alg_values_supported: ['RS256'],
              token_endpoint_auth_methods_supported: ['client_secret_basic'],
            });
            return;
          }
          case '/jwks':
            provider.jwksFetches += 1;
            {
              send(response, 200, { keys: [provider.key.publicJwk] });
              return;
            }
          case '/authorize': {
            const code = randomBytes(16).toString('hex');
            nonces.set(code, url.searchParams.get('nonce'));
            const back = new URL(url.searchParams.get('redirect_uri') ?? '');
            back.searchParams.set('code', code);
            back.searchParams.set('state', url.searchParams.get('state') ?? '');
            response.writeHead(302, { location: back.href });
            return response.end();
          }
          case '/token': {
            const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
            const code = form.get('code') ?? '';
            if (!nonces.has(code)) {
              send(response, 400, { error: 'invalid_grant' });
              return;
            }
            const nonce = nonces.get(code) ?? null;
            nonces.delete(code);
            send(
              response,
              200,
              {
                access_token: 'opaque-access-token',
                token_type: 'Bearer',
                expires_in: 300,
                id_token: await provider.mint({ nonce }),
              },
              { 'cache-control': 'no-store' },
            );
            return;
          }
          default: {
            send(response, 404, { error: 'not_found' });
            return;
          }
        }
      })();
    });
  });
  return provider;
}

/** Closes a server that was only needed for its port. */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
