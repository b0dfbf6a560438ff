import { CASE_DEFINITIONS } from './case-definitions.js';
import type { GuidanceOutcome } from './guidance.js';
import { ageMetric, answerMetric, BY_AGE, COUNTED_FIELDS, guidanceMetric, REPORTS, SYMPTOMATIC } from './metrics.js';
import type { Report } from './questionnaire.js';

/** What one report adds: one to each named counter of its (day, area), and its record key to their key sums. */
export interface Increments {
  readonly day: string;
  readonly area: string;
  readonly metrics: readonly string[];
  /** The report's record key, uniform on [0, 2³²): summed into its counters' cell keys (cell-key.ts), never kept alone. */
  readonly key: number;
}

/**
 * Turns a valid report into counter increments. The day is the arrival date in the
 * service's time zone and nothing finer (I1); the report itself is not kept.
 */
export function fold(report: Report, day: string, outcome: GuidanceOutcome, key: number): Increments {
  const metrics: string[] = [REPORTS];
  for (const field of COUNTED_FIELDS) {
    const answer = report[field.name as keyof Report];
    if (typeof answer === 'string') metrics.push(answerMetric(field, answer));
    else if (Array.isArray(answer)) for (const value of answer) metrics.push(answerMetric(field, value));
  }
  if (report.symptoms.length > 0) metrics.push(SYMPTOMATIC);
  for (const definition of CASE_DEFINITIONS) {
    if (definition.matches(report.symptoms)) metrics.push(definition.metric);
  }
  for (const metric of BY_AGE) {
    if (metrics.includes(metric)) metrics.push(ageMetric(report.ageBand, metric));
  }
  metrics.push(guidanceMetric(outcome));
  return { day, area: report.area, metrics, key };
}
