import { type AreaDay, emptyAreaDay } from './area-day.js';
import type { Increments } from './fold.js';
import { METRIC_INDEX } from './metrics.js';

export interface BatchStats {
  /** Reports in the batch. */
  reports: number;
  /** Area-days written (one row each). */
  counters: number;
  durationMs: number;
  ok: boolean;
}

export interface GroupCommitOptions {
  /** Adds the area-days' counts and key sums to the stored ones, in one transaction; throws if it did not commit. */
  commit: (increments: readonly AreaDay[]) => void;
  /** A batch is committed at once when it holds this many reports. */
  maxBatch: number;
  onBatch?: (stats: BatchStats) => void;
  now?: () => number;
}

interface Batch {
  /** By `day \0 area`: the increments of that municipality's day. */
  areaDays: Map<string, AreaDay>;
  reports: number;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class CommitFailedError extends Error {
  constructor(cause: unknown) {
    super('the batch holding this report did not commit', { cause });
    this.name = 'CommitFailedError';
  }
}

/**
 * Group commit: increments from every request that arrives while the previous transaction
 * runs are merged per municipality and day and written in one transaction, started as soon as
 * the event loop is free (no timer). Each submitter's promise settles only after that
 * transaction committed or failed, so an acknowledgement is never sent for an uncommitted
 * report (I6).
 */
export class GroupCommit {
  private batch: Batch | undefined;
  private readonly commitScheduled = () => this.commitNow();

  constructor(private readonly options: GroupCommitOptions) {}

  /** Reports waiting for the next transaction. */
  get pending(): number {
    return this.batch?.reports ?? 0;
  }

  submit(increments: Increments): Promise<void> {
    const batch = this.batch ?? this.open();
    const name = `${increments.day}\u0000${increments.area}`;
    let a = batch.areaDays.get(name);
    if (!a) batch.areaDays.set(name, (a = emptyAreaDay(increments.day, increments.area)));
    for (const metric of increments.metrics) {
      const k = METRIC_INDEX.get(metric);
      if (k === undefined) throw new Error(`the fold emitted ${metric}, which the catalogue does not hold`);
      a.n[k]! += 1;
      a.key[k] = (a.key[k]! + increments.key) >>> 0;
    }
    batch.reports += 1;
    if (batch.reports >= this.options.maxBatch) this.commitNow();
    return batch.done;
  }

  /** Commits what is pending now, synchronously: on shutdown, and when a batch is full. */
  commitNow(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    const now = this.options.now ?? performance.now.bind(performance);
    const started = now();
    const areaDays = [...batch.areaDays.values()];
    let ok = false;
    try {
      this.options.commit(areaDays);
      ok = true;
      batch.resolve();
    } catch (error) {
      batch.reject(new CommitFailedError(error));
    }
    this.options.onBatch?.({ reports: batch.reports, counters: areaDays.length, durationMs: now() - started, ok });
  }

  private open(): Batch {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.batch = { areaDays: new Map(), reports: 0, done, resolve, reject };
    setImmediate(this.commitScheduled);
    return this.batch;
  }
}
