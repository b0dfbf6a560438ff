import { describe, expect, it, vi } from 'vitest';
import { type BatchStats, CommitFailedError, GroupCommit } from '../aggregator/group-commit.js';
import { type AreaDay, type CountRow, countRowsOf } from '../aggregator/area-day.js';
import { METRIC_INDEX } from '../aggregator/metrics.js';

/** Records each transaction's area-days in long format. */
function recorder(fail = () => false) {
  const transactions: CountRow[][] = [];
  const batches: BatchStats[] = [];
  const commit = (areaDays: readonly AreaDay[]) => {
    if (fail()) throw new Error('disk full');
    transactions.push(areaDays.flatMap((a) => [...countRowsOf(a)]));
  };
  return { transactions, batches, commit, onBatch: (s: BatchStats) => batches.push(s) };
}

/** The catalogue positions of named metrics, as the fold hands them out. */
const at = (...names: string[]) => names.map((name) => METRIC_INDEX.get(name)!);

/** A record key for reports whose key the test does not look at. */
const KEY = 12345;

describe('group commit', () => {
  it('merges increments that arrive together into one row per municipality and day', async () => {
    const r = recorder();
    const gc = new GroupCommit({ commit: r.commit, maxBatch: 100, onBatch: r.onBatch });
    await Promise.all([
      gc.submit({ day: 'd1', area: 'A', metrics: at('reports', 'cli'), key: 0xffff_fff0 }),
      gc.submit({ day: 'd1', area: 'A', metrics: at('reports'), key: 0x20 }),
      gc.submit({ day: 'd1', area: 'B', metrics: at('reports'), key: 7 }),
    ]);
    // Each counter gets its reports' record keys summed, modulo 2³².
    expect(r.transactions).toEqual([
      [
        { day: 'd1', area: 'A', metric: 'reports', n: 2, key: 0x10 },
        { day: 'd1', area: 'A', metric: 'cli', n: 1, key: 0xffff_fff0 },
        { day: 'd1', area: 'B', metric: 'reports', n: 1, key: 7 },
      ],
    ]);
    expect(r.batches).toEqual([expect.objectContaining({ reports: 3, counters: 2, ok: true })]);
  });

  it('settles a submitter only after its transaction ran', async () => {
    const r = recorder();
    const gc = new GroupCommit({ commit: r.commit, maxBatch: 100 });
    const done = gc.submit({ day: 'd', area: 'A', metrics: at('reports'), key: KEY });
    expect(r.transactions).toHaveLength(0);
    expect(gc.pending).toBe(1);
    await done;
    expect(r.transactions).toHaveLength(1);
    expect(gc.pending).toBe(0);
  });

  it('commits a full batch at once and starts the next', async () => {
    const r = recorder();
    const gc = new GroupCommit({ commit: r.commit, maxBatch: 2 });
    const all = [1, 2, 3].map(() => gc.submit({ day: 'd', area: 'A', metrics: at('reports'), key: KEY }));
    expect(r.transactions).toHaveLength(1);
    await Promise.all(all);
    expect(r.transactions.map((t) => t[0]!.n)).toEqual([2, 1]);
  });

  it('rejects every submitter of a failed batch, and only those', async () => {
    let failing = true;
    const r = recorder(() => failing);
    const gc = new GroupCommit({ commit: r.commit, maxBatch: 100, onBatch: r.onBatch });
    const failed = [gc.submit({ day: 'd', area: 'A', metrics: at('cli'), key: KEY }), gc.submit({ day: 'd', area: 'B', metrics: at('cli'), key: KEY })];
    for (const p of failed) await expect(p).rejects.toBeInstanceOf(CommitFailedError);
    failing = false;
    await gc.submit({ day: 'd', area: 'C', metrics: at('cli'), key: KEY });
    expect(r.transactions).toEqual([[{ day: 'd', area: 'C', metric: 'cli', n: 1, key: KEY }]]);
    expect(r.batches.map((b) => b.ok)).toEqual([false, true]);
  });

  it('answers a batch only once its commit is on disk, and fails it when the flush fails', async () => {
    const r = recorder();
    const flushes: { finish: () => void; fail: (error: Error) => void }[] = [];
    const durable = () => new Promise<void>((finish, fail) => void flushes.push({ finish, fail }));
    const gc = new GroupCommit({ commit: r.commit, durable, maxBatch: 100, onBatch: r.onBatch });
    let answered = false;
    const first = gc.submit({ day: 'd', area: 'A', metrics: at('reports'), key: KEY }).then(() => (answered = true));
    gc.commitNow();
    // Committed (a release would read it) but not yet on disk: not answered.
    expect(r.transactions).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    flushes[0]!.finish();
    await first;
    expect(r.batches).toEqual([expect.objectContaining({ reports: 1, ok: true })]);

    const second = gc.submit({ day: 'd', area: 'B', metrics: at('reports'), key: KEY });
    gc.commitNow();
    flushes[1]!.fail(new Error('EIO'));
    await expect(second).rejects.toBeInstanceOf(CommitFailedError);
    expect(r.batches.map((b) => b.ok)).toEqual([true, false]);
  });

  it('gathers the reports that arrive during a flush into one transaction, committed when the flush ends', async () => {
    const r = recorder();
    const flushes: (() => void)[] = [];
    const gc = new GroupCommit({ commit: r.commit, durable: () => new Promise<void>((finish) => void flushes.push(finish)), maxBatch: 100 });
    const first = gc.submit({ day: 'd', area: 'A', metrics: at('reports'), key: KEY });
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.transactions).toHaveLength(1);
    // The flush of the first is under way: these wait, however many turns of the event loop pass.
    const later = [gc.submit({ day: 'd', area: 'A', metrics: at('reports'), key: KEY })];
    await new Promise((resolve) => setImmediate(resolve));
    later.push(gc.submit({ day: 'd', area: 'B', metrics: at('reports'), key: KEY }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.transactions).toHaveLength(1);
    expect(gc.pending).toBe(2);
    flushes[0]!();
    await first;
    await vi.waitFor(() => expect(r.transactions).toHaveLength(2));
    expect(r.transactions[1]!.map((row) => `${row.area} ${row.n}`)).toEqual(['A 1', 'B 1']);
    flushes[1]!();
    await Promise.all(later);
  });

  it('drains: resolves once every batch committed so far is settled', async () => {
    const r = recorder();
    const flushes: (() => void)[] = [];
    const gc = new GroupCommit({ commit: r.commit, durable: () => new Promise<void>((finish) => void flushes.push(finish)), maxBatch: 100 });
    const submitted = gc.submit({ day: 'd', area: 'A', metrics: at('reports'), key: KEY });
    let drained = false;
    const drain = gc.drain().then(() => (drained = true));
    expect(r.transactions).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    flushes[0]!();
    await Promise.all([submitted, drain]);
    expect(drained).toBe(true);
  });

  it('commits what is pending on demand', () => {
    const r = recorder();
    const gc = new GroupCommit({ commit: r.commit, maxBatch: 100 });
    void gc.submit({ day: 'd', area: 'A', metrics: at('reports'), key: KEY });
    gc.commitNow();
    expect(r.transactions).toHaveLength(1);
    gc.commitNow();
    expect(r.transactions).toHaveLength(1);
  });
});
