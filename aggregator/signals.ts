import { ageMetric, answerMetric, BY_AGE, METRICS, REPORTS } from './metrics.js';
import { PROJECTED_METRICS } from './projection.js';
import { type GeoType, PUBLISHED_TABLES, tableIndex, type TimeType } from './publication.js';
import { AGE_BANDS, FIELDS } from './questionnaire.js';

/**
 * The signals of the Epidata endpoint, named as Delphi names its survey signals: the percentage
 * of reports counted in an indicator, from one day (`raw_cli`) or pooled over 7 days
 * (`smoothed_cli`), and where the age bands are published, directly age-standardised to the
 * national population (`raw_wcli`, `smoothed_wcli`; Delphi's `w` marks a weighted estimate).
 * Every one is computed from published counts only (aggregator/signal-estimates.ts); which
 * exist at which level and time type follows from the published tables (aggregator/publication.ts).
 */

/** The `data_source` the signals are served under. */
export const DATA_SOURCE = 'symptom-self-report';

export type Pooling = 'raw' | 'smoothed';
/** Epiweeks (MMWR, Sunday to Saturday) or ISO weeks (Monday to Sunday). */
export type WeekSystem = 'mmwr' | 'iso';

export interface SignalSpec {
  readonly name: string;
  /** The published metric counted, over the published `reports`. */
  readonly metric: string;
  readonly pooling: Pooling;
  readonly standardised: boolean;
  readonly description: string;
}

/** Where a signal is served: an area level and time type, and the published table it is computed from. */
export interface SignalSource {
  readonly signal: SignalSpec;
  readonly geoType: GeoType;
  readonly timeType: TimeType;
  /** The weeks of a weekly signal; null for days. */
  readonly weeks: WeekSystem | null;
  /** Index into PUBLISHED_TABLES. */
  readonly table: number;
  /** What a value is at this level and time type, for the metadata. */
  readonly description: string;
}

/** The age-band metrics an age-standardised share needs: each band's reports and its count of `metric`. */
export function bandMetrics(metric: string): { readonly x: string; readonly n: string }[] {
  return AGE_BANDS.map((band) => ({ x: ageMetric(band, metric as (typeof BY_AGE)[number]), n: answerMetric(FIELDS.ageBand, band) }));
}

const described = new Map(METRICS.map((m) => [m.name, m.description]));

function spec(metric: string, pooling: Pooling, standardised: boolean): SignalSpec {
  const what = described.get(metric)!.replace(/^Number of reports /, '').replace(/\.$/, '');
  const pooled = pooling === 'raw' ? 'on one day' : 'pooled over 7 days';
  const weighting = standardised ? ', directly age-standardised to the national population by age band' : '';
  return {
    name: `${pooling}_${standardised ? 'w' : ''}${metric}`,
    metric,
    pooling,
    standardised,
    description: `Percentage of published reports ${what}, ${pooled}${weighting}; computed from published (perturbed) counts, with the perturbation's variance in stderr.`,
  };
}

export const SIGNALS: readonly SignalSpec[] = (['raw', 'smoothed'] as const).flatMap((pooling) => [
  ...PROJECTED_METRICS.map((metric) => spec(metric, pooling, false)),
  ...BY_AGE.map((metric) => spec(metric, pooling, true)),
]);

function needs(signal: SignalSpec): string[] {
  return [REPORTS, signal.metric, ...(signal.standardised ? bandMetrics(signal.metric).flatMap((b) => [b.x, b.n]) : [])];
}

const publishes = (table: number, metrics: readonly string[]) => table >= 0 && metrics.every((m) => PUBLISHED_TABLES[table]!.metrics.includes(m));

/**
 * Days are served where a level publishes days: a day's share (`raw_`) and the 7 days up to it
 * (`smoothed_`). Weeks are pooled (`smoothed_` only): epiweeks summed from the published days
 * where days are published, else the published ISO weeks (municipalities).
 */
export const SIGNAL_SOURCES: readonly SignalSource[] = (['country', 'region', 'municipality'] as const).flatMap((geoType) => {
  const day = tableIndex(geoType, 'day');
  const week = tableIndex(geoType, 'week');
  return SIGNALS.flatMap((signal): SignalSource[] => {
    const metrics = needs(signal);
    if (publishes(day, metrics)) {
      return [
        { signal, geoType, timeType: 'day', weeks: null, table: day, description: signal.pooling === 'raw' ? 'The share of the day.' : 'The 7 days ending on time_value, pooled.' },
        ...(signal.pooling === 'smoothed'
          ? [{ signal, geoType, timeType: 'week' as const, weeks: 'mmwr' as const, table: day, description: 'Epiweeks (MMWR, Sunday to Saturday, YYYYWW), the sum of the 7 published days.' }]
          : []),
      ];
    }
    if (signal.pooling === 'smoothed' && publishes(week, metrics)) {
      return [{ signal, geoType, timeType: 'week', weeks: 'iso', table: week, description: 'ISO 8601 weeks (Monday to Sunday, YYYYWW): this level publishes weeks only, so its signals are weekly.' }];
    }
    return [];
  });
});
