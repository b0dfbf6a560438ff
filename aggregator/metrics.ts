import { CASE_DEFINITIONS } from './case-definitions.js';
import { GUIDANCE_OUTCOMES } from './guidance.js';
import { FIELDS, type ChoiceField, type SetField } from './questionnaire.js';

/**
 * The counter names, derived from the questionnaire. They are part of the public API
 * (JSON, CSV, data dictionary), so they change only with a new questionnaire version.
 */
export interface MetricInfo {
  readonly name: string;
  readonly description: string;
}

export const REPORTS = 'reports';
export const SYMPTOMATIC = 'symptomatic';
/** Metrics broken down by age band as well (`age:<band>:<metric>`). */
export const BY_AGE = [SYMPTOMATIC, 'cli'] as const;
const GUIDANCE = 'guidance';

type AnsweredField = (ChoiceField | SetField) & { readonly name: string };

/** The questionnaire fields that feed a counter per answer value. */
export const COUNTED_FIELDS: readonly AnsweredField[] = Object.entries(FIELDS).flatMap(([name, field]) =>
  field.kind === 'choice' || field.kind === 'set' ? [{ ...field, name }] : [],
);

const ageField = FIELDS.ageBand;

export function answerMetric(field: { readonly metric: string }, value: string): string {
  return `${field.metric}:${value}`;
}
export function ageMetric(band: string, metric: (typeof BY_AGE)[number]): string {
  return `${ageField.metric}:${band}:${metric}`;
}
export function guidanceMetric(outcome: string): string {
  return `${GUIDANCE}:${outcome}`;
}

function fieldDescription(field: AnsweredField, value: string): string {
  const among = field.kind === 'choice' && field.onlyWhenSymptomatic ? 'symptomatic reports' : 'reports';
  return `Number of ${among} answering "${value}" to: ${field.description}`;
}

export const METRICS: readonly MetricInfo[] = [
  { name: REPORTS, description: 'Number of reports received.' },
  { name: SYMPTOMATIC, description: 'Number of reports with at least one symptom.' },
  ...CASE_DEFINITIONS.map((d) => ({
    name: d.metric,
    description: `Number of reports meeting the case definition "${d.name}" (${d.rule}; ${d.source}; version ${d.version}).`,
  })),
  ...COUNTED_FIELDS.flatMap((field) =>
    field.values.map((value) => ({ name: answerMetric(field, value), description: fieldDescription(field, value) })),
  ),
  ...ageField.values.flatMap((band) =>
    BY_AGE.map((metric) => ({
      name: ageMetric(band, metric),
      description: `Number of reports in age band ${band} counted in "${metric}".`,
    })),
  ),
  ...GUIDANCE_OUTCOMES.map((outcome) => ({
    name: guidanceMetric(outcome),
    description: `Number of reports whose self-guidance outcome was "${outcome}".`,
  })),
];

export const METRIC_NAMES: ReadonlySet<string> = new Set(METRICS.map((m) => m.name));

/** Each metric's position in the catalogue: the order of the store's counter arrays. */
export const METRIC_INDEX: ReadonlyMap<string, number> = new Map(METRICS.map((m, i) => [m.name, i]));
