import { type AreaDay, emptyAreaDay } from './area-day.js';
import type { Increments } from './fold.js';

export interface BatchStats {
  /** Reports in the batch. */
  reports: number;
  /** Area-days written (one row each). */
  counters: number;
  /** From the start of the transaction until it was on disk. */
  durationMs: number;
  ok: boolean;
}

export interface GroupCommitOptions {
  /**
   * Adds the area-days' counts and key sums to the stored ones, in one transaction; throws if
   * it did not commit. The area-days are the group commit's own, zeroed and used again for the
   * next batch: whatever `commit` keeps, it copies.
   */
  commit: (increments: readonly AreaDay[]) => void;
  /**
   * Resolves once every transaction committed before the call is on disk (the store's WAL
   * flush, run off the event loop); rejects if that failed. Absent: a commit is final when
   * `commit` returns.
   */
  durable?: () => Promise<void>;
  /** A batch is committed at once when it holds this many reports. */
  maxBatch: number;
  onBatch?: (stats: BatchStats) => void;
  now?: () => number;
}

interface Batch {
  number: number;
  /** The increments of each municipality's day the batch touched. */
  areaDays: AreaDay[];
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

/** One municipality's day, kept from batch to batch: a batch allocates nothing per municipality. */
interface Accumulator {
  readonly areaDay: AreaDay;
  /** The last batch that added to it. */
  batch: number;
}

/**
 * Group commit: increments from every request that arrives while the previous transaction
 * runs are merged per municipality and day and written in one transaction, started as soon as
 * the event loop is free (no timer). Each submitter's promise settles only after that
 * transaction committed and is on disk, or failed, so an acknowledgement is never sent for
 * a report a power cut could still take (I6). While a transaction is being flushed to disk,
 * the reports that arrive gather for the next one, committed when the flush ends: the
 * busier the service, the fewer rows it writes per report.
 */
export class GroupCommit {
  private batch: Batch | undefined;
  private batches = 0;
  /** By day, then municipality code. */
  private readonly accumulators = new Map<string, Map<string, Accumulator>>();
  private readonly commitScheduled = () => this.commitNow();
  /** The flushes of the batches committed and not yet on disk or failed; each settles its batch and never rejects. */
  private readonly flushes = new Set<Promise<void>>();

  constructor(private readonly options: GroupCommitOptions) {}

  /** Reports waiting for the next transaction. */
  get pending(): number {
    return this.batch?.reports ?? 0;
  }

  submit(increments: Increments): Promise<void> {
    const batch = this.batch ?? this.open();
    let areas = this.accumulators.get(increments.day);
    if (!areas) this.accumulators.set(increments.day, (areas = new Map()));
    let accumulator = areas.get(increments.area);
    if (!accumulator) areas.set(increments.area, (accumulator = { areaDay: emptyAreaDay(increments.day, increments.area), batch: 0 }));
    if (accumulator.batch !== batch.number) {
      accumulator.batch = batch.number;
      batch.areaDays.push(accumulator.areaDay);
    }
    const a = accumulator.areaDay;
    for (const k of increments.metrics) {
      a.n[k]! += 1;
      a.key[k] = (a.key[k]! + increments.key) >>> 0;
    }
    batch.reports += 1;
    if (batch.reports >= this.options.maxBatch) this.commitNow();
    return batch.done;
  }

  /**
   * Commits what is pending now, synchronously (a release reads it right after): when a batch
   * is full, before a release, on shutdown. Its submitters settle once it is on disk.
   */
  commitNow(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    const now = this.options.now ?? performance.now.bind(performance);
    const started = now();
    const areaDays = batch.areaDays;
    const settle = (ok: boolean, error?: unknown) => {
      if (ok) batch.resolve();
      else batch.reject(new CommitFailedError(error));
      this.options.onBatch?.({ reports: batch.reports, counters: areaDays.length, durationMs: now() - started, ok });
    };
    let failure: { error: unknown } | undefined;
    try {
      this.options.commit(areaDays);
    } catch (error) {
      failure = { error };
    }
    this.reset(areaDays);
    if (failure) {
      settle(false, failure.error);
      return;
    }
    if (!this.options.durable) {
      settle(true);
      return;
    }
    const flushed: Promise<void> = this.options.durable().then(
      () => settle(true),
      (error: unknown) => settle(false, error),
    ).finally(() => {
      this.flushes.delete(flushed);
      if (this.flushes.size === 0 && this.batch) setImmediate(this.commitScheduled);
    });
    this.flushes.add(flushed);
  }

  /** Commits what is pending and resolves once every batch is on disk or failed: on shutdown. */
  drain(): Promise<void> {
    this.commitNow();
    return Promise.all(this.flushes).then(() => undefined);
  }

  /** Zeroes the batch's accumulators for the next one, and forgets the days it did not touch (yesterday, after midnight). */
  private reset(areaDays: readonly AreaDay[]): void {
    for (const a of areaDays) {
      a.n.fill(0);
      a.key.fill(0);
    }
    for (const day of this.accumulators.keys()) {
      if (!areaDays.some((a) => a.day === day)) this.accumulators.delete(day);
    }
  }

  private open(): Batch {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.batch = { number: ++this.batches, areaDays: [], reports: 0, done, resolve, reject };
    // During a flush, the flush's end schedules the commit.
    if (this.flushes.size === 0) setImmediate(this.commitScheduled);
    return this.batch;
  }
}
