import type {
  HttpMethod,
  JsonSchema,
  OpenApiDocument,
  OperationObject,
  ResponseObject,
} from './openapi-document.js';

const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'delete'];

/**
 * Renders the OpenAPI document as a Markdown reference page (docs/api-reference.md): one section per
 * operation with its credentials, parameters, body and every response with its problem codes, then
 * the schemas and the security schemes. Deterministic: the same document gives the same bytes.
 *
 * @example
 * writeFileSync('docs/api-reference.md', renderApiReference(openApiDocument));
 */
export function renderApiReference(document: OpenApiDocument): string {
  const lines: string[] = [
    `# ${document.info.title}: API reference`,
    '',
    `<!-- Generated from apps/tessera/src/openapi-document.ts by \`npm run docs:api\`; do not edit by hand. -->`,
    '',
    `Version ${document.info.version}, OpenAPI ${document.openapi}. The document itself is served at \`GET /openapi.json\`.`,
    '',
    document.info.description,
    '',
  ];
  for (const tag of document.tags) {
    lines.push(`## ${tag.name}`, '', tag.description, '');
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation?.tags.includes(tag.name)) lines.push(...renderOperation(method, path, operation));
      }
    }
  }
  lines.push('## Schemas', '');
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    lines.push(`### ${name}`, '');
    if (schema.description !== undefined) lines.push(schema.description, '');
    lines.push(...renderObjectSchema(schema), '');
  }
  lines.push('## Security schemes', '', '| name | kind | description |', '| --- | --- | --- |');
  for (const [name, scheme] of Object.entries(document.components.securitySchemes)) {
    const kind = scheme.type === 'apiKey' ? `${scheme.in} \`${scheme.name}\`` : `HTTP ${scheme.scheme}`;
    lines.push(`| \`${name}\` | ${kind} | ${cell(scheme.description)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function renderOperation(method: HttpMethod, path: string, operation: OperationObject): string[] {
  const lines = [`### ${method.toUpperCase()} ${path}`, '', `${operation.summary}.`, ''];
  if (operation.description !== undefined) lines.push(operation.description, '');
  lines.push(`Credentials: ${describeSecurity(operation)}.`, '');
  if (operation.parameters !== undefined && operation.parameters.length > 0) {
    lines.push('| parameter | in | required | description |', '| --- | --- | --- | --- |');
    for (const parameter of operation.parameters) {
      lines.push(
        `| \`${parameter.name}\` | ${parameter.in} | ${parameter.required ? 'yes' : 'no'} | ${cell(parameter.description)} |`,
      );
    }
    lines.push('');
  }
  if (operation.requestBody !== undefined) {
    const [type, media] = Object.entries(operation.requestBody.content)[0] ?? [];
    lines.push(`Body (\`${type ?? ''}\`, ${operation.requestBody.required ? 'required' : 'optional'}):`, '');
    if (media !== undefined) lines.push(...renderObjectSchema(media.schema));
    lines.push('');
  }
  lines.push('| status | meaning | body |', '| --- | --- | --- |');
  for (const [status, response] of Object.entries(operation.responses)) {
    lines.push(`| ${status} | ${cell(response.description)} | ${describeBody(response)} |`);
  }
  lines.push('');
  return lines;
}

function describeSecurity(operation: OperationObject): string {
  const alternatives = (operation.security ?? [{}]).map((alternative) => {
    const names = Object.keys(alternative);
    return names.length === 0 ? 'none' : names.map((name) => `\`${name}\``).join(' + ');
  });
  return alternatives.join(' or ');
}

function describeBody(response: ResponseObject): string {
  const parts = Object.entries(response.content ?? {}).map(([type, media]) => {
    const shape = describeType(media.schema);
    return shape === '' ? `\`${type}\`` : `\`${type}\` ${shape}`;
  });
  const headers = Object.keys(response.headers ?? {}).map((name) => `\`${name}\``);
  if (headers.length > 0) parts.push(`headers ${headers.join(', ')}`);
  return parts.length === 0 ? 'none' : parts.join('; ');
}

/** A one-line name for a schema: a reference's name, `array of X`, a type. */
function describeType(schema: JsonSchema): string {
  if (schema.$ref !== undefined) return schema.$ref.replace('#/components/schemas/', '');
  if (schema.allOf !== undefined) {
    const named = schema.allOf.map(describeType).filter((part) => part !== '');
    return named.join(' & ');
  }
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum !== undefined)
    return schema.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' \\| ');
  if (schema.type === 'array') return `array of ${schema.items ? describeType(schema.items) : 'any'}`;
  if (Array.isArray(schema.type)) return schema.type.join(' \\| ');
  if (typeof schema.type === 'string' && schema.type !== 'object') {
    return schema.format === undefined ? schema.type : `${schema.type} (${schema.format})`;
  }
  return '';
}

/** A member table for an object schema (or its parts). */
function renderObjectSchema(schema: JsonSchema): string[] {
  const rows: string[] = [];
  const collect = (part: JsonSchema) => {
    if (part.$ref !== undefined) rows.push(`| (all of ${describeType(part)}) | | | |`);
    for (const sub of part.allOf ?? []) collect(sub);
    for (const [name, member] of Object.entries(part.properties ?? {})) {
      const required = part.required?.includes(name) ? 'yes' : 'no';
      rows.push(
        `| \`${name}\` | ${describeType(member) || 'object'} | ${required} | ${cell(member.description ?? '')} |`,
      );
    }
  };
  collect(schema);
  if (rows.length === 0) return [`A JSON ${describeType(schema) || 'object'}.`];
  return ['| member | type | required | description |', '| --- | --- | --- | --- |', ...rows];
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
