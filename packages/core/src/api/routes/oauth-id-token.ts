import { answerNewSession } from './lib/answer-new-session.js';
import { readTransport } from './lib/sign-in-with-password.js';
import { NotFoundError, OAuthFailedError } from '../../errors.js';
import { signInWithProvider } from '../../oauth/sign-in-with-provider.js';
import {
  anyone,
  badRequest,
  jsonBody,
  problem,
  signedInAnswer,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readOptionalStringField, readStringField } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { findProvider, providerParameter } from './lib/oauth-route-parts.js';

/** Longer than any ID token a provider issues; a bigger string is not worth verifying. */
const MAX_ID_TOKEN_LENGTH = 16 * 1024;

/**
 * `POST /auth/oauth/:provider/id-token`: sign in with an ID token a native app got from the
 * provider's own SDK. Verified as in the browser flow (its `aud` may also be one of the provider's
 * `audiences`); answers like login.
 */
export const oauthIdTokenRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/oauth/:provider/id-token',
  caller: 'anyone',
  // A sign-in: refused cross-site even without cookies, like login.
  csrfWithoutCookies: true,
  async handle(context) {
    const { oauth, client } = findProvider(context);
    // GitHub issues no ID tokens: there is no such route for it.
    if (client.verifyIdToken === null) throw new NotFoundError();
    const { deps, cookieMode } = context.services;
    const body = readJsonBody(context.request);
    const idToken = readStringField(body, 'idToken');
    const nonce = readOptionalStringField(body, 'nonce') ?? null;
    const transport = readTransport(body, cookieMode);
    if (idToken.length > MAX_ID_TOKEN_LENGTH) throw new OAuthFailedError('The ID token is too long.');
    const profile = await client.verifyIdToken(idToken, nonce, context.now);
    return answerNewSession(context, 200, (presentedSession) =>
      signInWithProvider(deps, {
        provider: client.config.id,
        profile,
        transport,
        presentedSession,
        origin: context.origin,
        linkVerifiedEmail: oauth.linkVerifiedEmail,
      }),
    );
  },
  openapi: {
    operationId: 'signInWithIdToken',
    summary: 'Sign in with an ID token from the provider’s own SDK (native apps)',
    description:
      'The ID token is verified like the browser flow’s: signature by the provider keys (asymmetric ' +
      'algorithms only), `iss`, `aud` (the client id or one of the provider’s `audiences`), `azp`, `exp`, ' +
      '`iat`, and `nonce` when one is given. Accounts and linking follow the same rules. Answers like login.',
    tags: ['oauth'],
    security: anyone,
    parameters: [providerParameter],
    requestBody: jsonBody({
      type: 'object',
      required: ['idToken'],
      properties: {
        idToken: { type: 'string' },
        nonce: { type: 'string', description: 'The nonce the app passed to the SDK, checked when given.' },
        transport: { type: 'string', enum: ['cookie', 'bearer'] },
      },
    }),
    responses: {
      '200': signedInAnswer,
      '400': badRequest,
      '401': problem('The ID token does not verify.', ['invalid_token']),
      '403': problem('The request is cross-site, or the account is disabled.', [
        'csrf_rejected',
        'account_disabled',
      ]),
      '404': problem('No provider with this id, or one without ID tokens (GitHub).', ['not_found']),
      '409': problem(
        'An account with this address exists and did not link this provider; or the session cap is reached (`refuse` policy).',
        ['account_exists', 'session_limit_reached'],
      ),
      '413': tooLarge,
      '415': wrongMediaType,
      '503': problem('The provider keys or a backing store are not answering.', [
        'provider_unavailable',
        'store_unavailable',
      ]),
    },
  },
};
