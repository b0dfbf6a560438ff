import { epochDay, isoDate } from '../../aggregator/calendar.js';
import type { Report } from '../../aggregator/questionnaire.js';
import { syntheticReport } from '../../aggregator/synthetic/report.js';
import { seededRandom } from '../../aggregator/synthetic/random.js';
import { madeUpPack } from '../support/made-up-pack.js';

/**
 * The attacker's world: one ISO week of reports in a small country, its last day watched
 * through every release while it is open (with a restart in the middle), and an insider who
 * posts nine reports into a municipality where one other person reported that week.
 *
 * Designed to keep the attacker's linear programme small (three regions of three
 * municipalities) while holding every kind of cell the attacks on the earlier release used:
 * large and small municipalities, empty ones, rare answers, and an area-period at the minimum.
 */

/** Three regions; in each a large, a middle-sized and a small municipality. */
export const ATTACK_PACK = madeUpPack(
  'attack',
  { code: 'XA', name: 'Attackland' },
  {
    RA: { name: 'Region A', municipalities: { A1: ['A one', 60_000], A2: ['A two', 15_000], A3: ['A three', 1_200] } },
    RB: { name: 'Region B', municipalities: { B1: ['B one', 40_000], B2: ['B two', 9_000], B3: ['B three', 2_500] } },
    RC: { name: 'Region C', municipalities: { C1: ['C one', 50_000], C2: ['C two', 12_000], C3: ['C three', 3_300] } },
  },
  [28_000, 18_000, 24_000, 27_000, 28_000, 25_000, 21_000, 22_000],
);

export const TIME_ZONE = 'Europe/Ljubljana';
/** Monday to Sunday of ISO week 2026-W47. */
export const WEEK: readonly string[] = Array.from({ length: 7 }, (_, i) => isoDate(epochDay('2026-11-16') + i));
export const WEEK_LABEL = '2026-W47';
/** The day watched while open: every release during it is published and kept by the attacker. */
export const WATCHED_DAY = WEEK[6]!;

/** Local times (minutes after midnight, Central European Time: UTC + 1 in November) of the releases on the watched day. */
const WATCHED_RELEASES_MIN = [6 * 60, 8 * 60, 10 * 60, 12 * 60, 13 * 60, 14 * 60, 14 * 60 + 30, 16 * 60, 18 * 60, 20 * 60, 22 * 60];
/** The release at 14:30 is the first after a restart: the service kept nothing in memory. */
export const RESTART_AT_MIN = 14 * 60 + 30;

export interface Release {
  /** Epoch milliseconds. */
  readonly time: number;
  /** Minutes after midnight on the watched day that its counts include; 24 h once the day has closed. */
  readonly minute: number;
  /** The first release after a restart. */
  readonly restarted: boolean;
}

const localMinuteToEpoch = (day: string, minute: number) => epochDay(day) * 86_400_000 + (minute - 60) * 60_000;

/** Every release the attacker reads: through the watched day, then the next morning, when the week is complete. */
export const RELEASES: readonly Release[] = [
  ...WATCHED_RELEASES_MIN.map((minute) => ({ time: localMinuteToEpoch(WATCHED_DAY, minute), minute, restarted: minute === RESTART_AT_MIN })),
  { time: localMinuteToEpoch(isoDate(epochDay(WATCHED_DAY) + 1), 10 * 60), minute: 24 * 60, restarted: false },
];

/** The municipality and day where the insider posts beside a lone victim; nobody else reports there that week. */
export const VICTIM_AREA = 'A3';
export const INSIDER_DAY = WEEK[2]!;
export const INSIDER_REPORTS = 9;

/** Mean reports a day per municipality (the victim's municipality has only the victim and the insider). */
const DAILY: Readonly<Record<string, number>> = { A1: 30, A2: 7, A3: 0, B1: 20, B2: 4, B3: 1.2, C1: 26, C2: 6, C3: 1.6 };

export interface TimedReport {
  readonly day: string;
  /** Minutes after local midnight at which it arrived. */
  readonly minute: number;
  readonly report: Report;
  /** The record key the fold draws for it: uniform on [0, 2³²). */
  readonly recordKey: number;
  readonly insider: boolean;
  readonly victim: boolean;
}

/** A Poisson draw by inversion: small means only. */
function poisson(random: () => number, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let sum = p;
  const u = random();
  while (u > sum) {
    k++;
    p *= mean / k;
    sum += p;
  }
  return k;
}

export interface Scenario {
  readonly reports: readonly TimedReport[];
  readonly victim: Report;
}

/** The week's reports, the same for the same seed; answers follow the benchmark's realistic mix. */
export function attackScenario(seed: number): Scenario {
  const random = seededRandom(seed);
  const reports: TimedReport[] = [];
  const add = (day: string, report: Report, role: { insider?: boolean; victim?: boolean } = {}) =>
    reports.push({
      day,
      minute: Math.floor(random() * 1440),
      report,
      recordKey: Math.floor(random() * 2 ** 32),
      insider: role.insider === true,
      victim: role.victim === true,
    });
  for (const day of WEEK) {
    for (const m of ATTACK_PACK.municipalities) {
      const n = poisson(random, DAILY[m.code]!);
      for (let i = 0; i < n; i++) add(day, syntheticReport(random, ATTACK_PACK, m.code));
    }
  }
  // The victim is ill enough to have answers worth hiding; the insider's reports are all alike.
  let victim = syntheticReport(random, ATTACK_PACK, VICTIM_AREA);
  while (victim.symptoms.length === 0) victim = syntheticReport(random, ATTACK_PACK, VICTIM_AREA);
  add(INSIDER_DAY, victim, { victim: true });
  const own: Report = { area: VICTIM_AREA, ageBand: '35-44', symptoms: [], warningSigns: [], contact: 'no', test: 'not_tested', consent: true };
  for (let i = 0; i < INSIDER_REPORTS; i++) add(INSIDER_DAY, own, { insider: true });
  return { reports, victim };
}

/** The reports a release at `release` has counted. */
export function countedBy(reports: readonly TimedReport[], release: Release): TimedReport[] {
  return reports.filter((r) => r.day < WATCHED_DAY || (r.day === WATCHED_DAY && r.minute < release.minute));
}
