import { caseDefinition } from './case-definitions.js';
import type { Report } from './questionnaire.js';

export const GUIDANCE_OUTCOMES = [
  'emergency',
  'call_doctor',
  'isolate_and_test',
  'stay_home_and_monitor',
  'quarantine_after_contact',
  'no_symptoms',
] as const;
export type GuidanceOutcome = (typeof GUIDANCE_OUTCOMES)[number];

/** What the advice depends on: everything but where the person lives and their consent. */
export type GuidanceInput = Pick<Report, 'ageBand' | 'symptoms' | 'warningSigns' | 'onset' | 'contact' | 'test'>;

export interface GuidanceRule {
  readonly outcome: GuidanceOutcome;
  /** The rule in words, as a health professional reviews it. */
  readonly when: string;
  readonly applies: (answers: GuidanceInput) => boolean;
}

const cli = caseDefinition('cli').matches;
const ili = caseDefinition('ili').matches;
const olderAge = (a: GuidanceInput) => a.ageBand === '65-74' || a.ageBand === '75+';
const longerThanAWeek = (a: GuidanceInput) => a.onset === '8-14d' || a.onset === 'over-14d';

/**
 * The decision table, read top to bottom: the first rule that applies gives the outcome.
 * Clinical owners review and change it here and nowhere else.
 */
export const GUIDANCE_RULES: readonly GuidanceRule[] = [
  { outcome: 'emergency', when: 'any warning sign', applies: (a) => a.warningSigns.length > 0 },
  {
    outcome: 'call_doctor',
    when: 'age 65 or over with COVID-like or influenza-like illness',
    applies: (a) => olderAge(a) && (cli(a.symptoms) || ili(a.symptoms)),
  },
  {
    outcome: 'call_doctor',
    when: 'shortness of breath for more than 7 days',
    applies: (a) => a.symptoms.includes('shortness_of_breath') && longerThanAWeek(a),
  },
  {
    outcome: 'isolate_and_test',
    when: 'COVID-like or influenza-like illness',
    applies: (a) => cli(a.symptoms) || ili(a.symptoms),
  },
  { outcome: 'isolate_and_test', when: 'a positive test', applies: (a) => a.test === 'positive' },
  { outcome: 'stay_home_and_monitor', when: 'any other symptom', applies: (a) => a.symptoms.length > 0 },
  {
    outcome: 'quarantine_after_contact',
    when: 'no symptoms and contact with a confirmed case in the last 14 days',
    applies: (a) => a.contact === 'yes',
  },
  { outcome: 'no_symptoms', when: 'no symptoms, no warning sign, no known contact', applies: () => true },
];

export function guide(answers: GuidanceInput): GuidanceOutcome {
  for (const rule of GUIDANCE_RULES) if (rule.applies(answers)) return rule.outcome;
  // The last rule always applies; reaching here means the table was edited wrongly.
  throw new Error('guidance table has no catch-all rule');
}
