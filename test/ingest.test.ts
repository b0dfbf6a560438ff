import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { pick, seededRandom, subset } from './support/reports.js';
import { startTestService, type TestService } from './support/service.js';

// The expected counters are computed here from the questionnaire's answer values written out
// below, not with the fold, so a wrong fold cannot agree with itself.
const AGES = ['0-14', '15-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'];
const SYMPTOMS = ['fever', 'cough', 'shortness_of_breath', 'sore_throat', 'loss_of_smell_or_taste', 'fatigue', 'muscle_aches', 'headache', 'runny_nose', 'nausea_or_diarrhoea', 'chills'];
const WARNINGS = ['severe_breathing_difficulty', 'chest_pain', 'confusion', 'bluish_lips_or_face'];
const ONSETS = ['today', '1-3d', '4-7d', '8-14d', 'over-14d'];
const CONTACTS = ['yes', 'no', 'unknown'];
const TESTS = ['not_tested', 'pending', 'positive', 'negative'];

function expectedMetrics(r: Record<string, any>, outcome: string): string[] {
  const s = new Set<string>(r.symptoms);
  const cli = s.has('fever') && (s.has('cough') || s.has('shortness_of_breath'));
  const ili = s.has('fever') && (s.has('cough') || s.has('sore_throat'));
  const ecdc = s.has('cough') || s.has('fever') || s.has('shortness_of_breath') || s.has('loss_of_smell_or_taste');
  return [
    'reports',
    `age:${r.ageBand}`,
    `contact:${r.contact}`,
    `test:${r.test}`,
    `guidance:${outcome}`,
    ...r.symptoms.map((x: string) => `symptom:${x}`),
    ...r.warningSigns.map((x: string) => `warning:${x}`),
    ...(s.size > 0 ? ['symptomatic', `age:${r.ageBand}:symptomatic`, `onset:${r.onset}`] : []),
    ...(cli ? ['cli', `age:${r.ageBand}:cli`] : []),
    ...(ili ? ['ili'] : []),
    ...(ecdc ? ['covid_criteria'] : []),
  ];
}

/** The service's clock: half past midnight on 25 November in Ljubljana, still the 24th in UTC. */
const CLOCK = Date.UTC(2026, 10, 24, 23, 30);
const LJUBLJANA_DAY = '2026-11-25';

describe('ingest', () => {
  let service: TestService;
  const codes = [...loadAreaPack('si').municipalityByCode.keys()];
  beforeAll(async () => {
    service = await startTestService({}, { forbiddenInLogs: ['SI-0', 'SI-1', 'SI-2', 'loss_of_smell', 'bluish_lips'], now: () => CLOCK });
  });
  afterAll(() => service.stop());

  it('folds 1,000 varied reports into exactly the expected counters', async () => {
    const random = seededRandom(20261125);
    const reports = Array.from({ length: 1000 }, () => {
      const symptoms = subset(random, SYMPTOMS, random() < 0.3 ? 0 : 0.25);
      return {
        area: pick(random, codes.slice(0, 40)),
        ageBand: pick(random, AGES),
        symptoms,
        warningSigns: subset(random, WARNINGS, 0.05),
        ...(symptoms.length > 0 ? { onset: pick(random, ONSETS) } : {}),
        contact: pick(random, CONTACTS),
        test: pick(random, TESTS),
        consent: true,
      };
    });
    const expected = new Map<string, number>();
    const day = LJUBLJANA_DAY;
    // 20 at a time, so batches hold several reports and several areas.
    for (let i = 0; i < reports.length; i += 20) {
      const chunk = reports.slice(i, i + 20);
      const answers = await Promise.all(chunk.map((r) => service.post(r)));
      for (const [j, res] of answers.entries()) {
        expect(res.status).toBe(201);
        const { outcome } = (await res.json()) as { outcome: string };
        for (const metric of expectedMetrics(chunk[j]!, outcome)) {
          const key = `${day}|${chunk[j]!.area}|${metric}`;
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
      }
    }
    const db = new Database(service.databasePath, { readonly: true });
    const rows = db.prepare('SELECT day, area, metric, n FROM counts').all() as { day: string; area: string; metric: string; n: number }[];
    db.close();
    expect(new Map(rows.map((r) => [`${r.day}|${r.area}|${r.metric}`, r.n]))).toEqual(expected);
  });

  it('has committed a report when its 201 arrives: a second connection already sees it', async () => {
    const db = new Database(service.databasePath, { readonly: true });
    const reportsIn = db.prepare("SELECT coalesce(sum(n), 0) AS n FROM counts WHERE area = 'SI-213' AND metric = 'reports'");
    try {
      for (let i = 1; i <= 5; i++) {
        const res = await service.post({ area: 'SI-213', ageBand: '75+', symptoms: [], warningSigns: [], contact: 'no', test: 'negative', consent: true });
        expect(res.status).toBe(201);
        expect((reportsIn.get() as { n: number }).n).toBe(i);
      }
    } finally {
      db.close();
    }
  });
});
