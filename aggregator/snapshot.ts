import { ageMetric, answerMetric, BY_AGE, REPORTS } from './metrics.js';
import {
  NOT_PROJECTED,
  NOT_STANDARDISED,
  PROJECTED_METRICS,
  projectShare,
  projectStandardised,
  type ProjectionFields,
  type Released,
  type StandardisedFields,
} from './projection.js';
import { AGE_BANDS, FIELDS } from './questionnaire.js';
import type { ReleasePolicy } from './release.js';
import { PUBLISHED, SUPPRESSED } from './suppression.js';

export type TimeType = 'day' | 'week';
export type GeoType = 'country' | 'region' | 'municipality';
/** Why a value is absent, by the names of COVIDcast's missing codes where they fit. */
export type MissingReason = 'suppressed' | 'below_minimum' | 'not_applicable';

export interface SnapshotArea {
  readonly code: string;
  readonly name: string;
  readonly level: GeoType;
  readonly population: number;
}

/**
 * Not public: the regions' raw counts for the open day as of their last published update
 * (region r at (r − 1) × metrics), kept only so the next release can tell whether enough new
 * reports have arrived. Never serve it.
 */
export interface OpenDayBasis {
  readonly day: string;
  readonly counts: Int32Array;
}

/**
 * A released snapshot: every published number and every marker, in flat typed arrays so a
 * snapshot of a year of municipalities stays small and is filtered by index arithmetic. Cell
 * (period p, area a, metric k) is at (p × areas.length + a) × metrics.length + k. Periods are
 * the days (the last one is the open day) followed by the weeks; days start on a Monday, so
 * week j is days 7j to 7j + 6. Areas are the country, the regions, then the municipalities.
 */
export interface ReleasedSnapshot {
  /** When it was computed (epoch ms). */
  readonly time: number;
  readonly timeZone: string;
  readonly policy: ReleasePolicy;
  readonly openDay: string;
  readonly days: readonly string[];
  /** Complete weeks only (`2026-W48`): a week appears once its last day has closed. */
  readonly weeks: readonly string[];
  readonly areas: readonly SnapshotArea[];
  readonly areaIndex: ReadonlyMap<string, number>;
  readonly metrics: readonly string[];
  readonly metricIndex: ReadonlyMap<string, number>;
  /** The national population by age band: the standard population for age standardisation. */
  readonly standardPopulation: readonly number[];
  /** Published counts; zero wherever the status is not published, so no unpublished count is held. */
  readonly value: Int32Array;
  /** PUBLISHED, SUPPRESSED or WITHHELD (aggregator/suppression.ts). */
  readonly status: Uint8Array;
  readonly openDayBasis: OpenDayBasis;
}

export interface ReleasedRow extends ProjectionFields, StandardisedFields {
  readonly time_type: TimeType;
  /** An ISO date for a day, an ISO week (`2026-W48`) for a week. */
  readonly time_value: string;
  readonly geo_type: GeoType;
  readonly geo_value: string;
  readonly geo_name: string;
  readonly metric: string;
  readonly value: number | null;
  readonly missing_value: MissingReason | null;
  /** The area-period's reports, released under the same rules as any count. */
  readonly sample_size: number | null;
  readonly missing_sample_size: MissingReason | null;
}

/** Filters; each one left out selects everything. */
export interface RowQuery {
  readonly timeType?: TimeType;
  /** ISO dates, inclusive; a week is selected when all its days are. */
  readonly from?: string;
  readonly to?: string;
  readonly level?: GeoType;
  readonly areas?: readonly string[];
  readonly metrics?: readonly string[];
}

interface Period {
  readonly index: number;
  readonly type: TimeType;
  readonly label: string;
}

function selectPeriods(s: ReleasedSnapshot, q: RowQuery): Period[] {
  const inRange = (first: string, last: string) => (q.from === undefined || first >= q.from) && (q.to === undefined || last <= q.to);
  const periods: Period[] = [];
  if (q.timeType !== 'week') {
    s.days.forEach((day, d) => inRange(day, day) && periods.push({ index: d, type: 'day', label: day }));
  }
  if (q.timeType !== 'day') {
    s.weeks.forEach(
      (week, w) => inRange(s.days[7 * w]!, s.days[7 * w + 6]!) && periods.push({ index: s.days.length + w, type: 'week', label: week }),
    );
  }
  return periods;
}

function indexesOf(names: readonly string[] | undefined, index: ReadonlyMap<string, number>, all: number): number[] {
  if (names === undefined) return Array.from({ length: all }, (_, i) => i);
  return names.flatMap((name) => {
    const i = index.get(name);
    return i === undefined ? [] : [i];
  });
}

/**
 * The snapshot's rows in long format (period × area × metric), filtered, with the projection
 * fields computed from published cells only. Municipalities have no rows for the open day.
 */
export function* rows(s: ReleasedSnapshot, q: RowQuery = {}): Generator<ReleasedRow> {
  const A = s.areas.length;
  const K = s.metrics.length;
  const openDay = s.days.length - 1;
  const areas = indexesOf(q.areas, s.areaIndex, A).filter((a) => q.level === undefined || s.areas[a]!.level === q.level);
  const metrics = indexesOf(q.metrics, s.metricIndex, K);
  const index = (name: string) => s.metricIndex.get(name)!;
  const reports = index(REPORTS);
  const projected = new Set(PROJECTED_METRICS.map(index));
  const byAge = new Map<number, { x: number; n: number }[]>(
    BY_AGE.map((metric) => [index(metric), AGE_BANDS.map((band) => ({ x: index(ageMetric(band, metric)), n: index(answerMetric(FIELDS.ageBand, band)) }))]),
  );
  const minReports = s.policy.projectionMinReports;
  for (const period of selectPeriods(s, q)) {
    for (const a of areas) {
      const area = s.areas[a]!;
      if (period.index === openDay && area.level === 'municipality') continue;
      const base = (period.index * A + a) * K;
      const released = (k: number): Released => {
        const status = s.status[base + k];
        return status === PUBLISHED ? s.value[base + k]! : status === SUPPRESSED ? 'suppressed' : 'below_minimum';
      };
      const n = released(reports);
      for (const k of metrics) {
        const value = released(k);
        const bands = area.level === 'country' ? byAge.get(k) : undefined;
        yield {
          time_type: period.type,
          time_value: period.label,
          geo_type: area.level,
          geo_value: area.code,
          geo_name: area.name,
          metric: s.metrics[k]!,
          value: typeof value === 'number' ? value : null,
          missing_value: typeof value === 'number' ? null : value,
          sample_size: typeof n === 'number' ? n : null,
          missing_sample_size: typeof n === 'number' ? null : n,
          ...(projected.has(k) ? projectShare(value, n, area.population, minReports) : NOT_PROJECTED),
          ...(bands
            ? projectStandardised(
                n,
                bands.map((b) => ({ x: released(b.x), n: released(b.n) })),
                s.standardPopulation,
                minReports,
              )
            : NOT_STANDARDISED),
        };
      }
    }
  }
}
