import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startServerProcess } from './processes.js';

describe('the body limit (DESIGN §3.2)', () => {
  // Issue 11: the socket closed while fetch was still sending, so the client saw EPIPE, not the 413.
  // The server runs in its own process: in the test's process the client and the server take turns
  // on one event loop and the race never shows.
  it('JSON bodies of 2 and 6 MiB from fetch get the 413 problem every time on login, register and refresh', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-body-limit-'));
    const server = await startServerProcess({ TESSERA_SECRET: 'x'.repeat(48), TESSERA_DATA_DIR: dataDir });
    try {
      // 2 MiB fails over real networks; on loopback the socket buffers hide it up to a few MiB.
      for (const size of [2, 6]) {
        const body = JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(size * 1024 * 1024) });
        for (const path of ['/auth/login', '/auth/register', '/auth/refresh']) {
          for (let attempt = 0; attempt < 5; attempt += 1) {
            const response = await fetch(new URL(path, server.url), {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            });
            assert.equal(response.status, 413, `${size} MiB to ${path} #${attempt}`);
            assert.match(String(response.headers.get('content-type')), /^application\/problem\+json/);
            assert.equal(((await response.json()) as { code: string }).code, 'payload_too_large');
          }
        }
      }
      assert.equal((await fetch(new URL('/livez', server.url))).status, 200);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
