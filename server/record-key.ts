import { randomFillSync } from 'node:crypto';

/** Record keys drawn per refill: one system call for many reports. */
const POOL = 1024;

/**
 * Record keys for the cell key method (aggregator/cell-key.ts): uniform on [0, 2³²) and
 * unpredictable, from the operating system's random source, drawn in pools so the hot path
 * rarely calls it. A key is summed into its report's counters and never kept on its own.
 */
export function recordKeys(): () => number {
  const pool = new Uint32Array(POOL);
  let next = POOL;
  return function recordKey() {
    if (next === POOL) {
      randomFillSync(pool);
      next = 0;
    }
    return pool[next++]!;
  };
}
