import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliUsageError } from './cli-command.js';
import { parseCliArgs, type CliOptions } from './parse-cli-args.js';

const options: CliOptions = {
  session: { type: 'string' },
  role: { type: 'string', multiple: true, short: 'r' },
  now: { type: 'boolean' },
};

describe('parseCliArgs', () => {
  it('an option value may start with "-" (issue 11: 1 in 64 base64url ids do)', () => {
    for (const args of [['--session', '-Ab3'], ['--session=-Ab3']]) {
      assert.deepEqual(parseCliArgs(args, options).values, { session: '-Ab3' });
    }
    assert.deepEqual(parseCliArgs(['--session', '--now'], options).values, { session: '--now' });
    assert.deepEqual(parseCliArgs(['-r', '-x', '--role', '--y'], options).values, { role: ['-x', '--y'] });
    assert.deepEqual(parseCliArgs(['--session', '-h'], options), {
      help: false,
      positionals: [],
      values: { session: '-h' },
    });
  });

  it('"--" ends the options; help only where it is an option', () => {
    assert.deepEqual(parseCliArgs(['--now', '--', '-Ab3', '--help'], options), {
      help: false,
      positionals: ['-Ab3', '--help'],
      values: { now: true },
    });
    assert.equal(parseCliArgs(['x', '-h'], options).help, true);
    assert.equal(parseCliArgs(['--colour', '--help'], options).help, true);
    assert.deepEqual(parseCliArgs(['-'], options).positionals, ['-']);
  });

  it('refuses unknown options, naming the "--" way, and missing or misplaced values', () => {
    assert.throws(
      () => parseCliArgs(['-Ab3'], options),
      (error: unknown) => {
        assert.ok(error instanceof CliUsageError);
        assert.match(error.message, /^unknown option "-Ab3"; .*"--": … -- "-Ab3"$/);
        return true;
      },
    );
    assert.throws(() => parseCliArgs(['--session'], options), /argument missing/);
    assert.throws(() => parseCliArgs(['--now=yes'], options), /does not take an argument/);
  });
});
