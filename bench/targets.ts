import type { FrontendResult } from './frontend.js';
import type { GrowthResult } from './growth.js';
import type { IngestResult, TargetResult } from './ingest.js';
import type { ReadResult } from './read.js';
import { type RoundsResult, spread } from './rounds.js';

/** One performance target the service is built to meet, and where this run stands. */
export interface TargetCheck {
  target: string;
  measured: string;
  status: 'met' | 'not met' | 'not measured';
}

export const INGEST_CONNECTIONS = 50;
export const MIN_RATIO_TO_BARE_HONO = 0.8;
/** At the other connection counts (10 and 200). */
export const MIN_RATIO_ELSEWHERE = 0.7;
export const MAX_P99_MS = 25;
export const MAX_PEAK_RSS_BYTES = 200e6;

const status = (ok: boolean): TargetCheck['status'] => (ok ? 'met' : 'not met');

function point(target: TargetResult | undefined, connections: number) {
  return target?.points.find((p) => p.connections === connections);
}

/** The ratios to bare Hono, judged on the median of the interleaved rounds. */
export function ratioChecks(rounds: RoundsResult): TargetCheck[] {
  return rounds.points.map((p) => {
    const min = p.connections === INGEST_CONNECTIONS ? MIN_RATIO_TO_BARE_HONO : MIN_RATIO_ELSEWHERE;
    const r = p.vsBareHono;
    return {
      target: `Ingest at ${p.connections} connections ≥ ${min} × bare Hono req/s (median of ${rounds.rounds} interleaved rounds)`,
      measured: `${r.median.toFixed(2)} × (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)}; service ${Math.round(spread(p.requestsPerSecond.service).median)} req/s)`,
      status: status(r.median >= min),
    };
  });
}

export function ingestChecks(ingest: IngestResult, rounds: RoundsResult): TargetCheck[] {
  const service = ingest.targets.find((t) => t.name === 'service');
  const at50 = point(service, INGEST_CONNECTIONS);
  const worstP99 = Math.max(...(at50?.rated.map((r) => r.run.latencyMs.p99) ?? [Number.NaN]));
  const runs = service ? [service.warmup, ...service.points.flatMap((p) => [p.saturation, ...p.rated.map((r) => r.run)])] : [];
  const failures = runs.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
  const roundFailures = rounds.points.flatMap((p) => p.service).reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
  const counted = [ingest.counters, rounds.counters];
  return [
    ...ratioChecks(rounds),
    {
      target: `Ingest p99 < ${MAX_P99_MS} ms at ${INGEST_CONNECTIONS} connections (every fixed rate up to 75 % of saturation)`,
      measured: `${worstP99.toFixed(2)} ms`,
      status: status(worstP99 < MAX_P99_MS),
    },
    { target: 'Ingest: zero errors, timeouts and non-2xx', measured: `${failures + roundFailures}`, status: status(failures + roundFailures === 0) },
    {
      target: 'Every 201 counted (SQLite `reports` counters = 201 answers)',
      measured: counted.map((c) => `${c.counted} counted / ${c.acknowledged} answered 201${c.unanswered ? ` (${c.unanswered} unanswered)` : ''}`).join('; '),
      status: status(counted.every((c) => c.ok && c.counted === c.acknowledged)),
    },
    {
      target: `Peak RSS of the service under load < ${MAX_PEAK_RSS_BYTES / 1e6} MB`,
      measured: `${((service?.peakRssBytes ?? Number.NaN) / 1e6).toFixed(1)} MB`,
      status: status((service?.peakRssBytes ?? Infinity) < MAX_PEAK_RSS_BYTES),
    },
  ];
}

export function frontendChecks(frontend: FrontendResult): TargetCheck[] {
  return frontend.pages.map((page) => ({
    target: `${page.name[0]!.toUpperCase()}${page.name.slice(1)} < ${page.targetBytes / 1000} kB gzipped JS + CSS`,
    measured: page.present ? `${(page.totalGzipBytes / 1000).toFixed(1)} kB` : `absent (no dist/web/${page.file})`,
    status: page.present ? status(page.totalGzipBytes < page.targetBytes) : 'not measured',
  }));
}

export const MAX_SNAPSHOT_MS = 1000;
const SNAPSHOT_TARGET = `Snapshot of 365 days × 212 municipalities < ${MAX_SNAPSHOT_MS / 1000} s`;

export function growthChecks(growth: GrowthResult | undefined): TargetCheck[] {
  const outcome = growth?.snapshots.find((s) => (s.ok ? s.timing.municipalities === 0 && s.timing.days === 365 : false));
  if (!outcome?.ok) {
    const failed = growth?.snapshots.find((s) => !s.ok && s.case.municipalities === 0 && s.case.days === 365);
    return [{ target: SNAPSHOT_TARGET, measured: failed && !failed.ok ? `failed: ${failed.error}` : 'not measured', status: 'not measured' }];
  }
  const ms = outcome.timing.release.bestMs;
  return [
    {
      target: SNAPSHOT_TARGET,
      measured: `release() ${Math.round(ms)} ms (counters in memory; reading them from SQLite not included)`,
      status: status(ms < MAX_SNAPSHOT_MS),
    },
  ];
}

/** A cached statistics answer at least this share of a bare Hono endpoint sending the same bytes. */
export const MIN_STATS_RATIO_TO_BARE_BYTES = 0.8;
const STATS_TARGET =
  `\`GET /api/v1/stats\` (a cached query) at ${INGEST_CONNECTIONS} connections ≥ ${MIN_STATS_RATIO_TO_BARE_BYTES} × ` +
  'a bare Hono endpoint returning the same pre-built bytes';

/**
 * The read-path targets. The stats figure is the cached query at saturation over a bare Hono
 * endpoint that sends the very bytes and headers the service sent (bench/delivery.ts), the two
 * run back to back with the same connections and Accept-Encoding. The snapshot figure is the
 * service's own first snapshot of a year of counters, streamed from SQLite at start (the
 * growth check times release() in memory).
 */
export function readChecks(read: ReadResult | undefined): TargetCheck[] {
  if (!read) return [];
  const checks: TargetCheck[] = [];
  const stats = read.delivery?.stats;
  if (stats) {
    const failures = stats.run.errors + stats.run.timeouts + stats.run.non2xx;
    checks.push({
      target: STATS_TARGET,
      measured:
        `${stats.ratio.toFixed(2)} × (${Math.round(stats.run.requestsPerSecond)} vs ${Math.round(stats.bare.requestsPerSecond)} req/s; ` +
        `${(stats.bytes / 1000).toFixed(1)} kB ${stats.contentEncoding ?? 'uncompressed'} answers${failures ? `; ${failures} failures` : ''})`,
      status: status(stats.ratio >= MIN_STATS_RATIO_TO_BARE_BYTES && failures === 0),
    });
  } else {
    checks.push({ target: STATS_TARGET, measured: read.deliveryError ? `failed: ${read.deliveryError}` : 'not measured', status: 'not measured' });
  }
  const retained = read.starts.find((s) => s.days === read.days && s.retention === 'default');
  if (retained) {
    checks.push({
      target: `Start with a year of frozen weeks and 30 days of counters (212 municipalities) < ${MAX_SNAPSHOT_MS / 1000} s`,
      measured: `listening after ${Math.round(retained.startMs)} ms (first snapshot ${Math.round(retained.releaseMs)} ms, ${retained.counterRows.toLocaleString('en-US')} rows read)`,
      status: status(retained.startMs < MAX_SNAPSHOT_MS),
    });
  }
  const year = read.starts.find((s) => s.days === read.days && s.retention === 'kept');
  if (year) {
    checks.push({
      target: `${SNAPSHOT_TARGET}, in the service (snapshot at start, counters streamed from SQLite)`,
      measured: `${Math.round(year.releaseMs)} ms (${year.counterRows.toLocaleString('en-US')} counters; listening after ${Math.round(year.startMs)} ms)`,
      status: status(year.releaseMs < MAX_SNAPSHOT_MS),
    });
  }
  return checks;
}

/** Targets whose scenario this run does not have yet. */
export function unmeasuredChecks(notMeasured: { scenario: string; reason: string }[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  if (notMeasured.some((n) => n.scenario === 'read')) {
    checks.push({ target: STATS_TARGET, measured: 'not measured', status: 'not measured' });
  }
  return checks;
}

/** Whether the profile should be taken in `auto` mode: an ingest speed target was missed. */
export function ingestSpeedMissed(rounds: RoundsResult): boolean {
  return ratioChecks(rounds).some((c) => c.status !== 'met');
}
