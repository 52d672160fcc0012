import { InvalidRequestError } from '../../errors.js';
import { completeMfaLogin } from '../../mfa/two-step-login.js';
import { ACCESS_COOKIE_NAME, createBlankCookies, REFRESH_COOKIE_NAME } from '../auth-cookies.js';
import { authenticateRequest } from '../authenticate-request.js';
import {
  anyone,
  badRequest,
  csrf,
  json,
  jsonBody,
  problem,
  ref,
  sessionLimit,
  setCookie,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readOptionalStringField, readStringField } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { throttled } from './lib/mfa-openapi.js';
import { answerSignedIn } from './lib/answer-signed-in.js';
import { appendCookies } from './lib/route-responses.js';

/** `POST /auth/login/mfa`: the second step of a login (DESIGN §9). */
export const loginMfaRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/login/mfa',
  caller: 'anyone',
  // Login CSRF, as for login itself.
  csrfWithoutCookies: true,
  async handle(context) {
    const { deps } = context.services;
    const body = readJsonBody(context.request);
    const mfaToken = readStringField(body, 'mfaToken');
    const code = readOptionalStringField(body, 'code');
    const recoveryCode = readOptionalStringField(body, 'recoveryCode');
    if ((code === null) === (recoveryCode === null)) {
      throw new InvalidRequestError('Send either "code" or "recoveryCode" with the "mfaToken".');
    }
    const current = await authenticateRequest(deps, context.request, context.cookies);
    const created = await completeMfaLogin(deps, {
      mfaToken,
      code,
      recoveryCode,
      presentedSession: current.kind === 'authenticated' ? current.auth.session : null,
      origin: context.origin,
    });
    const response = await answerSignedIn(200, context, created);
    if (
      created.session.transport !== 'jwt-cookie' &&
      current.kind === 'authenticated' &&
      current.proof !== 'bearer'
    ) {
      appendCookies(response, createBlankCookies(context.now, [ACCESS_COOKIE_NAME, REFRESH_COOKIE_NAME]));
    }
    return response;
  },
  openapi: {
    operationId: 'completeMfaLogin',
    summary: 'Finish signing in with a TOTP code or a recovery code',
    description:
      'After `POST /auth/login` answered 401 `mfa_required`: the `mfaToken` from it (single use, 300 s, 5 wrong codes) ' +
      'and a code. Answers like login, in the transport asked for at step one. A wrong code counts as a failed login.',
    tags: ['auth', 'mfa'],
    security: anyone,
    requestBody: jsonBody({
      type: 'object',
      required: ['mfaToken'],
      properties: {
        mfaToken: { type: 'string' },
        code: { type: 'string', pattern: '^[0-9]{6}$', description: 'From the authenticator app.' },
        recoveryCode: { type: 'string', description: 'One of the recovery codes (single use).' },
      },
      description: 'Exactly one of `code` and `recoveryCode`.',
    }),
    responses: {
      '200': json('Signed in.', ref('SignedIn'), { 'Set-Cookie': setCookie }),
      '400': badRequest,
      '401': problem('A wrong or used code, or an unknown, expired, used or spent `mfaToken`.', [
        'invalid_code',
        'invalid_token',
      ]),
      '403': csrf,
      '409': sessionLimit,
      '413': tooLarge,
      '415': wrongMediaType,
      '429': throttled,
      '503': storeDown,
    },
  },
};
