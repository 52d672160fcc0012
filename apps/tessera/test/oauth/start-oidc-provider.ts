// A real OpenID Connect provider for the tests: panva's oidc-provider on loopback, with one
// confidential client (Tessera) and test accounts, driven over HTTP through its development login
// and consent pages.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

/** What the provider says about an account. */
export interface TestAccount {
  email: string;
  emailVerified: boolean;
}

export interface RunningOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by subject; tests add to it. */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

/** Starts the provider for a client whose redirect URIs are `redirectUris`. */
export async function startOidcProvider(redirectUris: string[]): Promise<RunningOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const clientId = 'tessera-test-client';
  const clientSecret = 'a-client-secret-of-the-test-provider-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['cookie-key-of-the-test-provider-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // The scope's claims go into the ID token itself (Tessera does not call userinfo).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount(_context, sub) {
      const account = accounts.get(sub);
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: account.email, email_verified: account.emailVerified }),
      };
    },
  });
  // oidc-provider's notices about development settings are expected here.
  provider.on('server_error', () => undefined);
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
