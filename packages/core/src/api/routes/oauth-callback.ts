import { createHash, timingSafeEqual } from 'node:crypto';
import {
  AccountDisabledError,
  AccountExistsError,
  MfaRequiredError,
  OAuthFailedError,
  TesseraError,
} from '../../errors.js';
import { createPendingSecondStepCookie } from '../../mfa/pending-second-step-cookie.js';
import {
  openOAuthFlow,
  createBlankOAuthFlowCookie,
  OAUTH_FLOW_COOKIE_NAME,
} from '../../oauth/oauth-flow-cookie.js';
import { linkProviderIdentity, signInWithProvider } from '../../oauth/sign-in-with-provider.js';
import { authenticateRequest } from '../authenticate-request.js';
import type { AuthResponse } from '../auth-request.js';
import { anyone, problem } from '../openapi/openapi-parts.js';
import type { PublicRoute, RouteContext } from '../router/route.js';
import { describeCause } from '../router/describe-cause.js';
import { answerSignedIn } from './lib/answer-signed-in.js';
import {
  failedSignInLocation,
  findProvider,
  locationHeader,
  providerParameter,
  redirectResponse,
} from './lib/oauth-route-parts.js';
import { appendCookies } from './lib/route-responses.js';

/**
 * `GET /auth/oauth/:provider/callback`: the provider sends the browser back here. Success: a new
 * session exactly as a login creates one (or, when linking, the identity linked to the signed-in
 * account) and 303 to `return_to`. Any failure: no session, no authenticating cookie, 303 to
 * `/login?error=oauth_failed|account_exists|account_disabled`. A user with a second factor gets no
 * session yet: 303 to the code page `/login/mfa`, the `mfaToken` in a short-lived HttpOnly cookie.
 * Every answer drops the flow cookie.
 */
export const oauthCallbackRoute: PublicRoute = {
  method: 'GET',
  path: '/auth/oauth/:provider/callback',
  caller: 'anyone',
  async handle(context) {
    const { oauth } = findProvider(context);
    let response: AuthResponse;
    try {
      response = await completeSignIn(context);
    } catch (error) {
      if (error instanceof MfaRequiredError) {
        // One factor proved: the browser continues to the code page, the mfaToken in a cookie (DESIGN §8, §9).
        response = redirectResponse(303, '/login/mfa');
        appendCookies(response, [
          createBlankOAuthFlowCookie(context.now),
          createPendingSecondStepCookie(error.mfaToken, context.now),
        ]);
        return response;
      }
      const code =
        error instanceof AccountExistsError
          ? 'account_exists'
          : error instanceof AccountDisabledError
            ? 'account_disabled'
            : 'oauth_failed';
      // The reason goes to the log (never a token: our errors do not carry any), the browser gets the code.
      const fields = {
        provider: context.params['provider'] ?? '',
        code,
        reason: error instanceof TesseraError ? error.message : describeCause(error),
      };
      if (error instanceof TesseraError) oauth.logger.warn('provider sign-in failed', fields);
      else oauth.logger.error('provider sign-in failed', fields);
      response = redirectResponse(303, failedSignInLocation(code));
    }
    appendCookies(response, [createBlankOAuthFlowCookie(context.now)]);
    return response;
  },
  openapi: {
    operationId: 'finishProviderSignIn',
    summary: 'The provider sends the browser back here',
    description:
      'Checks `state` against the sealed cookie (single use), the provider error, the code exchange (with ' +
      'the PKCE verifier) and the ID token (signature by the provider keys, asymmetric algorithms only, ' +
      '`iss`, `aud`/`azp`, `exp`, `iat`, `nonce`). Then signs in (a session as a login creates one, cookies ' +
      'per `TESSERA_COOKIE_MODE`), or links the identity when the flow was started with `link=true`, and ' +
      'redirects to `return_to`. Any failure creates no session and redirects to `/login?error=<code>`.',
    tags: ['oauth'],
    security: anyone,
    parameters: [
      providerParameter,
      {
        name: 'code',
        in: 'query',
        required: false,
        description: 'The authorization code.',
        schema: { type: 'string' },
      },
      {
        name: 'state',
        in: 'query',
        required: false,
        description: 'Must match the sealed cookie.',
        schema: { type: 'string' },
      },
    ],
    responses: {
      '303': {
        description:
          'Signed in (or linked): to `return_to`, with the session cookies. Failed: to ' +
          '`/login?error=oauth_failed`, `account_exists` or `account_disabled`, with no session cookie. A user ' +
          'with a second factor: to `/login/mfa`, with the `mfaToken` in the `__Host-tessera-mfa` cookie.',
        headers: { Location: locationHeader, 'Set-Cookie': locationHeader },
      },
      '404': problem('No provider with this id.', ['not_found']),
    },
  },
};

async function completeSignIn(context: RouteContext): Promise<AuthResponse> {
  const { oauth, client } = findProvider(context);
  const { deps, cookieMode } = context.services;
  // The provider adds parameters of its own (`iss`, `scope`, `session_state`…): read them all, as sent.
  const query = new URLSearchParams((context.request.query ?? '').slice(0, 8192));
  const flow = openOAuthFlow(oauth.secrets, context.cookies[OAUTH_FLOW_COOKIE_NAME], context.now);
  if (flow === null) throw new OAuthFailedError('No sign-in was started in this browser (or it expired).');
  if (flow.provider !== client.config.id)
    throw new OAuthFailedError('The sign-in was started for another provider.');
  const state = query.get('state');
  if (state === null || !sameText(state, flow.state)) throw new OAuthFailedError('The state does not match.');
  // Single use across every instance: the first callback with this state marks it; a replay finds the mark.
  const mark = await deps.store.incrementCounter(
    `oauth-flow:${createHash('sha256').update(flow.state).digest('base64url')}`,
    1,
    oauth.flowTtlSeconds,
    context.now,
  );
  if (mark === null || mark.count > 1) throw new OAuthFailedError('This sign-in was already completed.');
  const profile = await client.finishAuthorization(
    query,
    {
      redirectUri: oauth.redirectUri(client.config.id),
      state: flow.state,
      nonce: flow.nonce,
      codeVerifier: flow.codeVerifier,
    },
    context.now,
  );
  const current = await authenticateRequest(
    deps,
    context.request,
    context.cookies,
    context.services.authCookies,
  );
  if (flow.linkSessionId !== null) {
    // Linking needs the very session that asked for it, still valid.
    if (current.kind !== 'authenticated' || current.auth.session.id !== flow.linkSessionId)
      throw new OAuthFailedError('The session that asked to link is no longer signed in.');
    await linkProviderIdentity(deps, {
      user: current.auth.user,
      session: current.auth.session,
      provider: client.config.id,
      profile,
      origin: context.origin,
    });
    return redirectResponse(303, flow.returnTo);
  }
  const created = await signInWithProvider(deps, {
    provider: client.config.id,
    profile,
    transport: cookieMode === 'jwt' ? 'jwt-cookie' : 'cookie',
    presentedSession: current.kind === 'authenticated' ? current.auth.session : null,
    origin: context.origin,
    linkVerifiedEmail: oauth.linkVerifiedEmail,
  });
  // The login answer's cookies, on a redirect instead of a JSON body.
  const signedIn = await answerSignedIn(303, context, created);
  const response = redirectResponse(303, flow.returnTo);
  appendCookies(
    response,
    signedIn.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value),
  );
  return response;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
