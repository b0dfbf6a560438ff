import type { AreaPack } from '../areas/index.js';
import {
  AGE_BANDS,
  type ContactAnswer,
  CONTACT_ANSWERS,
  type OnsetBucket,
  ONSET_BUCKETS,
  type Report,
  type Symptom,
  SYMPTOMS,
  type TestAnswer,
  TEST_ANSWERS,
  WARNING_SIGNS,
} from '../questionnaire.js';
import { pick, weighted } from './random.js';

/** Share of reports with at least one symptom: a launch-day mix of worried-well and ill. */
const SYMPTOMATIC_SHARE = 0.55;
/** Share of symptomatic reports with an emergency warning sign. */
const WARNING_SHARE = 0.03;
/** How often each symptom is ticked in a symptomatic report. */
const SYMPTOM_PREVALENCE: Record<Symptom, number> = {
  fever: 0.45,
  cough: 0.55,
  shortness_of_breath: 0.12,
  sore_throat: 0.4,
  loss_of_smell_or_taste: 0.15,
  fatigue: 0.5,
  muscle_aches: 0.3,
  headache: 0.45,
  runny_nose: 0.4,
  nausea_or_diarrhoea: 0.1,
  chills: 0.2,
};
const ONSET_WEIGHTS: Record<OnsetBucket, number> = { today: 10, '1-3d': 35, '4-7d': 30, '8-14d': 15, 'over-14d': 10 };
const CONTACT_WEIGHTS: Record<ContactAnswer, number> = { yes: 15, no: 60, unknown: 25 };
const TEST_WEIGHTS: Record<TestAnswer, number> = { not_tested: 60, pending: 8, positive: 12, negative: 20 };

function weightsOf<K extends string>(keys: readonly K[], table: Record<K, number>): number[] {
  return keys.map((k) => table[k]);
}

/**
 * One report: the area is given; the answers follow the mix above and the questionnaire's
 * rules, with age bands as the national population. `symptomaticShare` moves the mix
 * between the worried-well and the ill (an outbreak's peak has more of the ill).
 */
export function syntheticReport(random: () => number, pack: AreaPack, area: string, symptomaticShare = SYMPTOMATIC_SHARE): Report {
  const ageBand = weighted(random, AGE_BANDS, weightsOf(AGE_BANDS, pack.populationByAgeBand));
  const contact = weighted(random, CONTACT_ANSWERS, weightsOf(CONTACT_ANSWERS, CONTACT_WEIGHTS));
  const test = weighted(random, TEST_ANSWERS, weightsOf(TEST_ANSWERS, TEST_WEIGHTS));
  if (random() >= symptomaticShare) {
    return { area, ageBand, symptoms: [], warningSigns: [], contact, test, consent: true };
  }
  let symptoms = SYMPTOMS.filter((s) => random() < SYMPTOM_PREVALENCE[s]);
  if (symptoms.length === 0) symptoms = [pick(random, SYMPTOMS)];
  const warningSigns = random() < WARNING_SHARE ? WARNING_SIGNS.filter(() => random() < 0.4) : [];
  if (warningSigns.length === 0 && random() < WARNING_SHARE) warningSigns.push(pick(random, WARNING_SIGNS));
  const onset = weighted(random, ONSET_BUCKETS, weightsOf(ONSET_BUCKETS, ONSET_WEIGHTS));
  return { area, ageBand, symptoms, warningSigns, onset, contact, test, consent: true };
}
