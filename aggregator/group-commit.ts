import type { Increments } from './fold.js';
import type { CountRow } from './store.js';

export interface BatchStats {
  /** Reports in the batch. */
  reports: number;
  /** Distinct counters written (one upsert each). */
  counters: number;
  durationMs: number;
  ok: boolean;
}

export interface GroupCommitOptions {
  /** Writes the merged rows in one transaction; throws if it did not commit. */
  commit: (rows: Iterable<CountRow>) => void;
  /** A batch is committed at once when it holds this many reports. */
  maxBatch: number;
  onBatch?: (stats: BatchStats) => void;
  now?: () => number;
}

/** A counter's increment in a batch: reports and the sum of their record keys. */
interface Increment {
  n: number;
  key: number;
}

interface Batch {
  counters: Map<string, Map<string, Map<string, Increment>>>;
  reports: number;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function* rowsOf(batch: Batch): Generator<CountRow> {
  for (const [day, areas] of batch.counters) {
    for (const [area, metrics] of areas) {
      for (const [metric, { n, key }] of metrics) yield { day, area, metric, n, key };
    }
  }
}

export class CommitFailedError extends Error {
  constructor(cause: unknown) {
    super('the batch holding this report did not commit', { cause });
    this.name = 'CommitFailedError';
  }
}

/**
 * Group commit: increments from every request that arrives while the previous transaction
 * runs are merged per counter and written in one transaction, started as soon as the event
 * loop is free (no timer). Each submitter's promise settles only after that transaction
 * committed or failed, so an acknowledgement is never sent for an uncommitted report (I6).
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
    let areas = batch.counters.get(increments.day);
    if (!areas) batch.counters.set(increments.day, (areas = new Map()));
    let metrics = areas.get(increments.area);
    if (!metrics) areas.set(increments.area, (metrics = new Map()));
    for (const metric of increments.metrics) {
      const counter = metrics.get(metric);
      if (counter) {
        counter.n += 1;
        counter.key = (counter.key + increments.key) >>> 0;
      } else metrics.set(metric, { n: 1, key: increments.key });
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
    const rows = [...rowsOf(batch)];
    let ok = false;
    try {
      this.options.commit(rows);
      ok = true;
      batch.resolve();
    } catch (error) {
      batch.reject(new CommitFailedError(error));
    }
    this.options.onBatch?.({ reports: batch.reports, counters: rows.length, durationMs: now() - started, ok });
  }

  private open(): Batch {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.batch = { counters: new Map(), reports: 0, done, resolve, reject };
    setImmediate(this.commitScheduled);
    return this.batch;
  }
}
