import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RevocationFeedUnavailableError } from './access-token-error.js';
import { RevocationSet } from './revocation-set.js';

const t0 = new Date('2025-06-01T12:00:00Z');
const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

describe('RevocationSet', () => {
  it('reports a session revoked until its entry expires', () => {
    const set = RevocationSet.local();
    set.add('ses_1', at(900));
    assert.equal(set.isRevoked('ses_1', at(0)), true);
    assert.equal(set.isRevoked('ses_1', at(899)), true);
    assert.equal(set.isRevoked('ses_1', at(900)), false);
    assert.equal(set.isRevoked('ses_2', at(0)), false);
  });

  it('keeps the later expiry when a session is added twice', () => {
    const set = RevocationSet.local();
    set.add('ses_1', at(900));
    set.add('ses_1', at(100));
    assert.equal(set.isRevoked('ses_1', at(500)), true);
    assert.equal(set.size, 1);
  });

  it('drops expired entries, so memory is bounded by the live ones', () => {
    const set = RevocationSet.local();
    for (let i = 0; i < 1000; i += 1) set.add(`old_${i}`, at(10));
    set.add('live', at(1000));
    assert.equal(set.size, 1001);
    set.isRevoked('anything', at(11));
    assert.equal(set.size, 1);
    set.prune(at(1000));
    assert.equal(set.size, 0);
  });

  it('sweeps during feed health marks too', () => {
    const set = new RevocationSet({ createdAt: t0 });
    set.add('old', at(5));
    set.markFeedHealthy(at(6));
    assert.equal(set.size, 0);
  });

  it('refuses bad entries with TypeError', () => {
    const set = RevocationSet.local();
    assert.throws(() => set.add('', at(1)), TypeError);
    assert.throws(() => set.add('ses', new Date('nope')), TypeError);
    assert.throws(() => set.add('ses', 5 as unknown as Date), TypeError);
    assert.throws(() => set.isRevoked('ses', new Date(Number.NaN)), TypeError);
  });

  describe('feed-loss policy', () => {
    it('defaults to fail-closed with a 30 s window', () => {
      const set = new RevocationSet({ createdAt: t0 });
      assert.equal(set.onFeedLoss, 'fail-closed');
      set.assertUsable(at(30));
      assert.throws(() => set.assertUsable(at(31)), RevocationFeedUnavailableError);
    });

    it('fail-closed: a never-healthy feed counts as lost from createdAt', () => {
      const set = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 5, createdAt: t0 });
      set.assertUsable(at(5));
      assert.throws(
        () => set.assertUsable(at(6)),
        (error: unknown) => {
          assert.ok(error instanceof RevocationFeedUnavailableError);
          assert.equal(error.code, 'ERR_REVOCATION_FEED_UNAVAILABLE');
          return true;
        },
      );
    });

    it('fail-closed: healthy is usable; lost is usable for the window, then refused', () => {
      const set = new RevocationSet({ onFeedLoss: 'fail-closed', maxFeedSilenceSeconds: 30, createdAt: t0 });
      set.markFeedHealthy(at(1));
      set.assertUsable(at(10_000)); // healthy: a quiet feed is not a lost one
      set.markFeedLost(at(100));
      set.markFeedLost(at(120)); // still the same outage: counted from 100
      set.assertUsable(at(130));
      assert.throws(() => set.assertUsable(at(131)), RevocationFeedUnavailableError);
      set.markFeedHealthy(at(140));
      set.assertUsable(at(140));
    });

    it('accept-until-expiry never throws, and revocations already received still apply', () => {
      const set = new RevocationSet({
        onFeedLoss: 'accept-until-expiry',
        maxFeedSilenceSeconds: 1,
        createdAt: t0,
      });
      set.add('ses_1', at(900));
      set.markFeedLost(at(0));
      set.assertUsable(at(800));
      assert.equal(set.isRevoked('ses_1', at(800)), true);
    });

    it('local() needs no feed at all', () => {
      const set = RevocationSet.local();
      assert.equal(set.onFeedLoss, 'accept-until-expiry');
      set.assertUsable(at(1_000_000));
    });

    it('refuses bad options with TypeError', () => {
      assert.throws(() => new RevocationSet({ onFeedLoss: 'fail-open' as 'fail-closed' }), TypeError);
      assert.throws(() => new RevocationSet({ maxFeedSilenceSeconds: -1 }), TypeError);
      assert.throws(() => new RevocationSet({ createdAt: new Date('x') }), TypeError);
    });
  });
});
