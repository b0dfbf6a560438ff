import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BatchStats } from '../aggregator/group-commit.js';

/**
 * Prometheus metrics. Labels are only ever route patterns, methods and status codes,
 * never anything a client sent.
 */
export interface ServiceMetrics {
  registry: Registry;
  request(method: string, route: string, status: number, seconds: number): void;
  batch(stats: BatchStats): void;
  release(seconds: number): void;
  /** Reads of the counters from SQLite: only releases read them, never a request. */
  countsRead(): void;
  /** A public answer compressed: once per snapshot and coding while the answer is kept. */
  compressed(coding: string): void;
}

export function createMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counter = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string = never>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []) =>
    new Histogram<L>({ name, help, buckets, labelNames, registers: [registry] });
  const requests = counter('http_requests_total', 'HTTP requests answered, by method, route pattern and status.', ['method', 'route', 'status']);
  const durations = histogram('http_request_duration_seconds', 'Time from request to response, by route pattern.', [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], ['route']);
  const batchReports = histogram('group_commit_batch_reports', 'Reports per group-commit transaction.', [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]);
  const batchSeconds = histogram(
    'group_commit_duration_seconds',
    'Time from the start of a group-commit transaction until it is on disk and its reports are answered.',
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
  );
  const batchFailures = counter('group_commit_failures_total', 'Group-commit transactions that failed; every report in them was refused with 503.');
  const releases = histogram('snapshot_release_duration_seconds', 'Time to read the counters and compute the released snapshot.', [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);
  const countsReads = counter('counts_reads_total', 'Reads of counters from SQLite (one per snapshot release: all on start, then the open week).');
  const compressions = counter('answer_compressions_total', 'Public answers compressed, by coding (each kept answer once per snapshot and coding).', ['coding']);
  // Each label set's series, looked up once: prom-client hashes the labels on every call
  // otherwise, and every request makes one. Routes, methods and statuses are few.
  const series = new Map<string, { requests: Counter.Internal; durations: Histogram.Internal<'route'> }>();
  return {
    registry,
    compressed: (coding) => compressions.inc({ coding }),
    release: (seconds) => releases.observe(seconds),
    countsRead: () => countsReads.inc(),
    request(method, route, status, seconds) {
      const name = `${method} ${route} ${status}`;
      let s = series.get(name);
      if (!s) series.set(name, (s = { requests: requests.labels(method, route, String(status)), durations: durations.labels(route) }));
      s.requests.inc();
      s.durations.observe(seconds);
    },
    batch(stats) {
      batchReports.observe(stats.reports);
      batchSeconds.observe(stats.durationMs / 1000);
      if (!stats.ok) batchFailures.inc();
    },
  };
}
