import type { AreaPack } from '../aggregator/areas/index.js';
import { guide } from '../aggregator/guidance.js';
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
} from '../aggregator/questionnaire.js';
import { reportSchema } from '../aggregator/report-schema.js';
import { pick, seededRandom, weighted } from './random.js';

export const BODY_COUNT = 4096;
export const BODY_SEED = 20_200_301;

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

/** One report: the area is given; the answers follow the mix above and the questionnaire's rules. */
export function syntheticReport(random: () => number, pack: AreaPack, area: string): Report {
  const ageBand = weighted(random, AGE_BANDS, weightsOf(AGE_BANDS, pack.populationByAgeBand));
  const contact = weighted(random, CONTACT_ANSWERS, weightsOf(CONTACT_ANSWERS, CONTACT_WEIGHTS));
  const test = weighted(random, TEST_ANSWERS, weightsOf(TEST_ANSWERS, TEST_WEIGHTS));
  if (random() >= SYMPTOMATIC_SHARE) {
    return { area, ageBand, symptoms: [], warningSigns: [], contact, test, consent: true };
  }
  let symptoms = SYMPTOMS.filter((s) => random() < SYMPTOM_PREVALENCE[s]);
  if (symptoms.length === 0) symptoms = [pick(random, SYMPTOMS)];
  const warningSigns = random() < WARNING_SHARE ? WARNING_SIGNS.filter(() => random() < 0.4) : [];
  if (warningSigns.length === 0 && random() < WARNING_SHARE) warningSigns.push(pick(random, WARNING_SIGNS));
  const onset = weighted(random, ONSET_BUCKETS, weightsOf(ONSET_BUCKETS, ONSET_WEIGHTS));
  return { area, ageBand, symptoms, warningSigns, onset, contact, test, consent: true };
}

export interface BodyMix {
  bodies: number;
  seed: number;
  municipalities: number;
  ageBands: number;
  symptomaticShare: number;
  symptomCombinations: number;
  outcomes: Record<string, number>;
  meanBytes: number;
}

/**
 * Pre-generated valid report bodies: every municipality of the pack once, then areas as
 * likely as their population; age bands as the national population. Each body is checked
 * against the service's own schema, so a questionnaire change cannot silently send 400s.
 */
export function reportBodies(pack: AreaPack, count = BODY_COUNT, seed = BODY_SEED): string[] {
  const random = seededRandom(seed);
  const codes = pack.municipalities.map((m) => m.code);
  const populations = pack.municipalities.map((m) => m.population);
  const schema = reportSchema(new Set(codes));
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const area = i < codes.length ? codes[i]! : weighted(random, codes, populations);
    const r = syntheticReport(random, pack, area);
    const checked = schema.safeParse(r);
    if (!checked.success) throw new Error(`generated an invalid report: ${JSON.stringify(r)}: ${checked.error.message}`);
    bodies.push(JSON.stringify(r));
  }
  // Shuffle (Fisher-Yates), so the first requests are not one per municipality in code order.
  for (let i = bodies.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [bodies[i], bodies[j]] = [bodies[j]!, bodies[i]!];
  }
  return bodies;
}

/** What the bodies cover, for the results. */
export function describeMix(bodies: readonly string[], seed = BODY_SEED): BodyMix {
  const reports = bodies.map((b) => JSON.parse(b) as Report);
  const outcomes: Record<string, number> = {};
  for (const r of reports) {
    const outcome = guide(r);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return {
    bodies: bodies.length,
    seed,
    municipalities: new Set(reports.map((r) => r.area)).size,
    ageBands: new Set(reports.map((r) => r.ageBand)).size,
    symptomaticShare: reports.filter((r) => r.symptoms.length > 0).length / reports.length,
    symptomCombinations: new Set(reports.map((r) => r.symptoms.join('+'))).size,
    outcomes,
    meanBytes: Math.round(bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0) / bodies.length),
  };
}
