import type { TesseraStore } from '@tessera/core';
import type { RevocationEntry, RevocationStream } from '@tessera/core/store';
import { StoreUnavailableError } from '@tessera/core';
import { isRevocationStream } from '@tessera/core/store';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conformanceCases } from '../conformance/index.js';
import { createMemoryStore } from '../memory/index.js';
import { composeStore } from './compose-store.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');

// A memory store that counts its ping and close calls (and can be told to fail closing).
function countingStore(
  options: { failClose?: boolean } = {},
): TesseraStore & { pings: number; closes: number } {
  const inner = createMemoryStore();
  const counted = Object.assign(Object.create(null) as object, inner, {
    pings: 0,
    closes: 0,
    ping() {
      counted.pings += 1;
      return inner.ping();
    },
    async close() {
      counted.closes += 1;
      await inner.close();
      if (options.failClose === true) throw new StoreUnavailableError('close failed', undefined);
    },
  });
  return counted;
}

describe('composeStore', () => {
  describe('conformance, with memory stores as every part', () => {
    for (const conformanceCase of conformanceCases) {
      it(conformanceCase.name, async () => {
        const store = composeStore({
          base: createMemoryStore(),
          counters: createMemoryStore(),
          revocations: createMemoryStore(),
        });
        try {
          await conformanceCase.run(store);
        } finally {
          await store.close();
        }
      });
    }
  });

  it('routes counter and revocation calls to their parts, everything else to base', async () => {
    const base = createMemoryStore();
    const counters = createMemoryStore();
    const revocations = createMemoryStore();
    const store = composeStore({ base, counters, revocations });
    await store.incrementCounter('k', 1, 60, T0);
    await store.appendRevocations([
      { sessionId: 's', revokedAt: T0, expiresAt: new Date(T0.getTime() + 1000) },
    ]);
    assert.equal((await counters.getCounter('k', T0))?.count, 1);
    assert.equal(await base.getCounter('k', T0), null);
    assert.equal((await revocations.listRevocations(null, T0, 10)).length, 1);
    assert.deepEqual(await base.listRevocations(null, T0, 10), []);
    await store.insertSigningKey({
      kid: 'kid-1',
      alg: 'HS256',
      publicJwk: null,
      privateJwkCiphertext: 'v1.x',
      createdAt: T0,
      activatesAt: T0,
      retiredAt: null,
      expiresAt: null,
    });
    assert.equal((await base.listSigningKeys()).length, 1);
  });

  it('has readRevocations exactly when the revocation part has it', async () => {
    assert.equal(isRevocationStream(composeStore({ base: createMemoryStore() })), false);
    const reads: unknown[][] = [];
    const streaming: TesseraStore & RevocationStream = Object.assign(
      Object.create(null) as object,
      createMemoryStore(),
      {
        readRevocations(
          ...args: Parameters<RevocationStream['readRevocations']>
        ): Promise<RevocationEntry[]> {
          reads.push(args);
          return Promise.resolve([]);
        },
      },
    );
    const store = composeStore({ base: createMemoryStore(), revocations: streaming });
    assert.ok(isRevocationStream(store));
    assert.deepEqual(await store.readRevocations('0000000000000001', T0, 5, 100), []);
    assert.deepEqual(reads, [['0000000000000001', T0, 5, 100]]);
    // A base that streams, with no revocation part, streams through the composition too.
    assert.ok(isRevocationStream(composeStore({ base: streaming })));
  });

  it('pings every distinct part once, and closes each once even when closed twice or a part fails', async () => {
    const base = countingStore();
    const shared = countingStore({ failClose: true });
    const store = composeStore({ base, counters: shared, revocations: shared });
    await store.ping();
    assert.deepEqual([base.pings, shared.pings], [1, 1]);
    await assert.rejects(store.close(), StoreUnavailableError);
    await assert.rejects(store.close(), StoreUnavailableError);
    assert.deepEqual([base.closes, shared.closes], [1, 1], 'base closed although the other part failed');
    await assert.rejects(store.getUserById('u'), StoreUnavailableError);
  });

  it('ping rejects when any part is down', async () => {
    const down = createMemoryStore();
    await down.close();
    await assert.rejects(
      composeStore({ base: createMemoryStore(), counters: down }).ping(),
      StoreUnavailableError,
    );
  });

  it('rejects parts that miss methods with TypeError', () => {
    assert.throws(() => composeStore({ base: null as unknown as TesseraStore }), TypeError);
    assert.throws(
      () =>
        composeStore({
          base: createMemoryStore(),
          counters: { getCounter: () => Promise.resolve(null) } as never,
        }),
      /counters must have incrementCounter/,
    );
    assert.throws(() => composeStore({ base: createMemoryStore(), revocations: {} as never }), TypeError);
  });
});
