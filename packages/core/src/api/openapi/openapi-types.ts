/**
 * The types of the OpenAPI 3.1 document: each route carries its operation (`openapi`), and the
 * server assembles the document from the routes plus the shared components.
 */

/** The subset of JSON Schema 2020-12 this document uses (and the tests' checker understands). */
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

/** A response header. */
export interface HeaderObject {
  description: string;
  schema: JsonSchema;
}

/** One documented response of an operation. */
export interface ResponseObject {
  description: string;
  headers?: Readonly<Record<string, HeaderObject>>;
  content?: Readonly<Record<string, { schema: JsonSchema }>>;
}

/** A path, query or header parameter. */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

/** One operation (method + path). */
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

/** The methods Tessera serves. */
export type OpenApiMethod = 'get' | 'post' | 'put' | 'delete';

/** A security scheme (cookie or bearer). */
export type SecuritySchemeObject =
  | { type: 'apiKey'; in: 'cookie' | 'header'; name: string; description: string }
  | { type: 'http'; scheme: 'bearer'; bearerFormat?: string; description: string };

/** The whole document. */
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
