import * as oauth4webapi from 'oauth4webapi';
import { InvalidRequestError, UnauthenticatedError } from '../../errors.js';
import { createOAuthFlowCookie, sealOAuthFlow } from '../../oauth/oauth-flow-cookie.js';
import { authenticateRequest } from '../authenticate-request.js';
import { anyone, badRequest, problem } from '../openapi/openapi-parts.js';
import type { PublicRoute } from '../router/route.js';
import {
  findProvider,
  locationHeader,
  providerParameter,
  redirectResponse,
  safeReturnTo,
} from './lib/oauth-route-parts.js';
import { appendCookies } from './lib/route-responses.js';

/**
 * `GET /auth/oauth/:provider`: send the browser to the provider (authorization code + PKCE S256,
 * `state`, `nonce`), bound to this browser by a sealed, short-lived `__Host-` cookie.
 */
export const oauthStartRoute: PublicRoute = {
  method: 'GET',
  path: '/auth/oauth/:provider',
  caller: 'anyone',
  async handle(context) {
    const { oauth, client } = findProvider(context);
    const query = readStartQuery(context.request.query ?? '');
    const link = query.get('link');
    if (link !== null && link !== 'true' && link !== 'false')
      throw new InvalidRequestError('"link" must be "true" when given.');
    let linkSessionId: string | null = null;
    if (link === 'true') {
      // Linking adds a way into the signed-in account: only from this site's own pages, with a cookie.
      const site = context.request.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none')
        throw new InvalidRequestError('Linking starts from this site.');
      const current = await authenticateRequest(
        context.services.deps,
        context.request,
        context.cookies,
        context.services.authCookies,
      );
      if (current.kind !== 'authenticated' || current.proof === 'bearer') throw new UnauthenticatedError();
      linkSessionId = current.auth.session.id;
    }
    const state = oauth4webapi.generateRandomState();
    const nonce = oauth4webapi.generateRandomNonce();
    const codeVerifier = oauth4webapi.generateRandomCodeVerifier();
    const redirectUri = oauth.redirectUri(client.config.id);
    const url = await client.authorizationUrl({
      redirectUri,
      state,
      nonce,
      codeChallenge: await oauth4webapi.calculatePKCECodeChallenge(codeVerifier),
    });
    const sealed = sealOAuthFlow(oauth.secrets, {
      provider: client.config.id,
      state,
      nonce,
      codeVerifier,
      returnTo: safeReturnTo(query.get('return_to')),
      linkSessionId,
      expiresAt: new Date(context.now.getTime() + oauth.flowTtlSeconds * 1000),
    });
    const response = redirectResponse(302, url.href);
    appendCookies(response, [createOAuthFlowCookie(sealed, oauth.flowTtlSeconds, context.now)]);
    return response;
  },
  openapi: {
    operationId: 'startProviderSignIn',
    summary: 'Sign in (or, signed in, link) with another provider: redirect to it',
    description:
      'Redirects to the provider with `response_type=code`, `client_id`, `redirect_uri` ' +
      '(`<TESSERA_PUBLIC_URL>/auth/oauth/<id>/callback`), `scope`, `state`, `nonce` and a PKCE S256 ' +
      '`code_challenge`, and sets a sealed, HttpOnly `__Host-` cookie (10 minutes, single use) binding them ' +
      'to this browser. `return_to` is kept only when it is a path on this site. `link=true` (signed in ' +
      'with a cookie) links the identity to the current account instead of signing in.',
    tags: ['oauth'],
    security: anyone,
    parameters: [
      providerParameter,
      {
        name: 'return_to',
        in: 'query',
        required: false,
        description: 'A path on this site to go to afterwards (anything else becomes `/`).',
        schema: { type: 'string' },
      },
      {
        name: 'link',
        in: 'query',
        required: false,
        description: '`true`: link the identity to the signed-in account.',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
    ],
    responses: {
      '302': {
        description: 'To the provider.',
        headers: { Location: locationHeader, 'Set-Cookie': locationHeader },
      },
      '400': badRequest,
      '401': problem('`link=true` without a signed-in browser session.', ['unauthenticated']),
      '404': problem('No provider with this id.', ['not_found']),
      '503': problem('The provider (its discovery document) is not answering.', ['provider_unavailable']),
    },
  },
};

/**
 * `return_to` and `link`, each at most once, nothing else. Unlike other routes' queries, a control
 * character is not refused here: DESIGN §8 sends any `return_to` that is not a clean path to `/`.
 */
function readStartQuery(raw: string): URLSearchParams {
  if (raw.length > 4096) throw new InvalidRequestError('The query string is too long.');
  const params = new URLSearchParams(raw);
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (name !== 'return_to' && name !== 'link')
      throw new InvalidRequestError(`Unknown query parameter "${name.slice(0, 40)}".`);
    if (seen.has(name)) throw new InvalidRequestError(`"${name}" is given more than once.`);
    seen.add(name);
  }
  return params;
}
