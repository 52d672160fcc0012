// Runs the CLI in-process, as `tessera` would, with its output captured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
