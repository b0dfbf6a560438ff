import { CASE_DEFINITIONS } from './case-definitions.js';
import { ageMetric, answerMetric, BY_AGE, METRIC_INDEX, METRICS, REPORTS, SYMPTOMATIC } from './metrics.js';
import { FIELDS } from './questionnaire.js';

/**
 * What is published, table by table: at each area level and for each kind of period, only the
 * metrics the three purposes need there. Every other combination (a municipality's day, a
 * region's warning signs) is never computed for publication, which keeps the attack surface of
 * the published numbers as small as the purposes allow.
 */

export type GeoType = 'country' | 'region' | 'municipality';
export type TimeType = 'day' | 'week';

/** Why a published value is absent. */
export type MissingReason = 'below_minimum' | 'not_applicable';

export interface TableSpec {
  readonly level: GeoType;
  readonly period: TimeType;
  /** Metric names, in the order of the catalogue (aggregator/metrics.ts). */
  readonly metrics: readonly string[];
  /** Which purposes need the table, and why at this level (held against dpia/assessment.md). */
  readonly purpose: string;
}

/** The indicators: reports, reports with a symptom, and each case definition. */
export const HEADLINE_METRICS: readonly string[] = [REPORTS, SYMPTOMATIC, ...CASE_DEFINITIONS.map((d) => d.metric)];

const symptoms = FIELDS.symptoms.values.map((v) => answerMetric(FIELDS.symptoms, v));
const ageBands = FIELDS.ageBand.values.flatMap((band) => [answerMetric(FIELDS.ageBand, band), ...BY_AGE.map((m) => ageMetric(band, m))]);
const inCatalogueOrder = (names: readonly string[]) => METRICS.map((m) => m.name).filter((name) => names.includes(name));

export const PUBLISHED_TABLES: readonly TableSpec[] = [
  {
    level: 'country',
    period: 'day',
    metrics: METRICS.map((m) => m.name),
    purpose: 'Purposes 1 and 2 at national level: the daily curve of every indicator and of every answer, and the age-standardised projection; national counts are large, so the whole questionnaire is published.',
  },
  {
    level: 'country',
    period: 'week',
    metrics: METRICS.map((m) => m.name),
    purpose: 'Purposes 1 and 2 at national level, by ISO week: weekly totals of every indicator and answer, for comparison with weekly surveillance.',
  },
  {
    level: 'region',
    period: 'day',
    metrics: inCatalogueOrder([...HEADLINE_METRICS, ...symptoms, ...ageBands]),
    purpose: 'Purposes 1 and 2 at regional level: the daily indicators, the symptom mix, and the age bands that age-standardise the projection; warning signs, onset, contact, tests and advice are left to the national tables, where their counts are not small.',
  },
  {
    level: 'region',
    period: 'week',
    metrics: inCatalogueOrder([...HEADLINE_METRICS, ...symptoms, ...ageBands]),
    purpose: 'Purposes 1 and 2 at regional level, by ISO week: the same metrics as the regional days.',
  },
  {
    level: 'municipality',
    period: 'week',
    metrics: HEADLINE_METRICS,
    purpose: 'Purposes 1 and 2 at municipal level: the indicators only, and by ISO week only, since a municipality has few reports a day; its share and projection need nothing more.',
  },
];

/** The position in PUBLISHED_TABLES of the table of a level and period kind; -1 when none is published. */
export function tableIndex(level: GeoType, period: TimeType): number {
  return PUBLISHED_TABLES.findIndex((t) => t.level === level && t.period === period);
}

/** A table's metrics by their positions in the metric catalogue, where counters and stored values keep them. */
export function cataloguePositions(spec: TableSpec): number[] {
  return spec.metrics.map((name) => METRIC_INDEX.get(name)!);
}

/** The table of a level and period kind, if one is published. */
export function tableSpec(level: GeoType, period: TimeType): TableSpec | undefined {
  return PUBLISHED_TABLES[tableIndex(level, period)];
}
