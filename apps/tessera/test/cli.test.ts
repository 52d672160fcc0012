import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runCli } from '../src/run-cli.js';
import { TEST_SECRET } from './harness.js';

async function cli(args: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await runCli(args, env, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('tessera keys', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
    env = { TESSERA_DATA_DIR: dataDir, TESSERA_SECRET: TEST_SECRET };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('list creates the first key on an empty store and shows it signing', async () => {
    const result = await cli(['keys', 'list'], env);
    assert.equal(result.code, 0, result.err);
    const lines = result.out.trim().split('\n');
    assert.match(lines[0]!, /^KID\s+ALG\s+STATE/);
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /EdDSA\s+signing/);
  });

  it('rotate publishes a pending key that signs later; --now makes it sign at once', async () => {
    await cli(['keys', 'list'], env);
    const rotated = await cli(['keys', 'rotate'], env);
    assert.equal(rotated.code, 0, rotated.err);
    assert.match(rotated.out, /added key \S+ \(EdDSA\)/);
    assert.match(rotated.out, /pending/);
    assert.match(rotated.out, /signing/);
    const immediate = await cli(['keys', 'rotate', '--now'], env);
    assert.equal(immediate.code, 0, immediate.err);
    const list = await cli(['keys', 'list'], env);
    const states = list.out
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/)[2]);
    assert.deepEqual(states, ['signing', 'retired', 'retired']);
    assert.ok(!list.out.includes('"d"'), 'no private material is printed');
  });

  it('refuses a wrong secret with a clear message instead of a stack trace', async () => {
    await cli(['keys', 'list'], env);
    const result = await cli(['keys', 'list'], {
      ...env,
      TESSERA_SECRET: 'another-secret-that-is-long-enough-to-use-0123',
    });
    assert.notEqual(result.code, 0);
    assert.match(result.err, /TESSERA_SECRET/);
  });

  it('answers unknown commands and flags with usage and exit code 2', async () => {
    assert.equal((await cli(['frobnicate'], env)).code, 2);
    assert.equal((await cli(['keys', 'rotate', '--later'], env)).code, 2);
    const help = await cli(['help'], env);
    assert.equal(help.code, 0);
    assert.match(help.out, /keys rotate/);
  });
});
