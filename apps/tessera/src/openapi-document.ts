/**
 * The OpenAPI 3.1 description of every route the server answers (DESIGN §3), assembled from the
 * routes' own operations (packages/core/src/api/routes/, and the server's `/metrics` and
 * `/openapi.json`) plus the shared components. A test compares its (method, path) pairs with the
 * route table of the running server, probes every operation, and checks real responses against
 * these schemas; `npm run docs:api` renders it to docs/api-reference.md.
 */
import {
  apiRoutes,
  buildOpenApiPaths,
  openApiSchemas,
  openApiSecuritySchemes,
  type OpenApiDocument,
} from '@tessera/core/api';
import { metricsRouteDocument } from './create-metrics-route.js';
import { openApiRouteDocument } from './create-openapi-route.js';

export type {
  HeaderObject,
  JsonSchema,
  OpenApiDocument,
  OpenApiMethod as HttpMethod,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SecuritySchemeObject,
} from '@tessera/core/api';

/**
 * The OpenAPI 3.1 document of the Tessera server (served at `GET /openapi.json`).
 *
 * @example
 * const operations = Object.keys(openApiDocument.paths);
 */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Tessera auth server',
    version: '0.1.0',
    description:
      'Sessions, JWTs and cookies done right. JSON in, JSON out; errors are RFC 9457 problem details with a stable `code`. ' +
      'On every route: an unknown path answers 404 `not_found`, a known path with another method 405 `method_not_allowed` ' +
      '(with `Allow`), a bug 500 `internal_error`; every response carries the security headers and `Cache-Control: no-store` ' +
      '(except the JWKS). Times are ISO 8601 strings; durations are seconds.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  tags: [
    { name: 'auth', description: 'Sign in, refresh, sign out, and manage your own sessions.' },
    {
      name: 'mfa',
      description:
        'Second factors (docs/mfa.md): an authenticator app (TOTP) and recovery codes. Changes need a recent authentication (`POST /auth/reauthenticate`).',
    },
    {
      name: 'oauth',
      description:
        'Sign in with another provider (OpenID Connect or GitHub), link and unlink providers (docs/oauth.md).',
    },
    { name: 'keys', description: 'What verifiers need: public keys and the revocation feed.' },
    { name: 'operations', description: 'Health, metrics and this document.' },
    {
      name: 'passkeys',
      description:
        'WebAuthn passkeys (docs/passkeys.md): create them while signed in, sign in with them, list, rename and remove them.',
    },
    {
      name: 'admin',
      description:
        'Administration (docs/admin-api.md): callers need the `admin` role, checked against the stored user on every request; every change is audited with the actor.',
    },
    {
      name: 'email',
      description:
        'Password reset, email verification and change of address by links mailed to the user (docs/email.md).',
    },
  ],
  paths: buildOpenApiPaths([...apiRoutes, metricsRouteDocument, openApiRouteDocument]),
  components: {
    schemas: openApiSchemas,
    securitySchemes: {
      ...openApiSecuritySchemes,
      metricsToken: {
        type: 'http',
        scheme: 'bearer',
        description: '`TESSERA_METRICS_TOKEN`, when set.',
      },
    },
  },
};
