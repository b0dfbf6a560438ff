import { BY_AGE, METRICS } from './metrics.js';
import { PROJECTED_METRICS } from './projection.js';
import { QUESTIONNAIRE_ID, QUESTIONNAIRE_TITLE, QUESTIONNAIRE_VERSION } from './questionnaire.js';
import type { ReleasedRow } from './released-rows.js';

/**
 * The data dictionary of the published rows: one entry per column, in the order of the CSV,
 * typed against ReleasedRow so a new field cannot be published undescribed. The metric
 * column's values and their meanings come from the questionnaire via the metric catalogue.
 */
export interface Column {
  readonly name: keyof ReleasedRow;
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  readonly description: string;
  readonly values?: readonly { value: string; label: string }[];
}

const MISSING = [
  { value: 'below_minimum', label: 'the area-period published fewer reports than the minimum (10 by default), so it publishes nothing else' },
  { value: 'not_applicable', label: 'this field does not apply to this row' },
];
const missing = (of: string): Omit<Column, 'name'> => ({
  type: 'string',
  description: `Why ${of} is empty; empty when it is present.`,
  values: MISSING,
});
const projected = PROJECTED_METRICS.join(', ');
const share = (what: string): Omit<Column, 'name'> => ({
  type: 'number',
  description: `${what} Only for ${projected}, from at least 30 reports (configurable).`,
});

const COLUMN_LIST: { [K in keyof ReleasedRow]: Omit<Column, 'name'> } = {
  time_type: { type: 'string', description: 'The period: a day or an ISO week.', values: [{ value: 'day', label: 'a calendar day in the service time zone' }, { value: 'week', label: 'an ISO 8601 week, Monday to Sunday, published once all its days have closed' }] },
  time_value: { type: 'string', description: 'The day as an ISO 8601 date (2026-11-25) or the week as an ISO 8601 week (2026-W48).' },
  geo_type: { type: 'string', description: 'The level of the area.', values: [{ value: 'country', label: 'the whole country' }, { value: 'region', label: 'a statistical region (NUTS-3)' }, { value: 'municipality', label: 'a municipality' }] },
  geo_value: { type: 'string', description: 'The area code: the country code, the NUTS-3 code of a region or the ISO 3166-2 code of a municipality.' },
  geo_name: { type: 'string', description: 'The name of the area.' },
  metric: {
    type: 'string',
    description: `What is counted, from questionnaire ${QUESTIONNAIRE_ID} version ${QUESTIONNAIRE_VERSION} (${QUESTIONNAIRE_TITLE}).`,
    values: METRICS.map((m) => ({ value: m.name, label: m.description })),
  },
  value: {
    type: 'integer',
    description:
      'The number of reports of the area and period counted in the metric, perturbed by the cell key method: off by a few at most, never 1 or 2, the same whenever the same reports are counted; perturbed totals need not equal the sum of their parts. Empty when held back.',
  },
  missing_value: missing('value'),
  sample_size: { type: 'integer', description: 'The number of reports of the area and period (the denominator of the share), perturbed like value; empty when held back.' },
  missing_sample_size: missing('sample_size'),
  provisional: { type: 'boolean', description: "True for today's numbers, published at fixed times of the day and replaced by the next publication and, once the day closes, by its final numbers." },
  share: share('The share of reporters counted in the metric (value / sample_size).'),
  stderr: share("The standard error of the share: the binomial one, with the perturbation's variance added."),
  ci_low: share('The lower bound of the 95% Wilson score interval of the share (with the perturbation in its width).'),
  ci_high: share('The upper bound of the 95% Wilson score interval of the share.'),
  projected: share("The share projected onto the area's population: an estimate from a self-selected sample, not a count of cases."),
  projected_low: share('The projection of ci_low.'),
  projected_high: share('The projection of ci_high.'),
  rate_per_100k: share('The share per 100,000 population.'),
  unreliable: { type: 'boolean', description: 'True when the relative standard error of the share is 30% or more.' },
  missing_projection: missing('the projection'),
  standardised_share: { type: 'number', description: `Country and regions, for ${BY_AGE.join(' and ')}: the share directly age-standardised to the national population by age band.` },
  standardised_stderr: { type: 'number', description: 'The standard error of the age-standardised share.' },
  standardised_ci_low: { type: 'number', description: 'The lower bound of the 95% interval of the age-standardised share.' },
  standardised_ci_high: { type: 'number', description: 'The upper bound of the 95% interval of the age-standardised share.' },
  standardised_rate_per_100k: { type: 'number', description: 'The age-standardised share per 100,000 population.' },
  standardised_unreliable: { type: 'boolean', description: 'True when the relative standard error of the age-standardised share is 30% or more.' },
  missing_standardised: missing('the age-standardised share'),
};

export const COLUMNS: readonly Column[] = Object.entries(COLUMN_LIST).map(([name, column]) => ({
  name: name as keyof ReleasedRow,
  ...column,
}));
