import { InvalidRequestError, UnsupportedMediaTypeError } from '../errors.js';
import type { AuthRequest } from './auth-request.js';

/** RFC 8259 §8.1: JSON exchanged between systems is UTF-8; anything else is refused, not repaired. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** A parsed JSON object body: read it only through `readStringField`/`readOptionalStringField`. */
export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Parses the request body as a JSON object. 415 unless the content type is JSON, 400 for an empty,
 * malformed or non-object body.
 *
 * @example
 * const body = readJsonBody(request);
 */
export function readJsonBody(request: AuthRequest): JsonObject {
  const contentType = request.headers['content-type'] ?? '';
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json') throw new UnsupportedMediaTypeError();
  let text: string;
  try {
    text = strictUtf8.decode(request.body);
  } catch {
    throw new InvalidRequestError('The request body is not valid UTF-8.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidRequestError('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestError('The request body must be a JSON object.');
  }
  return parsed as JsonObject;
}

/**
 * Reads a required string member. Own properties only, so `__proto__` and inherited names are
 * just missing fields.
 *
 * @example
 * const email = readStringField(body, 'email');
 */
export function readStringField(body: JsonObject, name: string): string {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  if (typeof value !== 'string') throw new InvalidRequestError(`"${name}" must be a string.`);
  return value;
}

/** Reads an optional string member; `null` when absent. */
export function readOptionalStringField(body: JsonObject, name: string): string | null {
  if (!Object.hasOwn(body, name) || body[name] === undefined) return null;
  return readStringField(body, name);
}
