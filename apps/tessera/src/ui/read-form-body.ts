import { InvalidRequestError, UnsupportedMediaTypeError, type AuthRequest } from '@tessera/core';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads the named fields of an HTML form post (`application/x-www-form-urlencoded`, UTF-8). Each
 * field must appear exactly once; other fields are ignored. 415 for another content type, 400
 * for bytes or escapes that are not UTF-8, or a missing or repeated field. (The size limit is the adapter's.)
 *
 * @example
 * const { email, password } = readFormBody(request, ['email', 'password']);
 */
export function readFormBody<Name extends string>(
  request: AuthRequest,
  names: readonly Name[],
): Record<Name, string> {
  const contentType = request.headers['content-type'] ?? '';
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/x-www-form-urlencoded') throw new UnsupportedMediaTypeError();
  let text: string;
  try {
    text = strictUtf8.decode(request.body);
  } catch {
    throw new InvalidRequestError('The form was not sent as UTF-8 text.');
  }
  // URLSearchParams repairs bad escapes silently (`%E0%A4%A`, `%FF` become U+FFFD); a browser never
  // sends them, so they are refused rather than guessed at.
  for (const part of text.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new InvalidRequestError('The form is not properly encoded.');
    }
  }
  const params = new URLSearchParams(text);
  const fields = {} as Record<Name, string>;
  for (const name of names) {
    const values = params.getAll(name);
    if (values.length === 0) throw new InvalidRequestError(`The form is missing the "${name}" field.`);
    if (values.length > 1) throw new InvalidRequestError(`The form has the "${name}" field more than once.`);
    fields[name] = values[0] ?? '';
  }
  return fields;
}
