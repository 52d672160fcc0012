/**
 * The types of the OpenAPI 3.1 document: each route carries its operation (`openapi`), and the
 * server assembles the document from the routes plus the shared components.
 */

/**
 * The subset of JSON Schema 2020-12 this document uses (and the tests' checker understands).
 *
 * @example
 * const orderSchema: JsonSchema = {
 *   type: 'object',
 *   required: ['id', 'total'],
 *   properties: { id: { type: 'string' }, total: { type: 'integer', minimum: 0 } },
 * };
 */
export interface JsonSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null' | readonly JsonTypeName[];
  description?: string;
  format?: string;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  allOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  examples?: readonly unknown[];
}

type JsonTypeName = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/**
 * A response header.
 *
 * @example
 * const retryAfter: HeaderObject = { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 1 } };
 * const busy = openApiProblem('Too many attempts.', ['rate_limited'], { 'Retry-After': retryAfter });
 */
export interface HeaderObject {
  description: string;
  schema: JsonSchema;
}

/**
 * One documented response of an operation.
 *
 * @example
 * const found: ResponseObject = openApiJson('The order.', { $ref: '#/components/schemas/Order' });
 * const deleted: ResponseObject = { description: 'Deleted; no body.' };
 */
export interface ResponseObject {
  description: string;
  headers?: Readonly<Record<string, HeaderObject>>;
  content?: Readonly<Record<string, { schema: JsonSchema }>>;
}

/**
 * A path, query or header parameter.
 *
 * @example
 * const orderId: ParameterObject = {
 *   name: 'id',
 *   in: 'path',
 *   required: true,
 *   description: 'An order id.',
 *   schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
 * };
 */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

/**
 * One operation (method + path).
 *
 * @example
 * const getOrder: OperationObject = {
 *   operationId: 'getOrder',
 *   summary: 'One order',
 *   tags: ['orders'],
 *   parameters: [orderId],
 *   responses: { '200': openApiJson('The order.', orderSchema), '404': openApiProblem('No such order.', ['not_found']) },
 * };
 */
export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** Alternatives: any one of them is enough; `{}` means "no credential needed". */
  security?: readonly Readonly<Record<string, readonly string[]>>[];
  parameters?: readonly ParameterObject[];
  requestBody?: {
    required: boolean;
    description?: string;
    content: Readonly<Record<string, { schema: JsonSchema }>>;
  };
  responses: Readonly<Record<string, ResponseObject>>;
}

/**
 * The methods Tessera serves.
 *
 * @example
 * for (const [path, item] of Object.entries(document.paths)) {
 *   for (const method of Object.keys(item) as OpenApiMethod[]) console.log(method.toUpperCase(), path);
 * }
 */
export type OpenApiMethod = 'get' | 'post' | 'put' | 'delete';

/**
 * A security scheme (cookie or bearer).
 *
 * @example
 * const apiKey: SecuritySchemeObject = { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'A service key.' };
 * const securitySchemes = { ...openApiSecuritySchemes, apiKey };
 */
export type SecuritySchemeObject =
  | { type: 'apiKey'; in: 'cookie' | 'header'; name: string; description: string }
  | { type: 'http'; scheme: 'bearer'; bearerFormat?: string; description: string };

/**
 * The whole document.
 *
 * @example
 * const document: OpenApiDocument = {
 *   openapi: '3.1.0',
 *   info: { title: 'Shop', version: '1.0.0', description: 'Orders, signed in with Tessera.', license: { name: 'MIT', identifier: 'MIT' } },
 *   tags: [{ name: 'auth', description: 'Sign in and out.' }],
 *   paths: buildOpenApiPaths(apiRoutes),
 *   components: { schemas: openApiSchemas, securitySchemes: openApiSecuritySchemes },
 * };
 */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: {
    title: string;
    version: string;
    description: string;
    license: { name: string; identifier: string };
  };
  tags: readonly { name: string; description: string }[];
  paths: Readonly<Record<string, Partial<Record<OpenApiMethod, OperationObject>>>>;
  components: {
    schemas: Readonly<Record<string, JsonSchema>>;
    securitySchemes: Readonly<Record<string, SecuritySchemeObject>>;
  };
}
