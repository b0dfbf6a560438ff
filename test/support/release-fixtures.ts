import { cellKeys, SECRET_BYTES } from '../../aggregator/cell-key.js';
import { fold, metricNames } from '../../aggregator/fold.js';
import { guide } from '../../aggregator/guidance.js';
import type { MissingReason } from '../../aggregator/publication.js';
import type { Report } from '../../aggregator/questionnaire.js';
import { type ReleasedRow, rows } from '../../aggregator/released-rows.js';
import type { ReleasedSnapshot } from '../../aggregator/snapshot.js';
import type { Answers } from './arbitraries.js';
import { madeUpPack } from './made-up-pack.js';
import { areaDaysOf, type CountRow, frozenAreasOf, type StoredRow } from '../../aggregator/area-day.js';
import { seededRandom } from '../../aggregator/synthetic/random.js';

/** A small country: R1 (M1, M2, M3), R2 (M4, M5), R3 (M6, M7, M8). */
export const PACK = madeUpPack(
  'test',
  { code: 'XX', name: 'Testland' },
  {
    R1: { name: 'Region one', municipalities: { M1: ['Ena', 10_000], M2: ['Dva', 20_000], M3: ['Tri', 30_000] } },
    R2: { name: 'Region two', municipalities: { M4: ['Štiri', 15_000], M5: ['Pet', 5_000] } },
    R3: { name: 'Region three', municipalities: { M6: ['Šest', 40_000], M7: ['Sedem', 2_000], M8: ['Osem', 3_000] } },
  },
  [20_000, 10_000, 15_000, 15_000, 15_000, 15_000, 20_000, 15_000],
);

export const NO_SYMPTOMS: Answers = { ageBand: '35-44', symptoms: [], warningSigns: [], contact: 'no', test: 'not_tested' };

/** `n` reports with the same answers, from one municipality on one day. */
export interface Group {
  readonly day: string;
  readonly area: string;
  readonly n: number;
  readonly answers?: Partial<Answers>;
}

/** The release secret of the tests: fixed, so a failing case replays. */
export const TEST_SECRET = Uint8Array.from({ length: SECRET_BYTES }, (_, i) => (i * 37 + 11) % 256);
export const TEST_KEYS = cellKeys(TEST_SECRET);

/** Orders counters as the store does: by day, area and metric. */
const byKey = (a: CountRow, b: CountRow) =>
  a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.area !== b.area ? (a.area < b.area ? -1 : 1) : a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0;

/**
 * The counters the store would hold after folding the reports, in the store's order; each
 * report draws its record key from a generator seeded with `seed`, so the same groups give the
 * same counters.
 */
export function countRows(groups: readonly Group[], seed = 1): CountRow[] {
  const random = seededRandom(seed);
  const counts = new Map<string, CountRow>();
  for (const { day, area, n, answers } of groups) {
    const report = { ...NO_SYMPTOMS, ...answers, area, consent: true } as Report;
    for (let i = 0; i < n; i++) {
      const increments = fold(report, day, guide(report), Math.floor(random() * 2 ** 32));
      for (const metric of metricNames(increments)) {
        const name = `${day} ${area} ${metric}`;
        const row = counts.get(name) ?? { day, area, metric, n: 0, key: 0 };
        row.n += 1;
        row.key = (row.key + increments.key) >>> 0;
        counts.set(name, row);
      }
    }
  }
  return [...counts.values()].sort(byKey);
}

/** Orders stored rows as the store gives them: by day (a week's label after its year's dates), then area, counters first. */
const byDayArea = (a: StoredRow, b: StoredRow) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.area < b.area ? -1 : a.area > b.area ? 1 : 0);

/**
 * Counters and frozen values (retention's rows) given in long format, as the store gives them
 * to the release (CountsStore.rows): packed by area-day and area-period, in the store's order.
 */
export function storedRows(counters: Iterable<CountRow>, frozen: Iterable<CountRow> = []): StoredRow[] {
  return [...areaDaysOf(counters), ...frozenAreasOf(frozen)].sort(byDayArea);
}

/** The counters the store would hold after folding the reports (countRows), as it gives them to the release. */
export const storedCounters = (groups: readonly Group[], seed = 1): StoredRow[] => storedRows(countRows(groups, seed));

export function row(s: ReleasedSnapshot, time: string, area: string, metric: string): ReleasedRow | undefined {
  return [...rows(s, { areas: [area], metrics: [metric] })].find((r) => r.time_value === time);
}

/** Published values and missing reasons by area and metric, as a reader sees them. */
export function table(
  s: ReleasedSnapshot,
  time: string,
  areas: readonly string[],
  metrics: readonly string[],
): Record<string, Record<string, number | MissingReason | undefined>> {
  return Object.fromEntries(
    areas.map((area) => [
      area,
      Object.fromEntries(
        metrics.map((metric) => {
          const r = row(s, time, area, metric);
          return [metric, r && (r.value ?? r.missing_value ?? undefined)];
        }),
      ),
    ]),
  );
}
