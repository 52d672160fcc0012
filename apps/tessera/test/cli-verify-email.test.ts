import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { createCliDataDir, runTessera } from './cli-harness.js';
import { PASSWORD } from './harness.js';

describe('tessera users verify-email (SQLite)', () => {
  let data: ReturnType<typeof createCliDataDir>;
  beforeEach(() => {
    data = createCliDataDir();
  });
  afterEach(() => data.remove());

  it('marks the address verified, audited with the CLI as actor; an unknown user is exit 1', async () => {
    const added = await runTessera(['users', 'add', 'ann@example.com'], data.env, { password: PASSWORD });
    assert.equal(added.code, 0, added.err);
    const verified = await runTessera(['users', 'verify-email', 'ann@example.com'], data.env);
    assert.equal(verified.code, 0, verified.err);
    assert.match(verified.out, /^verified the address of ann@example\.com/);
    const store = openSqliteStore({ path: join(data.dir, 'tessera.db') });
    try {
      const user = await store.getUserByEmail('ann@example.com');
      assert.equal(user?.emailVerified, true);
      const events = await store.listAuditEvents({
        userId: user.id,
        type: 'email.verified',
        before: null,
        limit: 5,
      });
      assert.equal(events.length, 1);
      assert.equal(events[0]?.detail['via'], 'cli');
    } finally {
      await store.close();
    }
    const unknown = await runTessera(['users', 'verify-email', 'nobody@example.com'], data.env);
    assert.equal(unknown.code, 1);
  });
});
