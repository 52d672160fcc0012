// writeNodeResponse over a real node:http server: headers a framework or middleware set before it
// stay, and a Vary of ours adds to theirs instead of replacing it.
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { writeNodeResponse } from './write-node-response.js';

async function answer(before: (response: ServerResponse) => void, vary: string): Promise<Headers> {
  const server = createServer((_request, response) => {
    before(response);
    void writeNodeResponse(response, {
      status: 401,
      headers: [
        ['content-type', 'application/problem+json'],
        ['vary', vary],
      ],
      body: '{}',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    await response.arrayBuffer();
    return response.headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('writeNodeResponse', () => {
  it("adds its Vary names to the application's, each once", async () => {
    const merged = await answer((response) => response.setHeader('vary', 'Accept-Encoding'), 'Origin');
    assert.equal(merged.get('vary'), 'Accept-Encoding, Origin');
    const repeated = await answer((response) => response.setHeader('vary', ['origin', 'Accept']), 'Origin');
    assert.equal(repeated.get('vary'), 'origin, Accept');
    const any = await answer((response) => response.setHeader('vary', '*'), 'Origin');
    assert.equal(any.get('vary'), '*');
  });

  it('keeps the other headers set before it and sends its own Vary alone', async () => {
    const headers = await answer((response) => response.setHeader('x-request-id', 'r1'), 'Origin');
    assert.equal(headers.get('x-request-id'), 'r1');
    assert.equal(headers.get('vary'), 'Origin');
  });
});
