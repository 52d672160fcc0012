import { isoTime, ref } from './openapi-parts.js';
import type { JsonSchema, SecuritySchemeObject } from './openapi-types.js';

/**
 * The schemas the routes' operations refer to (`#/components/schemas/<name>`): the public shapes
 * of users, sessions, problems and keys.
 *
 * @example
 * const document = { ...head, paths: buildOpenApiPaths(routes), components: { schemas: openApiSchemas, securitySchemes } };
 */
export const openApiSchemas: Readonly<Record<string, JsonSchema>> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details with a stable `code` (public, never reused).',
    required: ['type', 'title', 'status', 'code', 'detail'],
    properties: {
      type: { type: 'string', const: 'about:blank' },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      code: { type: 'string' },
      detail: { type: 'string' },
    },
  },
  User: {
    type: 'object',
    required: ['id', 'email', 'roles', 'createdAt', 'emailVerified'],
    properties: {
      id: { type: 'string', description: 'Opaque; the `sub` of access tokens.' },
      email: { type: 'string' },
      roles: { type: 'array', items: { type: 'string' } },
      createdAt: isoTime,
      emailVerified: { type: 'boolean', description: 'The owner proved the address by a mailed link.' },
    },
  },
  Session: {
    type: 'object',
    required: ['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'transport', 'authenticatedAt', 'amr'],
    properties: {
      id: { type: 'string', description: 'Public id (the `sid` of access tokens).' },
      createdAt: isoTime,
      lastSeenAt: isoTime,
      expiresAt: { ...isoTime, description: 'The earlier of the idle and the absolute expiry.' },
      transport: { type: 'string', enum: ['cookie', 'jwt-cookie', 'bearer'] },
      authenticatedAt: {
        ...isoTime,
        description: 'When the user last proved who they are on this session (sign-in or reauthentication).',
      },
      amr: {
        type: 'array',
        items: { type: 'string', enum: ['pwd', 'otp', 'hwk', 'swk', 'fed', 'mfa'] },
        description: 'How they proved it (RFC 8176).',
      },
    },
  },
  Device: {
    description: 'A session as the device list shows it.',
    type: 'object',
    required: ['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'transport', 'ip', 'userAgent', 'current'],
    properties: {
      id: { type: 'string', description: 'Public id (the `sid` of access tokens).' },
      createdAt: isoTime,
      lastSeenAt: isoTime,
      expiresAt: { ...isoTime, description: 'The earlier of the idle and the absolute expiry.' },
      transport: { type: 'string', enum: ['cookie', 'jwt-cookie', 'bearer'] },
      ip: { type: ['string', 'null'] },
      userAgent: { type: ['string', 'null'] },
      current: { type: 'boolean', description: 'The session that made this request.' },
    },
  },
  SignedIn: {
    type: 'object',
    description:
      'Bearer transport adds `access_token`, `token_type`, `expires_in` and `refresh_token`; cookie transports get cookies instead.',
    required: ['user', 'session'],
    properties: {
      user: ref('User'),
      session: ref('Session'),
      access_token: { type: 'string', description: 'An `at+jwt` access token.' },
      token_type: { type: 'string', const: 'Bearer' },
      expires_in: { type: 'integer', description: 'Seconds until the access token expires.' },
      refresh_token: { type: 'string', description: 'Opaque; rotated on every use.' },
    },
  },
  Passkey: {
    type: 'object',
    description: 'A passkey as the API shows it: never its credential id or public key.',
    required: ['id', 'name', 'createdAt', 'lastUsedAt'],
    properties: {
      id: { type: 'string', description: 'Tessera’s id of the passkey (not the WebAuthn credential id).' },
      name: { type: 'string' },
      createdAt: isoTime,
      lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  AdminPasskey: {
    description: 'A passkey as the admin API shows it: never its credential id or public key.',
    allOf: [
      ref('Passkey'),
      {
        type: 'object',
        required: ['deviceType', 'backedUp', 'transports'],
        properties: {
          deviceType: {
            type: 'string',
            enum: ['singleDevice', 'multiDevice'],
            description: '`multiDevice`: a synced passkey (backup eligible).',
          },
          backedUp: { type: 'boolean' },
          transports: { type: 'array', items: { type: 'string' } },
        },
      },
    ],
  },
  PasskeyCreationOptions: {
    type: 'object',
    description:
      'WebAuthn `PublicKeyCredentialCreationOptionsJSON`, for `navigator.credentials.create()` (e.g. through `@simplewebauthn/browser`).',
    required: ['challenge', 'rp', 'user', 'pubKeyCredParams'],
    properties: {
      challenge: { type: 'string', description: 'base64url, 32 random bytes; single use, 300 s.' },
      rp: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
      user: { type: 'object' },
      pubKeyCredParams: { type: 'array', items: { type: 'object' } },
      timeout: { type: 'integer' },
      excludeCredentials: { type: 'array', items: { type: 'object' } },
      authenticatorSelection: { type: 'object' },
      attestation: { type: 'string', const: 'none' },
    },
  },
  PasskeyRequestOptions: {
    type: 'object',
    description:
      'WebAuthn `PublicKeyCredentialRequestOptionsJSON`, for `navigator.credentials.get()` (e.g. through `@simplewebauthn/browser`).',
    required: ['challenge', 'rpId', 'userVerification'],
    properties: {
      challenge: { type: 'string', description: 'base64url, 32 random bytes; single use, 300 s.' },
      rpId: { type: 'string' },
      timeout: { type: 'integer' },
      userVerification: { type: 'string', const: 'required' },
    },
  },
  JwkSet: {
    type: 'object',
    required: ['keys'],
    properties: {
      keys: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kty', 'kid', 'alg', 'use'],
          properties: {
            kty: { type: 'string' },
            kid: { type: 'string' },
            alg: { type: 'string', enum: ['EdDSA', 'ES256', 'RS256'] },
            use: { type: 'string', const: 'sig' },
          },
        },
      },
    },
  },
  AdminUser: {
    type: 'object',
    required: ['id', 'email', 'roles', 'createdAt', 'disabledAt', 'emailVerified'],
    properties: {
      id: { type: 'string' },
      email: { type: 'string' },
      roles: { type: 'array', items: { type: 'string' } },
      createdAt: isoTime,
      disabledAt: { type: ['string', 'null'], format: 'date-time' },
      emailVerified: { type: 'boolean' },
    },
  },
  AdminSession: {
    type: 'object',
    required: ['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent', 'transport'],
    properties: {
      id: { type: 'string' },
      createdAt: isoTime,
      lastSeenAt: isoTime,
      expiresAt: isoTime,
      ip: { type: ['string', 'null'] },
      userAgent: { type: ['string', 'null'] },
      transport: { type: 'string', enum: ['cookie', 'jwt-cookie', 'bearer'] },
    },
  },
  AuditEvent: {
    type: 'object',
    required: ['id', 'type', 'at', 'userId', 'sessionId', 'ip', 'userAgent', 'detail'],
    properties: {
      id: { type: 'string' },
      type: { type: 'string' },
      at: isoTime,
      userId: { type: ['string', 'null'] },
      sessionId: { type: ['string', 'null'] },
      ip: { type: ['string', 'null'] },
      userAgent: { type: ['string', 'null'] },
      detail: { type: 'object', description: 'Small scalar facts; never a secret.' },
    },
  },
  Status: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', const: 'ok' } },
  },
};

/**
 * The credentials of the auth API: the session cookie, the jwt-mode cookies and the bearer token.
 *
 * @example
 * const securitySchemes = { ...openApiSecuritySchemes, metricsToken };
 */
export const openApiSecuritySchemes: Readonly<Record<string, SecuritySchemeObject>> = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: '__Host-tessera-session',
    description: 'Session cookie mode (default): an opaque `<id>.<secret>` token.',
  },
  accessCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: '__Host-tessera-access',
    description: 'jwt cookie mode: a short-lived access JWT.',
  },
  refreshCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: '__Secure-tessera-refresh',
    description: 'jwt cookie mode: the opaque refresh token, sent only to `/auth/refresh`.',
  },
  bearerToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access JWT (`typ: at+jwt`) in `Authorization: Bearer`.',
  },
};
