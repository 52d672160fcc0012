import { loginWithPassword } from '../../account/login-with-password.js';
import {
  anyone,
  badRequest,
  credentialsBody,
  jsonBody,
  problem,
  retryAfter,
  sessionLimit,
  signedInAnswer,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import type { PublicRoute } from '../router/route.js';
import { signInWithPassword } from './lib/sign-in-with-password.js';

/** `POST /auth/login`: sign in with email and password. */
export const loginRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/login',
  caller: 'anyone',
  // Login CSRF: a cross-site login is refused even without cookies.
  csrfWithoutCookies: true,
  handle: (context) => signInWithPassword(context, loginWithPassword, 200),
  openapi: {
    operationId: 'login',
    summary: 'Sign in with email and password',
    description:
      'Creates a session. Cookie transport sets cookies; bearer transport returns an access and a refresh token. ' +
      'An unknown email and a wrong password get the same answer. After `TESSERA_LOGIN_MAX_FAILURES` failures per ' +
      '(account, client IP) in 15 minutes, or `TESSERA_LOGIN_MAX_FAILURES_PER_IP` per client IP, attempts get 429.',
    tags: ['auth'],
    security: anyone,
    requestBody: jsonBody(credentialsBody('The password as typed.')),
    responses: {
      '200': signedInAnswer,
      '400': badRequest,
      '401': problem(
        'Unknown email, wrong password or disabled account (one answer for all); or a right password for a user with a ' +
          'second factor: `mfa_required`, no session, and the problem carries `mfaToken` and `methods` for `POST /auth/login/mfa`.',
        ['invalid_credentials', 'mfa_required'],
      ),
      '403': problem(
        'A cross-site request, or (`TESSERA_EMAIL_VERIFICATION=required`) the right password of an unverified address: a fresh link is mailed.',
        ['csrf_rejected', 'email_not_verified'],
      ),
      '409': sessionLimit,
      '413': tooLarge,
      '415': wrongMediaType,
      '429': problem('Too many failed attempts.', ['rate_limited'], { 'Retry-After': retryAfter }),
      '503': storeDown,
    },
  },
};
