import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { listen } from '../../test/harness.js';
import { answerClientError } from './answer-client-error.js';

/** Sends `head`, then `bodyBytes` of body in chunks as fast as the socket takes them; resolves what came back. */
function sendRaw(url: string, head: string, bodyBytes: number): Promise<{ data: string; error?: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (cause: NodeJS.ErrnoException) => (error = cause.code ?? cause.name));
    socket.on('close', () =>
      resolve({
        data: Buffer.concat(received).toString('latin1'),
        ...(error === undefined ? {} : { error }),
      }),
    );
    socket.on('connect', () => {
      socket.write(head);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < bodyBytes && !socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        if (!socket.destroyed) socket.end();
      };
      pump();
    });
  });
}

describe('answerClientError', () => {
  // Issue 11 (found by the request fuzz test): a head over Node's limit, followed by a large body,
  // was answered by Node's default 431 and an immediate close; the reset destroyed the 431 before
  // the client, still sending, could read it.
  it('a request line over the head limit with a large body still gets its 431 problem', async () => {
    const server = createServer({ maxHeaderSize: 16 * 1024 }, (_request, response) => response.end('ok'));
    server.on('clientError', answerClientError);
    const app = await listen(server);
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const head = `POST /${'a'.repeat(18_000)} HTTP/1.1\r\nhost: x\r\ncontent-length: 4000000\r\n\r\n`;
        const { data, error } = await sendRaw(app.url, head, 4_000_000);
        assert.match(
          data,
          /^HTTP\/1\.1 431 /,
          `attempt ${attempt}: ${error ?? 'no error'}, got ${data.slice(0, 80)}`,
        );
        assert.match(data, /"code":"invalid_request"/);
      }
    } finally {
      await app.close();
    }
  });

  it('broken framing is a 400 problem, and the server keeps serving', async () => {
    const server = createServer((_request, response) => response.end('ok'));
    server.on('clientError', answerClientError);
    const app = await listen(server);
    try {
      const { data } = await sendRaw(app.url, 'GET / HTTP/1.1\r\nhost: x\r\nno colon here\r\n\r\n', 0);
      assert.match(data, /^HTTP\/1\.1 400 /);
      assert.match(data, /application\/problem\+json/);
      assert.equal(await (await fetch(app.url)).text(), 'ok');
    } finally {
      await app.close();
    }
  });
});
