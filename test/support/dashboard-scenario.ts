import { afterAll, beforeAll, expect } from 'vitest';
import type { Report } from '../../aggregator/questionnaire.js';
import type { ReleasedRow } from '../../aggregator/released-rows.js';
import { seededRandom, weighted } from '../../aggregator/synthetic/random.js';
import { startTestService, type TestService } from './service.js';

/**
 * A service the dashboards are tried on, seeded through the API with a fixed calendar, so
 * every day, week and publication time is known: today is Wednesday 25 November 2026, 13:00
 * in Ljubljana (its second publication, of 12:00, is out; the next is at 18:00); the last
 * complete week is 2026-W47 (16–22 November), the one before it 2026-W46.
 */

export const TIME_ZONE = 'Europe/Ljubljana';
export const TODAY = '2026-11-25';
export const YESTERDAY = '2026-11-24';
export const LAST_WEEK = { label: '2026-W47', first: '2026-11-16', last: '2026-11-22' };
export const WEEK_BEFORE = { label: '2026-W46', first: '2026-11-09', last: '2026-11-15' };
/** Ljubljana, whose reports suffice for shares on every day; Maribor, in another region. */
export const LJUBLJANA = 'SI-061';
export const MARIBOR = 'SI-070';

/** An instant by its wall-clock time in Ljubljana (November: CET, UTC+1). */
export function at(day: string, time: string): number {
  return Date.parse(`${day}T${time}:00+01:00`);
}

const DAY_MS = 86_400_000;
const days = (first: string, last: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

const AGE_BANDS = ['0-14', '15-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'];
/** Answers as people give them: most without symptoms, a fifth with fever and cough (COVID- and flu-like). */
const PROFILES: { symptoms: string[]; weight: number }[] = [
  { symptoms: [], weight: 40 },
  { symptoms: ['fever', 'cough'], weight: 20 },
  { symptoms: ['cough'], weight: 15 },
  { symptoms: ['sore_throat'], weight: 10 },
  { symptoms: ['headache'], weight: 10 },
  { symptoms: ['fever', 'sore_throat', 'cough'], weight: 5 },
];

export interface Scenario {
  service: TestService;
  /** Sets the service's clock. */
  setClock(epochMs: number): void;
  /** Every municipality code, from GET /api/v1/areas. */
  municipalities: string[];
  /** Municipalities given only three reports in the last complete week: they publish `<10`. */
  quiet: Set<string>;
  /** Rows of GET /api/v1/stats for a query string. */
  stats(query: string): Promise<ReleasedRow[]>;
  /** Sends reports from a municipality at the clock's current time, all at once. */
  send(area: string, n: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a service and seeds it: Ljubljana 40 reports a day (enough for shares), Maribor 12.
 * `fullWeek`: besides, every municipality gets 36 reports in the last complete week (a few get
 * 3) and two a day after it, and Friday 20 November a peak of some 1,700 reports in the
 * country, so the axes reach the thousands.
 */
export async function startScenario(options: { fullWeek: boolean }): Promise<Scenario> {
  let clock = at(WEEK_BEFORE.first, '09:00');
  const service = await startTestService({}, { now: () => clock });
  const random = seededRandom(20261125);
  // Age bands in turn, not drawn: a region's day then has some ten reports in every band, which
  // no perturbation (at most 5) takes to a published 0, so regions are age-standardised in
  // every run, whatever the service's random record keys.
  let sent = 0;
  const report = (area: string): Report => {
    const { symptoms } = weighted(random, PROFILES, PROFILES.map((p) => p.weight));
    return {
      area,
      ageBand: AGE_BANDS[sent++ % AGE_BANDS.length]!,
      symptoms,
      warningSigns: [],
      ...(symptoms.length > 0 ? { onset: '1-3d' } : {}),
      contact: 'no',
      test: 'not_tested',
      consent: true,
    } as Report;
  };
  // Reports go out a few dozen at a time: group commit folds them into few transactions.
  const sendAll = async (areas: readonly string[]) => {
    const reports = areas.map(report);
    for (let i = 0; i < reports.length; i += 48) {
      const answers = await Promise.all(reports.slice(i, i + 48).map((r) => service.post(r)));
      for (const answer of answers) expect(answer.status).toBe(201);
    }
  };
  const send = (area: string, n: number) => sendAll(Array.from({ length: n }, () => area));
  const areas = (await (await fetch(`${service.url}/api/v1/areas`)).json()) as { municipalities: { code: string }[] };
  const municipalities = areas.municipalities.map((m) => m.code);
  const quiet = new Set(options.fullWeek ? municipalities.filter((_, i) => i % 20 === 7) : []);

  for (const day of days(WEEK_BEFORE.first, YESTERDAY)) {
    clock = at(day, '09:00');
    const perArea = new Map<string, number>([
      [LJUBLJANA, 40 + (options.fullWeek && day === '2026-11-20' ? 600 : 0)],
      [MARIBOR, 12],
    ]);
    if (options.fullWeek && day >= LAST_WEEK.first) {
      // The last complete week: 36 in every municipality (3 in the quiet ones), spread over its
      // days, enough for a share everywhere; then two a day each, so regions publish every day.
      const index = days(LAST_WEEK.first, LAST_WEEK.last).indexOf(day);
      for (const code of municipalities) {
        const weekly = quiet.has(code) ? 3 : 36;
        const n = index < 0 ? 2 : Math.floor((weekly * (index + 1)) / 7) - Math.floor((weekly * index) / 7);
        perArea.set(code, (perArea.get(code) ?? 0) + n);
      }
    }
    await sendAll([...perArea].flatMap(([area, n]) => Array.from({ length: n }, () => area)));
  }
  // Today's first reports, before the second publication time (12:00).
  clock = at(TODAY, '07:00');
  await send(LJUBLJANA, 15);
  await send(MARIBOR, 12);
  clock = at(TODAY, '13:00');
  service.releaseNow();

  return {
    service,
    setClock: (epochMs) => {
      clock = epochMs;
    },
    municipalities,
    quiet,
    async stats(query) {
      const response = await fetch(`${service.url}/api/v1/stats?${query}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { rows: ReleasedRow[] }).rows;
    },
    send,
    stop: () => service.stop(),
  };
}

/**
 * One scenario for the tests of a file: started before them and stopped after. Call it in a
 * `describe`; the function gives the scenario.
 */
export function sharedScenario(options: { fullWeek: boolean }): () => Scenario {
  let scenario: Scenario | undefined;
  beforeAll(async () => {
    scenario = await startScenario(options);
  }, 120_000);
  afterAll(async () => {
    await scenario?.stop();
  });
  return () => scenario!;
}
