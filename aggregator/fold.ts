import { CASE_DEFINITIONS } from './case-definitions.js';
import { GUIDANCE_OUTCOMES, type GuidanceOutcome } from './guidance.js';
import { ageMetric, answerMetric, BY_AGE, COUNTED_FIELDS, guidanceMetric, REPORTS, SYMPTOMATIC } from './metrics.js';
import { AGE_BANDS, type Report } from './questionnaire.js';

/** What one report adds: one to each named counter of its (day, area), and its record key to their key sums. */
export interface Increments {
  readonly day: string;
  readonly area: string;
  readonly metrics: readonly string[];
  /** The report's record key, uniform on [0, 2³²): summed into its counters' cell keys (cell-key.ts), never kept alone. */
  readonly key: number;
}

// Every metric name built once: the fold hands out these same strings, so whoever looks them
// up (the group commit, for every report) finds a name whose hash is already known.
const ANSWER_METRICS = new Map(COUNTED_FIELDS.map((field) => [field.name, new Map(field.values.map((v) => [v, answerMetric(field, v)]))]));
const AGE_METRICS = new Map(BY_AGE.map((metric) => [metric, new Map(AGE_BANDS.map((band) => [band, ageMetric(band, metric)]))]));
const GUIDANCE_METRICS = new Map(GUIDANCE_OUTCOMES.map((outcome) => [outcome, guidanceMetric(outcome)]));

/**
 * Turns a valid report into counter increments. The day is the arrival date in the
 * service's time zone and nothing finer (I1); the report itself is not kept.
 */
export function fold(report: Report, day: string, outcome: GuidanceOutcome, key: number): Increments {
  const metrics: string[] = [REPORTS];
  for (const field of COUNTED_FIELDS) {
    const answer = report[field.name as keyof Report];
    const names = ANSWER_METRICS.get(field.name)!;
    if (typeof answer === 'string') metrics.push(names.get(answer)!);
    else if (Array.isArray(answer)) for (const value of answer) metrics.push(names.get(value)!);
  }
  if (report.symptoms.length > 0) metrics.push(SYMPTOMATIC);
  for (const definition of CASE_DEFINITIONS) {
    if (definition.matches(report.symptoms)) metrics.push(definition.metric);
  }
  for (const metric of BY_AGE) {
    if (metrics.includes(metric)) metrics.push(AGE_METRICS.get(metric)!.get(report.ageBand)!);
  }
  metrics.push(GUIDANCE_METRICS.get(outcome)!);
  return { day, area: report.area, metrics, key };
}
