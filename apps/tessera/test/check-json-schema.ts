// A small JSON Schema checker for the subset the OpenAPI document uses ($ref, allOf, oneOf, type,
// enum, const, required, properties, additionalProperties, items, pattern, minimum, maximum,
// minLength, maxLength). Ours, so a test needs no validator library; it throws on anything else it
// meets, so a schema it cannot judge never passes silently.
import type { JsonSchema } from '../src/openapi-document.js';

const KNOWN_KEYWORDS = new Set([
  '$ref',
  'type',
  'description',
  'format',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'allOf',
  'oneOf',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'examples',
]);

/** Resolves a local `#/components/schemas/<name>` reference. */
export type SchemaResolver = (ref: string) => JsonSchema;

/**
 * Every way `value` breaks `schema`, as readable lines (empty when it conforms).
 *
 * @example
 * assert.deepEqual(checkJsonSchema(schema, body, resolve), []);
 */
export function checkJsonSchema(
  schema: JsonSchema,
  value: unknown,
  resolve: SchemaResolver,
  at = '$',
): string[] {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN_KEYWORDS.has(keyword)) throw new TypeError(`checkJsonSchema: unsupported keyword ${keyword}`);
  }
  const errors: string[] = [];
  if (schema.$ref !== undefined) errors.push(...checkJsonSchema(resolve(schema.$ref), value, resolve, at));
  for (const part of schema.allOf ?? []) errors.push(...checkJsonSchema(part, value, resolve, at));
  if (schema.oneOf !== undefined) {
    const matching = schema.oneOf.filter((part) => checkJsonSchema(part, value, resolve, at).length === 0);
    if (matching.length !== 1) errors.push(`${at}: matches ${matching.length} of oneOf, not 1`);
  }
  if (schema.type !== undefined) {
    const types: readonly string[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      errors.push(`${at}: is ${typeOf(value)}, not ${types.join(' | ')}`);
      return errors;
    }
  }
  if (schema.enum !== undefined && !schema.enum.includes(value as string)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.const !== undefined && value !== schema.const) {
    errors.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${at}: does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: too short`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: too long`);
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value)))
      errors.push(`${at}: not a date-time`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, index) =>
      errors.push(...checkJsonSchema(schema.items!, item, resolve, `${at}[${index}]`)),
    );
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in object)) errors.push(`${at}: missing ${name}`);
    }
    for (const [name, member] of Object.entries(object)) {
      const property = schema.properties?.[name];
      if (property !== undefined) errors.push(...checkJsonSchema(property, member, resolve, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected ${name}`);
      else if (typeof schema.additionalProperties === 'object')
        errors.push(...checkJsonSchema(schema.additionalProperties, member, resolve, `${at}.${name}`));
    }
  }
  return errors;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
