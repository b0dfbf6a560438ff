/**
 * The questionnaire, defined once. Validation (report-schema.ts), the fold (fold.ts), the
 * metric catalogue (metrics.ts), the web form, the CSV data dictionary and the DPIA data
 * inventory are all derived from this file: changing the disease means editing it alone.
 *
 * Answer values are identifiers; the interface labels live with the web code.
 */

export const QUESTIONNAIRE_ID = 'covid19-ari';
export const QUESTIONNAIRE_VERSION = 1;
export const QUESTIONNAIRE_TITLE = 'COVID-19 and other acute respiratory infections';

export const AGE_BANDS = ['0-14', '15-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'] as const;
export const SYMPTOMS = [
  'fever',
  'cough',
  'shortness_of_breath',
  'sore_throat',
  'loss_of_smell_or_taste',
  'fatigue',
  'muscle_aches',
  'headache',
  'runny_nose',
  'nausea_or_diarrhoea',
  'chills',
] as const;
export const WARNING_SIGNS = ['severe_breathing_difficulty', 'chest_pain', 'confusion', 'bluish_lips_or_face'] as const;
export const ONSET_BUCKETS = ['today', '1-3d', '4-7d', '8-14d', 'over-14d'] as const;
export const CONTACT_ANSWERS = ['yes', 'no', 'unknown'] as const;
export const TEST_ANSWERS = ['not_tested', 'pending', 'positive', 'negative'] as const;

export type AgeBand = (typeof AGE_BANDS)[number];
export type Symptom = (typeof SYMPTOMS)[number];
export type WarningSign = (typeof WARNING_SIGNS)[number];
export type OnsetBucket = (typeof ONSET_BUCKETS)[number];
export type ContactAnswer = (typeof CONTACT_ANSWERS)[number];
export type TestAnswer = (typeof TEST_ANSWERS)[number];

interface FieldBase {
  /** What the question asks, in plain English, for the data dictionary and the DPIA. */
  readonly description: string;
  /** Why the field is needed: the data-minimisation argument the DPIA repeats. */
  readonly necessity: string;
}

/** One answer from a fixed list. `metric` is the prefix of the counter it feeds. */
export interface ChoiceField extends FieldBase {
  readonly kind: 'choice';
  readonly values: readonly string[];
  readonly metric: string;
  /** Asked (and accepted) only when the report has at least one symptom. */
  readonly onlyWhenSymptomatic?: true;
}

/** Any number of distinct answers from a fixed list; empty means none. */
export interface SetField extends FieldBase {
  readonly kind: 'set';
  readonly values: readonly string[];
  readonly metric: string;
}

/** A municipality code of the active area pack. */
export interface AreaField extends FieldBase {
  readonly kind: 'area';
}

/** The explicit agreement to contribute; only the literal `true` is accepted. */
export interface ConsentField extends FieldBase {
  readonly kind: 'consent';
}

export type FieldDefinition = ChoiceField | SetField | AreaField | ConsentField;

export const FIELDS = {
  area: {
    kind: 'area',
    description: 'Municipality of residence, as its code in the active area pack.',
    necessity: 'Purposes 1 and 2 publish aggregates per municipality, region and country.',
  },
  ageBand: {
    kind: 'choice',
    values: AGE_BANDS,
    metric: 'age',
    description: 'Age band of the person the report is about.',
    necessity: 'Risk grows with age (guidance) and projections are age-standardised.',
  },
  symptoms: {
    kind: 'set',
    values: SYMPTOMS,
    metric: 'symptom',
    description: 'Symptoms present now; an empty set means no symptoms.',
    necessity: 'The core of the surveillance signal and of the case definitions.',
  },
  warningSigns: {
    kind: 'set',
    values: WARNING_SIGNS,
    metric: 'warning',
    description: 'Emergency warning signs present now; an empty set means none.',
    necessity: 'Routes the person to emergency care at once; counts severe presentations.',
  },
  onset: {
    kind: 'choice',
    values: ONSET_BUCKETS,
    metric: 'onset',
    onlyWhenSymptomatic: true,
    description: 'When the first symptom began, in days before the report; only with symptoms.',
    necessity: 'Separates new illness from lingering illness; guidance depends on duration.',
  },
  contact: {
    kind: 'choice',
    values: CONTACT_ANSWERS,
    metric: 'contact',
    description: 'Close contact with a confirmed case in the last 14 days.',
    necessity: 'Guidance for people without symptoms who were exposed.',
  },
  test: {
    kind: 'choice',
    values: TEST_ANSWERS,
    metric: 'test',
    description: 'Result of a test for the infection, if any.',
    necessity: 'A positive test changes the advice; test uptake is a public indicator.',
  },
  consent: {
    kind: 'consent',
    description: 'Explicit agreement to add the answers to the aggregate statistics.',
    necessity: 'Contributing is a separate choice from getting advice; never counted.',
  },
} as const satisfies Record<string, FieldDefinition>;

export type FieldName = keyof typeof FIELDS;

type Fields = typeof FIELDS;
type AnswerOf<F> = F extends { kind: 'area' }
  ? string
  : F extends { kind: 'choice'; values: readonly (infer V)[] }
    ? V
    : F extends { kind: 'set'; values: readonly (infer V)[] }
      ? V[]
      : F extends { kind: 'consent' }
        ? true
        : never;
type ConditionalField = { [K in FieldName]: Fields[K] extends { onlyWhenSymptomatic: true } ? K : never }[FieldName];

/** A valid report as it lives in memory between parsing and commit, and never longer. */
export type Report = { [K in Exclude<FieldName, ConditionalField>]: AnswerOf<Fields[K]> } & {
  [K in ConditionalField]?: AnswerOf<Fields[K]>;
};
