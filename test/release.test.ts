import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKeys } from '../aggregator/cell-key.js';
import { dayIn } from '../aggregator/day.js';
import { perturbationTable } from '../aggregator/perturbation-table.js';
import { PUBLISHED_TABLES } from '../aggregator/publication.js';
import { type ReleaseInput, release } from '../aggregator/release.js';
import { DEFAULT_RELEASE_POLICY } from '../aggregator/release-policy.js';
import { type ReleasedRow, rows } from '../aggregator/released-rows.js';
import { WEEK_LABEL } from '../aggregator/retention.js';
import type { ReleasedSnapshot } from '../aggregator/snapshot.js';
import type { CountRow } from '../aggregator/area-day.js';
import { createReleaser } from '../server/releaser.js';
import { type Answers, answers as someAnswers } from './support/arbitraries.js';
import { syntheticReport } from '../aggregator/synthetic/report.js';
import { seededRandom } from '../aggregator/synthetic/random.js';
import { countRows, type Group, NO_SYMPTOMS, PACK, row, storedCounters, storedRows, TEST_KEYS, table } from './support/release-fixtures.js';

const TIME_ZONE = 'Europe/Ljubljana';
/** Wednesday 25 November 2026, 11:00 in Ljubljana: the open day, after its 06:00 publication. */
const NOW = Date.UTC(2026, 10, 25, 10);
const OPEN = '2026-11-25';
const MONDAY = '2026-11-16';
const TUESDAY = '2026-11-24';
const HOUR = 3_600_000;
const D = DEFAULT_RELEASE_POLICY.perturbation.maxDeviation;

const snapshot = (groups: readonly Group[], now = NOW, extra: Partial<ReleaseInput> = {}) =>
  release({ counts: storedCounters(groups), pack: PACK, now, timeZone: TIME_ZONE, keys: TEST_KEYS, ...extra });

const RUNNY_NOSE: Partial<Answers> = { symptoms: ['runny_nose'], onset: 'today' };
const FEVER_COUGH: Partial<Answers> = { symptoms: ['fever', 'cough'], onset: '1-3d' };

/** The true count of a published row, from the groups (summed over the row's area and days). */
function truth(groups: readonly Group[], r: ReleasedRow, days: readonly string[]): number {
  const inArea = (area: string) => r.geo_type === 'country' || area === r.geo_value || PACK.municipalityByCode.get(area)?.region === r.geo_value;
  const counted = countRows(groups.filter((g) => inArea(g.area) && days.includes(g.day)));
  return counted.filter((c) => c.metric === r.metric).reduce((s, c) => s + c.n, 0);
}

describe('what is published, table by table', () => {
  const groups: Group[] = [MONDAY, TUESDAY].flatMap((day) => PACK.municipalities.map((m, i) => ({ day, area: m.code, n: 20 + i, answers: i % 2 ? FEVER_COUGH : {} })));
  const s = snapshot(groups);

  it('publishes municipalities by ISO week only, with the indicators only; regions without warning signs or advice; the country whole', () => {
    const all = [...rows(s)];
    const municipal = all.filter((r) => r.geo_type === 'municipality');
    expect(new Set(municipal.map((r) => r.time_type))).toEqual(new Set(['week']));
    expect(new Set(municipal.map((r) => r.metric))).toEqual(new Set(['reports', 'symptomatic', 'cli', 'ili', 'covid_criteria']));
    const regional = new Set(all.filter((r) => r.geo_type === 'region').map((r) => r.metric));
    expect(regional.has('symptom:fever') && regional.has('age:75+:cli')).toBe(true);
    expect([...regional].filter((m) => /^(warning|guidance|onset|contact|test):/.test(m))).toEqual([]);
    expect(new Set(all.filter((r) => r.geo_type === 'country').map((r) => r.metric)).size).toBe(PUBLISHED_TABLES[0]!.metrics.length);
  });

  it('keeps every published count within the largest deviation of the truth, and never 1 or 2', () => {
    let published = 0;
    for (const r of rows(s)) {
      if (r.value === null || r.provisional) continue;
      published++;
      const days = r.time_type === 'week' ? Array.from({ length: 7 }, (_, i) => `2026-11-${16 + i}`) : [r.time_value];
      const n = truth(groups, r, days);
      expect([1, 2]).not.toContain(r.value);
      expect(Math.abs(r.value - n), `${r.time_value} ${r.geo_value} ${r.metric}: ${r.value} for ${n}`).toBeLessThanOrEqual(n === 0 ? D + 1 : D);
    }
    expect(published).toBeGreaterThan(500);
  });

  it('perturbs without bias: over many cells the published counts average the true ones', { timeout: 60_000 }, () => {
    // A week of reports answered as people answer (the benchmark's mix).
    const random = seededRandom(5);
    const week = Array.from({ length: 7 }, (_, i) => `2026-11-${16 + i}`);
    const mixed: Group[] = week.flatMap((day) =>
      PACK.municipalities.flatMap((m) => Array.from({ length: 40 }, () => ({ day, area: m.code, n: 1, answers: syntheticReport(random, PACK, m.code) }))),
    );
    let sum = 0;
    let cells = 0;
    for (const r of rows(snapshot(mixed))) {
      if (r.value === null || r.provisional || r.time_type !== 'day') continue;
      const n = truth(mixed, r, [r.time_value]);
      if (n < 3) continue;
      sum += r.value - n;
      cells++;
    }
    expect(cells).toBeGreaterThan(1000);
    // The deviation's standard deviation is √1.5: the mean of a thousand is within 0.15 of 0.
    expect(Math.abs(sum / cells)).toBeLessThan(0.15);
  });
});

describe('the cell key method', () => {
  it('gives the same reports counted in the same metric the same value wherever they are counted', () => {
    // M4 is the only municipality of R2 with reports, and reports on Tuesday only: its week is
    // its Tuesday, its region is itself. The country's Tuesday counts M4 and M1.
    const s = snapshot([
      { day: TUESDAY, area: 'M4', n: 25, answers: FEVER_COUGH },
      { day: TUESDAY, area: 'M1', n: 30 },
    ]);
    for (const metric of ['reports', 'symptomatic', 'cli']) {
      const week = row(s, '2026-W48', 'M4', metric)?.value;
      // The week of the 23rd is not complete; compare within Tuesday's own tables instead.
      expect(week, 'no week yet').toBeUndefined();
      expect(row(s, TUESDAY, 'R2', metric)!.value).toBeTypeOf('number');
    }
    const later = snapshot(
      [
        { day: TUESDAY, area: 'M4', n: 25, answers: FEVER_COUGH },
        { day: TUESDAY, area: 'M1', n: 30 },
      ],
      Date.UTC(2026, 10, 30, 10),
    );
    for (const metric of ['reports', 'symptomatic', 'cli']) {
      const regionDay = row(later, TUESDAY, 'R2', metric)!.value;
      expect(row(later, '2026-W48', 'R2', metric)!.value, `${metric}: R2's week is its Tuesday`).toBe(regionDay);
      expect(row(later, '2026-W48', 'M4', metric)!.value, `${metric}: M4's week is R2's Tuesday`).toBe(regionDay);
    }
  });

  it('gives two metrics counting the same reports unrelated values', () => {
    // In every municipality all reports have fever and cough: symptomatic, cli, ili and
    // covid_criteria count the same people. With keys shared across metrics, their published
    // values would always be equal; with a key per metric they differ somewhere.
    const groups = PACK.municipalities.flatMap((m, i) => [MONDAY, TUESDAY].map((day) => ({ day, area: m.code, n: 15 + i, answers: FEVER_COUGH })));
    const s = snapshot(groups);
    const differing = [...rows(s, { metrics: ['symptomatic', 'cli'] })]
      .reduce((m, r) => m.set(`${r.time_value} ${r.geo_value}`, [...(m.get(`${r.time_value} ${r.geo_value}`) ?? []), r.value]), new Map<string, (number | null)[]>());
    expect([...differing.values()].filter(([a, b]) => a !== null && a !== b).length).toBeGreaterThan(0);
  });

  it('publishes an empty cell as 0 or as a value a cell of one could have, by a key no outsider can predict', () => {
    const groups = [{ day: TUESDAY, area: 'M1', n: 40 }];
    const s = snapshot(groups);
    const empty = [...rows(s, { level: 'country', timeType: 'day' })].filter((r) => r.time_value === TUESDAY && r.value !== null && truth(groups, r, [TUESDAY]) === 0);
    expect(empty.length).toBeGreaterThan(30);
    const ptable = perturbationTable(DEFAULT_RELEASE_POLICY.perturbation);
    for (const r of empty) expect(ptable.rows[1]!.values).toContain(r.value);
    // Another secret gives other values to the same empty cells.
    const other = release({ counts: storedCounters(groups), pack: PACK, now: NOW, timeZone: TIME_ZONE, keys: cellKeys(new Uint8Array(32).fill(9)) });
    const values = (x: ReleasedSnapshot) => [...rows(x, { level: 'country', timeType: 'day' })].filter((r) => r.time_value === TUESDAY).map((r) => r.value);
    expect(values(other)).not.toEqual(values(s));
  });
});

describe('the minimum', () => {
  it('publishes only "below the minimum" for an area-period whose published reports are fewer than 10, zeros included', () => {
    const s = snapshot([{ day: TUESDAY, area: 'M4', n: 3 }]);
    for (const area of ['R2', 'XX']) {
      expect(row(s, TUESDAY, area, 'reports')).toMatchObject({ value: null, missing_value: 'below_minimum', sample_size: null, missing_sample_size: 'below_minimum' });
      expect(row(s, TUESDAY, area, 'symptom:fever')).toMatchObject({ value: null, missing_value: 'below_minimum' });
    }
  });

  it('publishes an area-period whose published reports reach the minimum', () => {
    const s = snapshot([{ day: TUESDAY, area: 'M1', n: 40 }]);
    const reports = row(s, TUESDAY, 'R1', 'reports')!;
    expect(reports.value).toBeGreaterThanOrEqual(40 - D);
    expect(reports.missing_value).toBeNull();
  });
});

describe('the open day', () => {
  const before6 = Date.UTC(2026, 10, 25, 4); // 05:00 in Ljubljana
  const at7 = Date.UTC(2026, 10, 25, 6);
  const at11 = Date.UTC(2026, 10, 25, 10);
  const at13 = Date.UTC(2026, 10, 25, 12);
  const today = (n: number): Group[] => [{ day: OPEN, area: 'M1', n }, { day: OPEN, area: 'M6', n, answers: RUNNY_NOSE }];

  it('publishes nothing for today before its first publication time', () => {
    const s = snapshot(today(30), before6);
    expect([...rows(s)].filter((r) => r.time_value === OPEN)).toEqual([]);
    expect(s.openDay).toMatchObject({ day: OPEN, publication: 0, publishedAt: undefined, nextAt: Date.UTC(2026, 10, 25, 5) });
  });

  it('publishes today for the country and the regions, provisional, and nothing more until the next publication time', () => {
    const first = snapshot(today(30), at7);
    const published = [...rows(first)].filter((r) => r.time_value === OPEN);
    expect(published.length).toBeGreaterThan(0);
    expect(new Set(published.map((r) => r.geo_type))).toEqual(new Set(['country', 'region']));
    expect(published.every((r) => r.provisional)).toBe(true);
    expect(first.openDay).toMatchObject({ publication: 1, publishedAt: at7, nextAt: Date.UTC(2026, 10, 25, 11) });
    // Forty more reports by 11:00: the numbers out stay exactly as published at 07:00.
    const second = snapshot(today(70), at11, { previous: first });
    expect([...rows(second)].filter((r) => r.time_value === OPEN)).toEqual(published);
    expect(second.openDay.publishedAt).toBe(at7);
    // After 12:00 the next publication counts them.
    const third = snapshot(today(70), at13, { previous: second });
    expect(row(third, OPEN, 'XX', 'reports')!.value).toBeGreaterThanOrEqual(140 - D);
    expect(third.openDay).toMatchObject({ publication: 2, publishedAt: at13 });
  });

  it('republishes the same numbers after a restart when no report arrived since', () => {
    const first = snapshot(today(30), at7);
    const restarted = snapshot(today(30), at11);
    expect([...rows(restarted)].filter((r) => r.time_value === OPEN)).toEqual([...rows(first)].filter((r) => r.time_value === OPEN));
  });

  it('publishes the closed day with new deviations, its final numbers', () => {
    const open = snapshot(today(30), at7);
    const closed = snapshot(today(30), Date.UTC(2026, 10, 26, 10));
    const values = (s: ReleasedSnapshot) => [...rows(s, { level: 'country', timeType: 'day' })].filter((r) => r.time_value === OPEN).map((r) => r.value);
    expect(values(closed)).not.toEqual(values(open));
    expect([...rows(closed)].some((r) => r.time_value === OPEN && r.provisional)).toBe(false);
  });
});

describe('a closed day and a complete week', () => {
  it('never change from one release to the next', () => {
    const groups: Group[] = [MONDAY, '2026-11-17', '2026-11-18'].flatMap((day) => PACK.municipalities.map((m, i) => ({ day, area: m.code, n: 10 + i })));
    const a = snapshot(groups, Date.UTC(2026, 10, 25, 10));
    const b = snapshot([...groups, { day: '2026-11-26', area: 'M1', n: 50 }], Date.UTC(2026, 10, 26, 18));
    const closed = (s: ReleasedSnapshot) => [...rows(s, { to: TUESDAY })].filter((r) => r.time_value < TUESDAY || r.time_value === '2026-W47');
    expect(closed(b)).toEqual(closed(a));
  });
});

const answers = someAnswers({ maxWarningSigns: 1 });

describe('an incremental release', () => {
  /** The counters and frozen values in memory, as the store keeps them (retention included) and gives them. */
  const memoryStore = () => {
    const counts = new Map<string, CountRow>();
    let frozen: CountRow[] = [];
    const stored = () => storedRows(counts.values(), frozen);
    return {
      add(rows: readonly CountRow[]) {
        for (const r of rows) {
          const key = `${r.day}\u0000${r.area}\u0000${r.metric}`;
          const old = counts.get(key);
          counts.set(key, { ...r, n: (old?.n ?? 0) + r.n, key: ((old?.key ?? 0) + r.key) >>> 0 });
        }
      },
      rows: stored,
      rowsSince: (day: string) => stored().filter((r) => r.day >= day && !WEEK_LABEL.test(r.day)),
      firstDay: () => stored().find((r) => !WEEK_LABEL.test(r.day))?.day,
      frozenWeeks: () => [...new Set(frozen.flatMap((r) => (WEEK_LABEL.test(r.day) ? [r.day] : [])))],
      replacePeriods(periods: readonly string[], rows: readonly CountRow[]) {
        const gone = new Set(periods);
        for (const [key, r] of counts) if (gone.has(r.day)) counts.delete(key);
        frozen = [...frozen.filter((r) => !gone.has(r.day)), ...rows];
      },
    };
  };

  /** A releaser over its own store; `incremental` reads only the days that are not final. */
  const releaserOver = (clock: { now: number }, incremental: boolean) => {
    const store = memoryStore();
    const since: string[] = [];
    const releaser = createReleaser({
      counts: store.rows,
      ...(incremental ? { countsSince: (day: string) => (since.push(day), store.rowsSince(day)) } : {}),
      firstDay: store.firstDay,
      commitPending: () => {},
      pack: PACK,
      timeZone: TIME_ZONE,
      policy: DEFAULT_RELEASE_POLICY,
      keys: TEST_KEYS,
      now: () => clock.now,
      retentionDays: 7,
      frozenWeeks: store.frozenWeeks,
      replacePeriods: (periods, rows) => store.replacePeriods(periods, rows),
    });
    return { store, releaser, since };
  };

  const expectSame = (a: ReleasedSnapshot, b: ReleasedSnapshot) => {
    expect(a.days).toEqual(b.days);
    expect(a.weeks).toEqual(b.weeks);
    expect(a.openDay).toEqual(b.openDay);
    a.tables.forEach((t, i) => {
      expect(Buffer.from(t.status).equals(Buffer.from(b.tables[i]!.status)), `${t.spec.level} × ${t.spec.period}: statuses`).toBe(true);
      expect(Buffer.from(t.value.buffer).equals(Buffer.from(b.tables[i]!.value.buffer)), `${t.spec.level} × ${t.spec.period}: values`).toBe(true);
    });
    expect([...rows(a)]).toEqual([...rows(b)]);
  };

  // From Monday 16 November: each step moves the clock on by some hours and adds reports on
  // the open day, then releases; days close, weeks complete and retention freezes a week.
  const batch = fc.array(fc.tuple(fc.constantFrom(...PACK.municipalities.map((m) => m.code)), answers), { maxLength: 80 });
  const step = fc.tuple(fc.integer({ min: 1, max: 40 }), batch);
  const START = Date.UTC(2026, 10, 16, 7);

  it('equals a full release from every counter, release after release', () => {
    const steady: [number, [string, Answers][]][] = [13, 11, 2, 24, 24, 24, 24, 24, 30, 30, 24, 24].map((h, i) => [
      h,
      PACK.municipalities.flatMap((m, j) => Array.from({ length: 12 + ((i * 7 + j * 3) % 9) }, () => [m.code, { ...NO_SYMPTOMS, ...(j % 2 ? RUNNY_NOSE : {}) }] as [string, Answers])),
    ]);
    let seed = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 3, maxLength: 12 }), (steps) => {
        const clock = { now: START };
        const full = releaserOver(clock, false);
        const incremental = releaserOver(clock, true);
        for (const [hours, reports] of steps) {
          clock.now += hours * HOUR;
          const day = dayIn(TIME_ZONE, clock.now);
          const counts = countRows(reports.map(([area, a]) => ({ day, area, n: 1, answers: a })), ++seed);
          full.store.add(counts);
          incremental.store.add(counts);
          expectSame(incremental.releaser.releaseNow(), full.releaser.releaseNow());
          expect(incremental.store.rows()).toEqual(full.store.rows());
        }
        // After the first release, every release read only the days that were not final.
        expect(incremental.since.length).toBe(steps.length - 1);
      }),
      { numRuns: 15, examples: [[steady]] },
    );
  }, 120_000);

  it('copies final periods only from a previous snapshot of the same days', () => {
    const s = snapshot([{ day: TUESDAY, area: 'M1', n: 20 }]);
    const input = { counts: [], pack: PACK, now: NOW + 24 * HOUR, timeZone: TIME_ZONE, firstDay: TUESDAY, keys: TEST_KEYS };
    expect(() => release({ ...input, since: OPEN })).toThrow(/previous snapshot/);
    expect(() => release({ ...input, previous: s, since: '2026-11-30' })).toThrow(/previous snapshot/);
    expect(release({ ...input, previous: s, since: '2026-11-23' }).days).toHaveLength(4);
  });
});

describe('the release reads', () => {
  it('nothing but the tables it publishes: counters of unknown areas change nothing', () => {
    const groups = [{ day: TUESDAY, area: 'M1', n: 40 }];
    const counted = countRows(groups);
    const noise: CountRow[] = [{ day: TUESDAY, area: 'ZZ', metric: 'reports', n: 5, key: 1 }];
    const a = release({ counts: storedRows(counted), pack: PACK, now: NOW, timeZone: TIME_ZONE, keys: TEST_KEYS });
    const b = release({ counts: storedRows([...counted, ...noise]), pack: PACK, now: NOW, timeZone: TIME_ZONE, keys: TEST_KEYS });
    expect([...rows(b)]).toEqual([...rows(a)]);
    expect(table(a, TUESDAY, ['M1'], ['reports'])).toEqual({ M1: { reports: undefined } });
  });
});
