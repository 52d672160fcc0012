import { InvalidRequestError } from '../../../errors.js';
import type { AuthRequest } from '../../auth-request.js';

const MAX_QUERY_LENGTH = 4096;
// NUL and the other C0 controls and DEL: no parameter of ours means anything with them, and
// PostgreSQL refuses NUL in text (error 22021), which would otherwise surface as a 500.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** The query parameters, each at most once and only the known ones; 400 otherwise. */
export function readQuery(request: AuthRequest, allowed: readonly string[]): URLSearchParams {
  const raw = request.query ?? '';
  if (raw.length > MAX_QUERY_LENGTH) throw new InvalidRequestError('The query string is too long.');
  let params: URLSearchParams;
  try {
    // URLSearchParams replaces bad percent-escapes instead of throwing; decodeURIComponent checks them.
    for (const part of raw.split('&')) decodeURIComponent(part.replaceAll('+', ' '));
    params = new URLSearchParams(raw);
  } catch {
    throw new InvalidRequestError('The query string is malformed.');
  }
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (!allowed.includes(name))
      throw new InvalidRequestError(`Unknown query parameter "${name.slice(0, 40)}".`);
    if (seen.has(name)) throw new InvalidRequestError(`"${name}" is given more than once.`);
    seen.add(name);
  }
  for (const [name, value] of params) {
    if (CONTROL_CHARACTER.test(value))
      throw new InvalidRequestError(`"${name}" must not contain control characters.`);
  }
  return params;
}

/** A page size from 1 to `max`, `fallback` when absent. */
export function readLimit(value: string | undefined | null, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  if (!/^[0-9]{1,4}$/.test(value))
    throw new InvalidRequestError(`"limit" must be a whole number from 1 to ${max}.`);
  const limit = Number(value);
  if (limit < 1 || limit > max)
    throw new InvalidRequestError(`"limit" must be a whole number from 1 to ${max}.`);
  return limit;
}

// Only the ISO 8601 forms Date.parse handles the same everywhere: a date and a time, UTC or an offset.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The `before` instant, or `null` when absent. */
export function readInstant(value: string | null): Date | null {
  if (value === null) return null;
  const at = ISO_INSTANT.test(value) ? new Date(value) : null;
  if (at === null || Number.isNaN(at.getTime()))
    throw new InvalidRequestError('"before" must be an ISO 8601 time such as 2030-01-01T00:00:00Z.');
  return at;
}

/** `null` for an absent or empty parameter. */
export function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}
