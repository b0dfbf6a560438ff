import { describe, expect, it } from 'vitest';
import { coalescedSync } from '../aggregator/coalesced-sync.js';

/** A flush the test finishes by hand, recording when each one started. */
function manualFlush() {
  const runs: { finish: () => void; fail: (error: Error) => void }[] = [];
  const flush = () =>
    new Promise<void>((resolve, reject) => {
      runs.push({ finish: resolve, fail: reject });
    });
  return { runs, flush };
}

/** Lets every promise callback that is ready run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('coalesced flush', () => {
  it('starts one flush for a caller when none runs', async () => {
    const m = manualFlush();
    const sync = coalescedSync(m.flush);
    const done = sync();
    expect(m.runs).toHaveLength(1);
    m.runs[0]!.finish();
    await expect(done).resolves.toBeUndefined();
  });

  it('makes callers that arrive during a flush wait for one more, which they share', async () => {
    const m = manualFlush();
    const sync = coalescedSync(m.flush);
    let settled = 0;
    const first = sync().then(() => settled++);
    // These wrote after the running flush began, so it may not cover them.
    const later = [sync(), sync(), sync()].map((p) => p.then(() => settled++));
    expect(m.runs).toHaveLength(1);
    m.runs[0]!.finish();
    await first;
    await settle();
    expect(settled).toBe(1);
    expect(m.runs).toHaveLength(2);
    m.runs[1]!.finish();
    await Promise.all(later);
    expect(settled).toBe(4);
    expect(m.runs).toHaveLength(2);
  });

  it('passes a failed flush to its callers only, and flushes again for the next', async () => {
    const m = manualFlush();
    const sync = coalescedSync(m.flush);
    const failed = sync();
    const waiting = sync();
    m.runs[0]!.fail(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    await settle();
    // The caller that waited gets a flush of its own, which succeeds.
    m.runs[1]!.finish();
    await expect(waiting).resolves.toBeUndefined();
  });
});
