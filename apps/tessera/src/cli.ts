import { readPassword } from './cli/read-password.js';
import { runCli } from './run-cli.js';

const stop = new AbortController();
// The first signal ends `audit tail --follow` cleanly; commands that do not wait ignore it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTty: process.stderr.isTTY,
  readPassword: (prompt) => readPassword(process.stdin, process.stderr, prompt),
  signal: stop.signal,
});
