/**
 * The `code` member of an RFC 9457 problem body (`application/problem+json`, or plain JSON), or
 * `null` when the body is something else. Consumes the body: pass a clone to keep the original.
 */
export async function readProblemCode(response: Response): Promise<string | null> {
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/(problem\+)?json\b/i.test(type)) {
    // An unread clone would buffer its half of the body for nothing.
    await response.body?.cancel();
    return null;
  }
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string') {
      return body.code;
    }
  } catch {
    // Not JSON after all: not one of our problems.
  }
  return null;
}
