/**
 * A refusal from Tessera's API, with the problem's stable `code` (`invalid_credentials`,
 * `rate_limited`, `csrf_rejected`, …) and HTTP status; `retryAfterSeconds` when the server said.
 *
 * @example
 * try { await signIn({ email, password }); } catch (error) {
 *   if (error instanceof TesseraAuthError && error.code === 'invalid_credentials') showWrongPassword();
 * }
 */
export class TesseraAuthError extends Error {
  override readonly name = 'TesseraAuthError';
  /** The problem's `code`, or `http_<status>` when the answer was not a problem document. */
  readonly code: string;
  readonly status: number;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: string, message: string, retryAfterSeconds: number | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * The error for a refused answer; reads the problem document when there is one.
 *
 * @example
 * if (!response.ok) throw await readAuthError(response);
 */
export async function readAuthError(response: Response): Promise<TesseraAuthError> {
  let code = `http_${response.status}`;
  let message = `Tessera answered ${response.status}.`;
  try {
    const problem = (await response.json()) as { code?: unknown; detail?: unknown };
    if (typeof problem.code === 'string') code = problem.code;
    if (typeof problem.detail === 'string') message = problem.detail;
  } catch {
    // Not JSON: the status says enough.
  }
  const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  return new TesseraAuthError(
    response.status,
    code,
    message,
    Number.isFinite(retryAfter) ? retryAfter : null,
  );
}
