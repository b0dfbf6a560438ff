import { epochDay, isoDate, sundayOf } from './calendar.js';
import type { PublicationHistory } from './history.js';
import { REPORTS } from './metrics.js';
import { projectShare, projectStandardised } from './projection.js';
import type { MissingReason } from './publication.js';
import type { ReleasePolicy } from './release-policy.js';
import { bandMetrics, type SignalSource } from './signals.js';
import { PUBLISHED } from './snapshot.js';

/**
 * The values of the Epidata signals (aggregator/signals.ts), computed from the publication
 * history alone: post-processing of published counts, never of counters. A pooled value sums the
 * published counts of the days it pools (the area-periods below the minimum publish none and are
 * left out), so its perturbation variance is k × the table's for k days; the share and its
 * standard error are the projection's (aggregator/projection.ts) with that variance.
 */

/** A signal's value for one area and period, as it stood at one moment. */
export interface SignalEstimate {
  /** A percentage; null when missing. */
  readonly value: number | null;
  readonly stderr: number | null;
  readonly sampleSize: number | null;
  /** Why value and stderr are missing. */
  readonly missing: MissingReason | null;
  readonly missingSampleSize: MissingReason | null;
  /** The release it stands from: the latest issue among the published cells it is computed from. */
  readonly issued: number;
}

/** A period a signal is served for, and the published periods it pools. */
export interface SignalPeriod {
  /** A day's ISO date, an epiweek's Sunday, or an ISO week label (`2026-W48`). */
  readonly label: string;
  /** Periods of the source's table, in order; the signal has a value once the last is published. */
  readonly inputs: readonly string[];
}

export interface EstimateContext {
  readonly history: PublicationHistory;
  readonly policy: ReleasePolicy;
  /** The national population by age band, the standard of the age-standardised signals. */
  readonly standardPopulation: readonly number[];
}

/** Every period of a source over the published days and ISO weeks, oldest first. */
export function signalPeriods(source: SignalSource, days: readonly string[], weeks: readonly string[]): SignalPeriod[] {
  if (source.weeks === 'iso') return weeks.map((week) => ({ label: week, inputs: [week] }));
  // The published days run without a gap from days[0]: a period's days are a slice of them.
  const span = (last: number, count: number) => days.slice(Math.max(0, last - count + 1), last + 1);
  if (source.weeks === 'mmwr') {
    // Every epiweek whose Saturday is among the days; the first may begin before them.
    const periods: SignalPeriod[] = [];
    const first = days.length > 0 ? epochDay(days[0]!) : 0;
    for (let sunday = sundayOf(first); sunday + 6 - first < days.length; sunday += 7) {
      periods.push({ label: isoDate(sunday), inputs: span(sunday + 6 - first, 7) });
    }
    return periods;
  }
  return days.map((day, i) => ({ label: day, inputs: source.signal.pooling === 'raw' ? [day] : span(i, 7) }));
}

interface Cells {
  readonly width: number;
  readonly reports: number;
  readonly metric: number;
  readonly bands: readonly { readonly x: number; readonly n: number }[];
}

const cellsBySource = new Map<SignalSource, Cells>();

/** Where a source's counts lie within an area of its table, found once per source. */
function cellsOf(ctx: EstimateContext, source: SignalSource): Cells {
  let cells = cellsBySource.get(source);
  if (!cells) {
    const shape = ctx.history.tables[source.table]!;
    const position = (metric: string) => shape.metricIndex.get(metric)!;
    cells = {
      width: shape.metrics.length,
      reports: position(REPORTS),
      metric: position(source.signal.metric),
      bands: source.signal.standardised ? bandMetrics(source.signal.metric).map((b) => ({ x: position(b.x), n: position(b.n) })) : [],
    };
    cellsBySource.set(source, cells);
  }
  return cells;
}

/** The signal's value for the area (its position in the table) as published at `instant`; undefined before it was. */
export function estimate(ctx: EstimateContext, source: SignalSource, area: number, period: SignalPeriod, instant: number): SignalEstimate | undefined {
  const { history, policy } = ctx;
  if (!history.at(source.table, period.inputs.at(-1)!, instant)) return undefined;
  const cells = cellsOf(ctx, source);
  const base = area * cells.width;
  const reports = base + cells.reports;
  const metric = base + cells.metric;
  let k = 0;
  let n = 0;
  let x = 0;
  let issued = Number.NEGATIVE_INFINITY;
  const bandSums = cells.bands.map(() => ({ x: 0, n: 0 }));
  for (const input of period.inputs) {
    const v = history.at(source.table, input, instant);
    if (!v) continue;
    issued = Math.max(issued, v.since[reports]!);
    if (v.status[reports] !== PUBLISHED) continue;
    k++;
    n += v.value[reports]!;
    x += v.value[metric]!;
    issued = Math.max(issued, v.since[metric]!);
    for (let i = 0; i < cells.bands.length; i++) {
      const band = cells.bands[i]!;
      bandSums[i]!.x += v.value[base + band.x]!;
      bandSums[i]!.n += v.value[base + band.n]!;
      issued = Math.max(issued, v.since[base + band.x]!, v.since[base + band.n]!);
    }
  }
  if (k === 0) return { value: null, stderr: null, sampleSize: null, missing: 'below_minimum', missingSampleSize: 'below_minimum', issued };
  const variance = k * policy.perturbation.variance;
  const { share, stderr, missing } = shareOf(ctx, source, x, n, bandSums, variance);
  return {
    value: share === null ? null : 100 * share,
    stderr: stderr === null ? null : 100 * stderr,
    sampleSize: n,
    missing,
    missingSampleSize: null,
    issued,
  };
}

/** The (age-standardised) share of x among n reports, with its standard error, or why it is missing. */
function shareOf(ctx: EstimateContext, source: SignalSource, x: number, n: number, bands: { x: number; n: number }[], variance: number) {
  const minReports = ctx.policy.projectionMinReports;
  if (!source.signal.standardised) {
    const p = projectShare(x, n, 0, minReports, variance);
    return { share: p.share, stderr: p.stderr, missing: p.missing_projection };
  }
  const s = projectStandardised(n, bands, ctx.standardPopulation, minReports, variance);
  return { share: s.standardised_share, stderr: s.standardised_stderr, missing: s.missing_standardised };
}

/**
 * Every version of the signal's value for the area and period: its value after each release that
 * changed it, oldest first (a release that changed none of its cells gives no version).
 */
export function estimateVersions(ctx: EstimateContext, source: SignalSource, area: number, period: SignalPeriod): SignalEstimate[] {
  const instants = [...new Set(period.inputs.flatMap((input) => ctx.history.versions(source.table, input).map((v) => v.issued)))].sort((a, b) => a - b);
  const out: SignalEstimate[] = [];
  for (const instant of instants) {
    const e = estimate(ctx, source, area, period, instant);
    if (e && e.issued !== out.at(-1)?.issued) out.push(e);
  }
  return out;
}
