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
import type { GeoType, MissingReason, TimeType } from './publication.js';
import { AGE_BANDS, FIELDS } from './questionnaire.js';
import { BELOW_MINIMUM, cellIndex, PUBLISHED, type PublishedTable, type ReleasedSnapshot, tableOf } from './snapshot.js';

/** One published number in long format (period × area × metric), as the JSON and CSV give it. */
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
  /** The area-period's reports, released as any count is. */
  readonly sample_size: number | null;
  readonly missing_sample_size: MissingReason | null;
  /** True for today's numbers, which the next publication time replaces. */
  readonly provisional: boolean;
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
    s.weeks.forEach((week, w) => inRange(s.days[7 * w]!, s.days[7 * w + 6]!) && periods.push({ index: w, type: 'week', label: week }));
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

/** What a table says of one area-period: each metric's value or why it is absent. */
function reader(t: PublishedTable, period: number, area: number): (metric: number) => Released | undefined {
  const position = new Map(t.metrics.map((k, i) => [k, i]));
  return (metric) => {
    const i = position.get(metric);
    if (i === undefined) return undefined;
    const c = cellIndex(t, period, area, i);
    const status = t.status[c];
    return status === PUBLISHED ? t.value[c]! : status === BELOW_MINIMUM ? 'below_minimum' : undefined;
  };
}

/**
 * The snapshot's rows in long format, filtered, in the order period kind (days, then weeks),
 * period, area (country, regions, municipalities), metric, with the projection computed from
 * published cells only. Only the published tables have rows; the open day has rows once its
 * first publication time has passed.
 */
export function* rows(s: ReleasedSnapshot, q: RowQuery = {}): Generator<ReleasedRow> {
  const metrics = indexesOf(q.metrics, s.metricIndex, s.metrics.length);
  const areas = indexesOf(q.areas, s.areaIndex, s.areas.length).filter((a) => q.level === undefined || s.areas[a]!.level === q.level);
  const index = (name: string) => s.metricIndex.get(name)!;
  const reports = index(REPORTS);
  const projected = new Set(PROJECTED_METRICS.map(index));
  const byAge = new Map<number, { x: number; n: number }[]>(
    BY_AGE.map((metric) => [index(metric), AGE_BANDS.map((band) => ({ x: index(ageMetric(band, metric)), n: index(answerMetric(FIELDS.ageBand, band)) }))]),
  );
  const { projectionMinReports: minReports, perturbation } = s.policy;
  const v = perturbation.variance;
  const openDay = s.days.length - 1;
  for (const period of selectPeriods(s, q)) {
    for (const a of areas) {
      const area = s.areas[a]!;
      const t = tableOf(s, area.level, period.type);
      if (!t) continue;
      const released = reader(t, period.index, a - t.firstArea);
      const n = released(reports);
      if (n === undefined) continue;
      const provisional = period.type === 'day' && period.index === openDay;
      for (const k of metrics) {
        const value = released(k);
        if (value === undefined) continue;
        const bands = area.level !== 'municipality' ? byAge.get(k) : undefined;
        const bandCounts = bands?.map((b) => ({ x: released(b.x), n: released(b.n) }));
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
          provisional,
          ...(projected.has(k) ? projectShare(value, n, area.population, minReports, v) : NOT_PROJECTED),
          ...(bandCounts && bandCounts.every((b) => b.x !== undefined && b.n !== undefined)
            ? projectStandardised(n, bandCounts as { x: Released; n: Released }[], s.standardPopulation, minReports, v)
            : NOT_STANDARDISED),
        };
      }
    }
  }
}
