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
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by route pattern.',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const batchReports = new Histogram({
    name: 'group_commit_batch_reports',
    help: 'Reports per group-commit transaction.',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
    registers: [registry],
  });
  const batchSeconds = new Histogram({
    name: 'group_commit_duration_seconds',
    help: 'Time from the start of a group-commit transaction until it is on disk and its reports are answered.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [registry],
  });
  const batchFailures = new Counter({
    name: 'group_commit_failures_total',
    help: 'Group-commit transactions that failed; every report in them was refused with 503.',
    registers: [registry],
  });
  const releases = new Histogram({
    name: 'snapshot_release_duration_seconds',
    help: 'Time to read the counters and compute the released snapshot.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const countsReads = new Counter({
    name: 'counts_reads_total',
    help: 'Reads of counters from SQLite (one per snapshot release: all on start, then the open week).',
    registers: [registry],
  });
  const compressions = new Counter({
    name: 'answer_compressions_total',
    help: 'Public answers compressed, by coding (each kept answer once per snapshot and coding).',
    labelNames: ['coding'] as const,
    registers: [registry],
  });
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
