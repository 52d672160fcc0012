import { StoreUnavailableError } from '@tessera/core';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conformanceCases } from '../conformance/index.js';
import { createMemoryStore } from './create-memory-store.js';

describe('createMemoryStore', () => {
  describe('conformance', () => {
    for (const conformanceCase of conformanceCases) {
      it(conformanceCase.name, async () => {
        const store = createMemoryStore();
        try {
          await conformanceCase.run(store);
        } finally {
          await store.close();
        }
      });
    }
  });

  it('keeps separate data per store', async () => {
    const first = createMemoryStore();
    const second = createMemoryStore();
    await first.incrementCounter('k', 1, 60, new Date(0));
    assert.equal(await second.getCounter('k', new Date(0)), null);
  });

  it('rejects every call with StoreUnavailableError once closed, and close is idempotent', async () => {
    const store = createMemoryStore();
    await store.close();
    await store.close();
    await assert.rejects(store.ping(), StoreUnavailableError);
    await assert.rejects(store.getUserById('u'), StoreUnavailableError);
    await assert.rejects(store.incrementCounter('k', 1, 60, new Date(0)), StoreUnavailableError);
  });
});
