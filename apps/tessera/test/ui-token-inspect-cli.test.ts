import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../src/run-cli.js';
import { runTokenInspect } from '../src/run-token-inspect.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';

function capture() {
  const io = { out: '', err: '' };
  return { io, sink: { out: (text: string) => (io.out += text), err: (text: string) => (io.err += text) } };
}

describe('tessera token inspect', () => {
  let server: TestServer;
  let token: string;
  let jwksUrl: string;
  let dir: string;
  before(async () => {
    server = await startTestServer();
    const result = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail('cli'), password: PASSWORD, transport: 'bearer' },
    });
    token = result.json.access_token;
    jwksUrl = `${server.url}/.well-known/jwks.json`;
    dir = mkdtempSync(join(tmpdir(), 'tessera-inspect-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  it('a valid token from our server: header, claims, times, a valid signature, exit 0', async () => {
    const { io, sink } = capture();
    const code = await runTokenInspect([token, '--jwks', jwksUrl], {}, sink, { now: server.clock.now() });
    assert.equal(code, 0, io.out + io.err);
    assert.match(io.out, /^Header\n {2}\{\n {4}"alg": "EdDSA"/);
    assert.match(io.out, /"typ": "at\+jwt"/);
    assert.match(io.out, /\nClaims\n/);
    assert.match(io.out, /exp {7}\d{4}-\d\d-\d\dT[\d:.]+Z {2}expires in 15 minutes/);
    assert.match(io.out, /Signature: valid\./);
    assert.match(io.out, /Warnings: none\nResult: valid\n$/);
  });

  it('checks against the configured server by default, and against a key set in a file', async () => {
    const port = new URL(server.url).port;
    const byConfig = capture();
    assert.equal(
      await runTokenInspect([token], { PORT: port }, byConfig.sink, { now: server.clock.now() }),
      0,
    );
    const file = join(dir, 'jwks.json');
    writeFileSync(file, (await server.send('GET', '/.well-known/jwks.json')).text);
    const byFile = capture();
    assert.equal(
      await runTokenInspect([token, '--jwks', file], {}, byFile.sink, { now: server.clock.now() }),
      0,
    );
    const fromStdin = capture();
    const code = await runTokenInspect(['-', '--jwks', file], {}, fromStdin.sink, {
      now: server.clock.now(),
      readStdin: () => Promise.resolve(`${token}\n`),
    });
    assert.equal(code, 0);
  });

  it('not valid → exit 1: tampered, expired (real time), unreadable key set, not a token', async () => {
    const tampered = capture();
    const flipped = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.slice(-1)}`;
    assert.equal(await runCli(['token', 'inspect', flipped, '--jwks', jwksUrl], {}, tampered.sink), 1);
    assert.match(tampered.io.out, /Signature: invalid\./);
    assert.match(tampered.io.out, /Result: NOT valid/);

    const expired = capture();
    const later = new Date(server.clock.now().getTime() + 86_400_000);
    assert.equal(await runTokenInspect([token, '--jwks', jwksUrl], {}, expired.sink, { now: later }), 1);
    assert.match(expired.io.out, /The token expired 23 hours ago\. \[expired\]/);

    const missing = capture();
    assert.equal(
      await runCli(['token', 'inspect', token, '--jwks', join(dir, 'nope.json')], {}, missing.sink),
      1,
    );
    assert.match(missing.io.err, /could not read the key set/);
    assert.match(missing.io.out, /Signature: not-checked\./);

    const garbage = capture();
    assert.equal(await runCli(['token', 'inspect', 'hello', '--jwks', jwksUrl], {}, garbage.sink), 1);
    assert.equal(
      garbage.io.out,
      'Not a token: A signed token has three parts separated by dots; this has 1.\n',
    );
  });

  it('usage errors → exit 2', async () => {
    for (const args of [
      ['token', 'inspect'],
      ['token', 'inspect', 'a', 'b'],
      ['token', 'inspect', token, '--unknown'],
      ['token', 'inspect', token, '--jwks'],
    ]) {
      const { io, sink } = capture();
      assert.equal(await runCli(args, {}, sink), 2, args.join(' '));
      assert.match(io.err, /token inspect <jwt\|->/);
    }
    const help = capture();
    await runCli(['help'], {}, help.sink);
    assert.match(help.io.out, /token inspect <jwt\|-> \[--jwks <url\|file>\]/);
  });
});
