import assert from 'node:assert/strict';

/** What `requireService` decided: run the tests (`skip: false`) or skip them, with the reason. */
export interface ServiceRequirement {
  /** `false` when the service answered; otherwise the reason, ready for `describe(…, { skip })`. */
  skip: string | false;
}

/** How long a probe may take before the service counts as unreachable (a dropped SYN never fails). */
const probeTimeoutMilliseconds = 10_000;

/**
 * Decides whether the tests that need an external service (the shared PostgreSQL or Redis of
 * ../shared/SERVICES.md, or a private instance a test starts) can run. Calls `probe`: when it resolves,
 * the tests run. When it rejects or takes longer than 10 s, the tests are skipped loudly (the reason
 * goes to stderr and into the skip message), except when the `CI` environment variable is set (to
 * anything but `''`, `0` or `false`): there a missing service is a broken machine, so this throws an
 * `AssertionError` and the test file fails instead of passing with nothing tested.
 *
 * `name` says what was probed and where (`'PostgreSQL at postgres://127.0.0.1:5432/test'`); `hint` says
 * how to fix it.
 *
 * @example
 * const { skip } = await requireService('Redis at 127.0.0.1:6379', () => ping(client));
 * describe('openRedisStore', { skip }, () => { … });
 */
export async function requireService(
  name: string,
  probe: () => Promise<unknown>,
  hint = 'start it as ../shared/SERVICES.md says',
): Promise<ServiceRequirement> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`no answer within ${probeTimeoutMilliseconds} ms`));
        }, probeTimeoutMilliseconds);
        timer.unref();
      }),
    ]);
    return { skip: false };
  } catch (error) {
    const reason = `${name} not reachable (${describeError(error)}): ${hint}`;
    if (isCi()) {
      assert.fail(`${reason}. CI is set, so a missing service fails the run instead of skipping its tests.`);
    }
    process.stderr.write(`\n*** SKIPPING tests: ${reason} ***\n\n`);
    return { skip: reason };
  } finally {
    clearTimeout(timer);
  }
}

function isCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

// The code and message of the failure, without a stack: enough to tell "refused" from "auth failed".
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message === '' && error instanceof AggregateError ? 'several errors' : error.message;
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
