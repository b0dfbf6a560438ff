import type { Symptom } from './questionnaire.js';

/**
 * Case definitions over self-reported symptoms, named and versioned in one place. Each one
 * is a published metric; changing a rule means a new `version`, so published series can
 * say which definition they were counted under.
 */
export interface CaseDefinition {
  readonly metric: 'cli' | 'ili' | 'covid_criteria';
  readonly name: string;
  readonly version: string;
  readonly rule: string;
  readonly source: string;
  readonly matches: (symptoms: readonly Symptom[]) => boolean;
}

export const CASE_DEFINITIONS: readonly CaseDefinition[] = [
  {
    metric: 'cli',
    name: 'COVID-like illness',
    version: 'delphi-ctis-2020',
    rule: 'fever and (cough or shortness of breath)',
    source: "Delphi Group, Carnegie Mellon University, COVID-19 Trends and Impact Survey",
    matches: (s) => s.includes('fever') && (s.includes('cough') || s.includes('shortness_of_breath')),
  },
  {
    metric: 'ili',
    name: 'Influenza-like illness',
    version: 'delphi-cdc-2020',
    rule: 'fever and (cough or sore throat)',
    source: 'Delphi Group and US CDC influenza-like illness definition',
    matches: (s) => s.includes('fever') && (s.includes('cough') || s.includes('sore_throat')),
  },
  {
    metric: 'covid_criteria',
    name: 'ECDC clinical criteria for COVID-19',
    version: 'ecdc-2020',
    rule: 'at least one of cough, fever, shortness of breath, loss of smell or taste',
    source: 'European Centre for Disease Prevention and Control, EU case definition (2020)',
    matches: (s) =>
      s.includes('cough') || s.includes('fever') || s.includes('shortness_of_breath') || s.includes('loss_of_smell_or_taste'),
  },
];

const byMetric = new Map(CASE_DEFINITIONS.map((d) => [d.metric, d]));

export function caseDefinition(metric: CaseDefinition['metric']): CaseDefinition {
  return byMetric.get(metric)!;
}
