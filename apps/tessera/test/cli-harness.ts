// Runs the CLI in-process, as `tessera` would, with its output captured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cryptoRandomBytes, systemClock, type RandomBytes } from '@tessera/core';
import { createSession, resolveSessionPolicy, SessionCache } from '@tessera/core/session';
import { withCliStore } from '../src/cli/open-cli-store.js';
import { resolveCliUser } from '../src/cli/resolve-cli-user.js';
import { runCli } from '../src/run-cli.js';
import { TEST_SECRET } from './harness.js';

/** What one CLI run printed, and its exit code. */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `tessera <args>`; `password` is what the password prompt reads. */
export async function runTessera(
  args: string[],
  env: Record<string, string>,
  options: { password?: string; errIsTty?: boolean; signal?: AbortSignal } = {},
): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(args, env, {
    out: (text) => (out += text),
    err: (text) => (err += text),
    errIsTty: options.errIsTty ?? false,
    readPassword: () => Promise.resolve(options.password ?? ''),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, out, err };
}

/** A fresh data directory (SQLite) and the environment pointing at it. */
export function createCliDataDir(): { dir: string; env: Record<string, string>; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  return {
    dir,
    env: { TESSERA_DATA_DIR: dir, TESSERA_SECRET: TEST_SECRET },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Random bytes whose first draw encodes in base64url to a leading "-" (a first byte of 0xF8–0xFB):
 * what 1 in 64 real ids look like (issue 11), chosen here rather than left to chance.
 */
export function dashFirstRandomBytes(): RandomBytes {
  let first = true;
  return (byteLength) => {
    const bytes = cryptoRandomBytes(byteLength);
    if (first && byteLength > 0) bytes[0] = 0xf8 | ((bytes[0] ?? 0) & 0x03);
    first = false;
    return bytes;
  };
}

/** A cookie session of the user `email` whose id starts with "-", created in the store the CLI uses. */
export async function createDashSession(
  env: Record<string, string>,
  email: string,
): Promise<{ id: string; token: string }> {
  return withCliStore(env, async (cli) => {
    const user = await resolveCliUser(cli.store, email);
    const created = await createSession(
      {
        store: cli.store,
        clock: systemClock,
        randomBytes: dashFirstRandomBytes(),
        policy: resolveSessionPolicy(),
        sessionCache: new SessionCache(cli.store, systemClock, { maxSessions: 0, userTtlSeconds: 0 }),
      },
      { userId: user.id, ip: null, userAgent: null, transport: 'cookie', amr: ['pwd'] },
    );
    if (!created.session.id.startsWith('-')) throw new Error('the session id does not start with "-"');
    return { id: created.session.id, token: created.token };
  });
}
