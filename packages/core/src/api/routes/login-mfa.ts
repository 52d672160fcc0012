import { answerNewSession } from './lib/answer-new-session.js';
import { InvalidRequestError } from '../../errors.js';
import { completeMfaLogin } from '../../mfa/two-step-login.js';
import {
  anyone,
  badRequest,
  csrf,
  jsonBody,
  problem,
  sessionLimit,
  signedInAnswer,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readOptionalStringField, readStringField } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { throttled } from './lib/mfa-openapi.js';

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
    return answerNewSession(context, 200, (presentedSession) =>
      completeMfaLogin(deps, { mfaToken, code, recoveryCode, presentedSession, origin: context.origin }),
    );
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
      '200': signedInAnswer,
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
