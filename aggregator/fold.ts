import { CASE_DEFINITIONS } from './case-definitions.js';
import { GUIDANCE_OUTCOMES, type GuidanceOutcome } from './guidance.js';
import { ageMetric, answerMetric, BY_AGE, COUNTED_FIELDS, guidanceMetric, METRIC_INDEX, METRICS, REPORTS, SYMPTOMATIC } from './metrics.js';
import { AGE_BANDS, type Report } from './questionnaire.js';

/** What one report adds: one to each of its counters of its (day, area), and its record key to their key sums. */
export interface Increments {
  readonly day: string;
  readonly area: string;
  /** The counters, by their position in the metric catalogue (METRICS), as the store keeps them. */
  readonly metrics: readonly number[];
  /** The report's record key, uniform on [0, 2³²): summed into its counters' cell keys (cell-key.ts), never kept alone. */
  readonly key: number;
}

const index = (metric: string) => METRIC_INDEX.get(metric)!;

// Every counter's catalogue position looked up once: the fold hands out positions, which the
// group commit adds at without a lookup of its own for every report.
const REPORTS_AT = index(REPORTS);
const SYMPTOMATIC_AT = index(SYMPTOMATIC);
const ANSWER_METRICS = COUNTED_FIELDS.map((field) => ({ name: field.name as keyof Report, positions: new Map(field.values.map((v) => [v, index(answerMetric(field, v))])) }));
const CASE_METRICS = CASE_DEFINITIONS.map((definition) => ({ definition, at: index(definition.metric) }));
const AGE_METRICS = BY_AGE.map((metric) => ({ at: index(metric), byBand: new Map(AGE_BANDS.map((band) => [band, index(ageMetric(band, metric))])) }));
const GUIDANCE_METRICS = new Map(GUIDANCE_OUTCOMES.map((outcome) => [outcome, index(guidanceMetric(outcome))]));

/**
 * Turns a valid report into counter increments. The day is the arrival date in the
 * service's time zone and nothing finer (I1); the report itself is not kept.
 */
export function fold(report: Report, day: string, outcome: GuidanceOutcome, key: number): Increments {
  const metrics: number[] = [REPORTS_AT];
  for (const { name, positions } of ANSWER_METRICS) {
    const answer = report[name];
    if (typeof answer === 'string') metrics.push(positions.get(answer)!);
    else if (Array.isArray(answer)) for (const value of answer) metrics.push(positions.get(value)!);
  }
  if (report.symptoms.length > 0) metrics.push(SYMPTOMATIC_AT);
  for (const { definition, at } of CASE_METRICS) {
    if (definition.matches(report.symptoms)) metrics.push(at);
  }
  for (const { at, byBand } of AGE_METRICS) {
    if (metrics.includes(at)) metrics.push(byBand.get(report.ageBand)!);
  }
  metrics.push(GUIDANCE_METRICS.get(outcome)!);
  return { day, area: report.area, metrics, key };
}

/** The names of the counters a report adds to, in the order the fold gives them. */
export function metricNames(increments: Increments): string[] {
  return increments.metrics.map((k) => METRICS[k]!.name);
}
