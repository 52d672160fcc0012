// `@tessera/core/api`: the HTTP contract over a small request view: the handler, the route
// types, problem responses, and the pieces the OpenAPI document is assembled from.
export type { AuthRequest, AuthResponse } from './auth-request.js';
export { createAuthHandler, type AuthHandlerOptions } from './create-auth-handler.js';
export { createRequestAuthenticator, type AppRequestAuthentication } from './create-request-authenticator.js';
export {
  internalErrorResponse,
  isCodedError,
  problemByErrorCode,
  problemResponse,
  type CodedError,
} from './problem.js';
export type { ProofKind } from './proof-kind.js';
export { assertNotCrossSite } from './request-guards.js';
export type { RevocationStreamLimits } from './revocation-stream.js';
export { withSecurityHeaders } from './security-headers.js';
export { createCorsPolicy, type CorsAware, type CorsPolicy } from './router/create-cors-policy.js';
export type {
  AdminRoute,
  ApiRoute,
  AuthHandler,
  Caller,
  CallerRule,
  PageRoute,
  PublicRoute,
  Route,
  RouteContext,
  RouteMethod,
  RouteServices,
  RouteSignature,
  RouteTable,
  SignedInRoute,
} from './router/route.js';
export * from './openapi/index.js';
export { apiRoutes } from './routes/api-routes.js';
