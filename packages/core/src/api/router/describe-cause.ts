/**
 * An error's class, code and call sites for the log. The message is left out: a driver or parser
 * message can quote the input that caused it, and input may be a password.
 *
 * @example
 * logger.error('unhandled error', { path, error: describeCause(error) });
 */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [typeof code === 'string' ? `${error.name} ${code}` : error.name, ...frames.slice(0, 8)].join('\n');
}
