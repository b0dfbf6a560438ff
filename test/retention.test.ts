import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { epochDay, isoDate } from '../aggregator/calendar.js';
import { REPORTS } from '../aggregator/metrics.js';
import { release } from '../aggregator/release.js';
import { DEFAULT_RELEASE_POLICY } from '../aggregator/release-policy.js';
import { type ReleasedRow, rows } from '../aggregator/released-rows.js';
import { FROZEN_WITHHELD, retain, type RetentionPlan, weekOf } from '../aggregator/retention.js';
import type { ReleasedSnapshot } from '../aggregator/snapshot.js';
import type { CountRow } from '../aggregator/area-day.js';
import type { Answers } from './support/arbitraries.js';
import { readCounts } from './support/counts.js';
import { countRows, type Group, PACK, storedRows, TEST_KEYS } from './support/release-fixtures.js';
import { VALID_REPORT } from './support/reports.js';
import { expectPrivateLogs, startTestService, type TestService } from './support/service.js';

const TIME_ZONE = 'Europe/Ljubljana';
const DAY_MS = 86_400_000;
/** Noon in Ljubljana (summer time) on a date of October 2026. */
const octoberNoon = (day: number) => Date.UTC(2026, 9, day, 10);

const dates = (first: string, n: number) => Array.from({ length: n }, (_, i) => isoDate(epochDay(first) + i));

/** What a reader sees of a cell: its value or its missing reason. */
const shown = (r: ReleasedRow) => r.value ?? r.missing_value;
const key = (period: string, area: string, metric: string) => `${period}|${area}|${metric}`;
const byCell = (all: Iterable<ReleasedRow>) => new Map([...all].map((r) => [key(r.time_value, r.geo_value, r.metric), r]));

/** Checks frozen rows against the snapshot they came from: each one is a published value or its marker. */
function expectOnlyPublished(frozen: readonly CountRow[], cells: ReadonlyMap<string, ReleasedRow>): void {
  const problems: string[] = [];
  for (const { day, area, metric, n } of frozen) {
    const r = cells.get(key(day, area, metric));
    const expected = n >= 0 ? n : n === FROZEN_WITHHELD ? 'below_minimum' : `bad marker ${n}`;
    if (!r || shown(r) !== expected) problems.push(`${day} ${area} ${metric}: stored ${n}, published ${r ? shown(r) : 'nothing'}`);
  }
  expect(problems).toEqual([]);
}

/** Every published table holds the same values and statuses. */
function expectSameTables(a: ReleasedSnapshot, b: ReleasedSnapshot): void {
  a.tables.forEach((t, i) => {
    expect(t.status, `${t.spec.level} × ${t.spec.period}`).toEqual(b.tables[i]!.status);
    expect(t.value, `${t.spec.level} × ${t.spec.period}`).toEqual(b.tables[i]!.value);
  });
}

// ---------------------------------------------------------------------------------------------
// The pure function.

describe('retain (pure)', () => {
  /** Wednesday 25 November 2026, 11:00 in Ljubljana. */
  const NOW = Date.UTC(2026, 10, 25, 10);
  const RUNNY_NOSE: Partial<Answers> = { symptoms: ['runny_nose'], onset: 'today' };
  // Three full weeks from Monday 26 October (W44, W45, W46), then W47 and the open week.
  const groups: Group[] = dates('2026-10-26', 30).flatMap((day, i) => [
    { day, area: 'M1', n: 15 + (i % 4) },
    { day, area: 'M1', n: 1 + (i % 3), answers: RUNNY_NOSE },
    { day, area: 'M2', n: 3 },
    { day, area: 'M4', n: 12, answers: i % 2 === 0 ? { contact: 'yes' } : {} },
    { day, area: 'M6', n: 9 + (i % 3) },
  ]);
  const counts = countRows(groups);
  /** The release of counters and, when a plan froze weeks, of the plan's frozen values. */
  const snapshot = (c: Iterable<CountRow>, frozen?: RetentionPlan, policy = DEFAULT_RELEASE_POLICY) =>
    release({ counts: storedRows(c, frozen?.rows), pack: PACK, now: NOW, timeZone: TIME_ZONE, keys: TEST_KEYS, frozenWeeks: new Set(frozen?.weeks), policy });

  it('freezes whole ISO weeks once their Monday is more than retentionDays before the open day', () => {
    const s = snapshot(counts);
    expect(s.weeks).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    // 25 November − 30 days = 26 October: W44's Monday is exactly 30 days old, not more.
    expect(retain(s, { retentionDays: 30, frozenWeeks: new Set() }).weeks).toEqual([]);
    expect(retain(s, { retentionDays: 29, frozenWeeks: new Set() }).weeks).toEqual(['2026-W44']);
    const plan = retain(s, { retentionDays: 16, frozenWeeks: new Set() });
    expect(plan.weeks).toEqual(['2026-W44', '2026-W45']);
    expect(plan.periods).toEqual([...dates('2026-10-26', 7), '2026-W44', ...dates('2026-11-02', 7), '2026-W45']);
    // Already frozen weeks are never touched again.
    expect(retain(s, { retentionDays: 16, frozenWeeks: new Set(plan.weeks) }).weeks).toEqual([]);
    // Never a week that has not closed, whatever the setting.
    expect(retain(s, { retentionDays: 0, frozenWeeks: new Set() }).weeks).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
  });

  it('writes only published values and markers, for every area level, and a row for every frozen period', () => {
    const s = snapshot(counts);
    const plan = retain(s, { retentionDays: 16, frozenWeeks: new Set() });
    expectOnlyPublished(plan.rows, byCell(rows(s)));
    const levels = new Set(plan.rows.map((r) => PACK.municipalityByCode.has(r.area) ? 'municipality' : r.area.startsWith('R') ? 'region' : 'country'));
    expect([...levels].sort()).toEqual(['country', 'municipality', 'region']);
    for (const period of plan.periods) expect(plan.rows.some((r) => r.day === period && r.area === 'XX' && r.metric === REPORTS)).toBe(true);
    // Municipalities are published by week only, so they have no day rows; M2's 21 reports of
    // W44 are kept as published, within the largest deviation.
    expect(plan.rows.filter((r) => PACK.municipalityByCode.has(r.area) && !r.day.includes('W'))).toEqual([]);
    const m2 = plan.rows.find((r) => r.day === '2026-W44' && r.area === 'M2' && r.metric === REPORTS)!.n;
    expect(Math.abs(m2 - 21)).toBeLessThanOrEqual(DEFAULT_RELEASE_POLICY.perturbation.maxDeviation);
    expect(m2).toBe(rows(s, { areas: ['M2'], metrics: [REPORTS], timeType: 'week' }).next().value!.value);
    // Every published non-zero cell of the frozen periods is there.
    const stored = new Set(plan.rows.map((r) => key(r.day, r.area, r.metric)));
    const periods = new Set(plan.periods);
    const missing = [...rows(s)].filter((r) => periods.has(r.time_value) && r.value !== null && r.value !== 0 && !stored.has(key(r.time_value, r.geo_value, r.metric)));
    expect(missing).toEqual([]);
  });

  it('is read back by the release into exactly the same public rows', { timeout: 30_000 }, () => {
    const before = snapshot(counts);
    const plan = retain(before, { retentionDays: 16, frozenWeeks: new Set() });
    const periods = new Set(plan.periods);
    const kept = counts.filter((r) => !periods.has(r.day));
    const after = snapshot(kept, plan);
    expect(after.days).toEqual(before.days);
    expect(after.weeks).toEqual(before.weeks);
    expect([...rows(after)]).toEqual([...rows(before)]);
    expectSameTables(after, before);
  });

  it('keeps frozen periods fixed: a stricter policy changes only the periods still computed', () => {
    const plan = retain(snapshot(counts), { retentionDays: 16, frozenWeeks: new Set() });
    const periods = new Set(plan.periods);
    const strict = { ...DEFAULT_RELEASE_POLICY, minReports: 1000 };
    const s = snapshot(counts.filter((r) => !periods.has(r.day)), plan, strict);
    const inFrozen = (r: ReleasedRow) => periods.has(r.time_value);
    expect([...rows(s)].filter(inFrozen)).toEqual([...rows(snapshot(counts))].filter(inFrozen));
    expect([...rows(s)].filter((r) => !inFrozen(r) && r.value !== null && r.value !== 0)).toEqual([]);
  });

  it('publishes nothing for a frozen week that is not complete (a clock gone back), and never reads frozen rows as counts', () => {
    const plan = retain(snapshot(counts), { retentionDays: 16, frozenWeeks: new Set() });
    // The clock goes back to Wednesday 4 November: W45 is the open week, frozen.
    const back = release({ counts: storedRows([], plan.rows), pack: PACK, now: Date.UTC(2026, 10, 4, 10), timeZone: TIME_ZONE, keys: TEST_KEYS, frozenWeeks: new Set(plan.weeks) });
    expect(back.weeks).toEqual(['2026-W44']);
    const w45 = [...rows(back, { from: '2026-11-02' })];
    expect(w45.length).toBeGreaterThan(0);
    expect(w45.filter((r) => r.value !== null && r.value !== 0)).toEqual([]);
    expect([...rows(back, { to: '2026-11-01' })]).toEqual([...rows(snapshot(counts), { to: '2026-11-01' })]);
  });

  it('round-trips random counter tables (property)', () => {
    const day = fc.record({
      M1: fc.nat(30),
      M3: fc.nat(30),
      M4: fc.nat(14),
      M7: fc.nat(6),
      sick: fc.nat(6),
    });
    fc.assert(
      fc.property(fc.array(day, { minLength: 24, maxLength: 24 }), fc.integer({ min: 7, max: 20 }), (table, retentionDays) => {
        const g: Group[] = table.flatMap((d, i) => {
          const date = isoDate(epochDay('2026-11-02') + i);
          return [
            ...(['M1', 'M3', 'M4', 'M7'] as const).map((area) => ({ day: date, area, n: d[area] })),
            { day: date, area: 'M3', n: d.sick, answers: { symptoms: ['fever', 'cough'], onset: '1-3d' } as Partial<Answers> },
          ].filter((x) => x.n > 0);
        });
        const c = countRows(g);
        const before = snapshot(c);
        const plan = retain(before, { retentionDays, frozenWeeks: new Set() });
        const periods = new Set(plan.periods);
        const after = snapshot(c.filter((r) => !periods.has(r.day)), plan);
        expectSameTables(after, before);
        expectOnlyPublished(plan.rows, byCell(rows(before, { to: plan.periods.filter((p) => !p.includes('W')).at(-1) ?? '0000-00-00' })));
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('labels a date by its ISO week', () => {
    expect(weekOf('2026-10-05')).toBe('2026-W41');
    expect(weekOf('2026-10-11')).toBe('2026-W41');
    expect(weekOf('2027-01-01')).toBe('2026-W53');
  });
});

// ---------------------------------------------------------------------------------------------
// The service, with a controlled clock.

interface Row extends Record<string, unknown> {
  time_type: string;
  time_value: string;
  geo_value: string;
  metric: string;
  value: number | null;
  missing_value: string | null;
}

const report = (area: string, sick = false) => ({
  ...VALID_REPORT,
  area,
  symptoms: sick ? ['fever', 'cough'] : [],
  onset: sick ? '1-3d' : undefined,
});

/** W41: Monday 5 to Sunday 11 October 2026. */
const W41 = dates('2026-10-05', 7);
/** Recent days, in W42: kept as counters. */
const RECENT = dates('2026-10-16', 3);
/** Bohinj: 2 or 3 reports a day, published only as a week, as every municipality. */
const SMALL = 'SI-004';
const OTHER_SMALL = ['SI-001', 'SI-002', 'SI-003', 'SI-005', 'SI-006', 'SI-007', 'SI-008', 'SI-009', 'SI-010', 'SI-011'];
const RETENTION_DAYS = 14;
/** A Slovenian municipality code (SI-061), as against a region (SI042) or the country (SI). */
const PACK_SI_MUNICIPALITY = /^SI-\d{3}$/;

// Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
describe('retention in the service (controlled clock)', { timeout: 60_000, shuffle: false }, () => {
  let service: TestService;
  let clock = octoberNoon(5);
  const stats = async (query: string) => {
    const res = await fetch(`${service.url}/api/v1/stats?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { rows: Row[] }).rows;
  };
  const csv = async (query: string) => {
    const res = await fetch(`${service.url}/api/v1/stats.csv?${query}`);
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };
  /**
   * Every public row of the periods: one JSON request per day and per week (JSON and CSV have
   * a row limit), their rows also as one string to compare exactly; and the CSVs' bytes.
   */
  const publicOutputs = async (days: readonly string[]) => {
    const json = [
      ...(await Promise.all(days.map((d) => stats(`time_type=day&from=${d}&to=${d}`)))).flat(),
      ...(await stats(`time_type=week&from=${days[0]}&to=${days.at(-1)}`)),
    ];
    const csvs = await Promise.all(['day', 'week'].map((t) => csv(`time_type=${t}&from=${days[0]}&to=${days.at(-1)}`)));
    return { json, text: JSON.stringify(json), csv: Buffer.concat(csvs) };
  };
  const expectSameOutputs = (after: Awaited<ReturnType<typeof publicOutputs>>, before: Awaited<ReturnType<typeof publicOutputs>>) => {
    expect(after.json.length).toBe(before.json.length);
    expect(after.text === before.text, 'the JSON rows are the same').toBe(true);
    expect(after.csv.equals(before.csv), 'the CSV is the same, byte for byte').toBe(true);
  };
  const fileBytes = (path: string) => {
    try {
      return readFileSync(path).toString('latin1');
    } catch {
      return '';
    }
  };
  const databaseBytes = () => fileBytes(service.databasePath) + fileBytes(`${service.databasePath}-wal`);

  let counterDump: CountRow[];
  let frozenBefore: Awaited<ReturnType<typeof publicOutputs>>;
  let recentBefore: Awaited<ReturnType<typeof publicOutputs>>;
  let bytesBefore: string;

  beforeAll(async () => {
    // Interval timers run when the test moves them: the WAL truncation below.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    service = await startTestService({ retentionDays: RETENTION_DAYS }, { now: () => clock });
    const post = async (area: string, n: number, sick = 0) => {
      for (let i = 0; i < n; i++) expect((await service.post(report(area, i < sick))).status).toBe(201);
    };
    for (const [i, day] of [...W41, ...RECENT].entries()) {
      clock = octoberNoon(Number(day.slice(8)));
      await post('SI-061', 14 + (i % 3), 3 + (i % 2)); // Ljubljana: published, with small sick counts
      await post('SI-052', 11, i % 3 === 0 ? 5 : 0); // Kranj
      await post(SMALL, 2 + (i % 2), i % 2); // withheld every day
      // More small municipalities, one sick report each: counters that only retention removes.
      for (const area of OTHER_SMALL) await post(area, 1, 1);
    }
    // Release at noon on Monday 19 October: W41's Monday is 14 days old, not more: nothing frozen.
    clock = octoberNoon(19);
    service.releaseNow();
    counterDump = readCounts(service.databasePath);
    frozenBefore = await publicOutputs(W41);
    recentBefore = await publicOutputs(dates('2026-10-12', 7));
    // Checkpointed: the counters are in the database file itself, not only in the WAL.
    vi.advanceTimersByTime(service.config.walTruncateIntervalMs);
    expect(statSync(`${service.databasePath}-wal`).size).toBe(0);
    bytesBefore = fileBytes(service.databasePath);
    // The next day W41's Monday is 15 days old: the release freezes W41.
    clock += DAY_MS;
    service.releaseNow();
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    vi.useRealTimers();
  });

  it('held the counters of W41 before (the checks below are not vacuous)', () => {
    expect(counterDump.filter((r) => W41.includes(r.day) && r.area === SMALL).length).toBeGreaterThan(0);
    for (const day of W41) for (const area of [SMALL, ...OTHER_SMALL]) expect(bytesBefore.includes(`${day}${area}`), `${day}${area} in the file`).toBe(true);
    // Each kind of cell is there: published values at every level, and below-minimum markers.
    const w41 = (area: string) => frozenBefore.json.find((r) => r.time_value === '2026-W41' && r.geo_value === area && r.metric === REPORTS)!;
    const D = DEFAULT_RELEASE_POLICY.perturbation.maxDeviation;
    [268, 101, 104].forEach((n, i) => expect(Math.abs(w41(['SI', 'SI042', 'SI-061'][i]!).value! - n)).toBeLessThanOrEqual(D));
    expect(Math.abs(w41(SMALL).value! - 17)).toBeLessThanOrEqual(D);
    expect(frozenBefore.json.some((r) => W41.includes(r.time_value) && r.missing_value === 'below_minimum')).toBe(true);
    expect(frozenBefore.json.some((r) => W41.includes(r.time_value) && r.geo_type === 'municipality'), 'municipalities have no day rows').toBe(false);
    expect(service.logs.some((line) => line.includes('2026-W41'))).toBe(true);
  });

  it('holds only published values for the frozen days and week, at every area level', async () => {
    const stored = readCounts(service.databasePath);
    const frozen = stored.filter((r) => W41.includes(r.day) || r.day === '2026-W41');
    const cells = byCell(frozenBefore.json as unknown as ReleasedRow[]);
    expectOnlyPublished(frozen, cells);
    // Every published non-zero cell is stored; the country has a row for each period.
    const keys = new Set(frozen.map((r) => key(r.day, r.area, r.metric)));
    expect(frozenBefore.json.filter((r) => r.value !== null && r.value !== 0 && !keys.has(key(r.time_value, r.geo_value, r.metric)))).toEqual([]);
    for (const period of [...W41, '2026-W41']) expect(keys.has(key(period, 'SI', REPORTS))).toBe(true);
    // No counter survives: the day counters were the municipalities', and no municipality keeps a
    // day row, nor any row a key.
    expect(counterDump.filter((r) => W41.includes(r.day)).length).toBeGreaterThan(0);
    expect(frozen.filter((r) => PACK_SI_MUNICIPALITY.test(r.area) && r.day !== '2026-W41')).toEqual([]);
    expect(frozen.filter((r) => r.key !== 0)).toEqual([]);
  });

  it('leaves the public outputs for the frozen days and week byte for byte as they were', async () => {
    expectSameOutputs(await publicOutputs(W41), frozenBefore);
  });

  it('leaves the recent days untouched, in the database and in public', async () => {
    const stored = readCounts(service.databasePath).filter((r) => !W41.includes(r.day) && r.day !== '2026-W41');
    expect(stored).toEqual(counterDump.filter((r) => !W41.includes(r.day)));
    expectSameOutputs(await publicOutputs(dates('2026-10-12', 7)), recentBefore);
  });

  it('leaves no trace of the old counters in the database files', () => {
    expect(statSync(`${service.databasePath}-wal`).size).toBe(0);
    const bytes = databaseBytes();
    for (const day of W41) {
      // A counter is a record "day area metric n" in the file: no such bytes remain.
      for (const area of [SMALL, ...OTHER_SMALL]) expect(bytes.includes(`${day}${area}`), `${day}${area} in the file`).toBe(false);
    }
    const db = new Database(service.databasePath, { readonly: true });
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name").pluck().all()).toEqual(['counters', 'counts', 'frozen', 'history', 'metrics', 'release_secret']);
      // The publication history is published values: retention keeps it, the frozen week's too.
      const recorded = db.prepare('SELECT count(*) FROM history WHERE period IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify([...W41, '2026-W41']));
      expect(recorded).toBeGreaterThan(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('keeps the frozen week fixed at later releases and after a restart', async () => {
    const stored = readCounts(service.databasePath);
    clock += 3 * DAY_MS;
    service.releaseNow();
    expect(readCounts(service.databasePath)).toEqual(stored);
    expectSameOutputs(await publicOutputs(W41), frozenBefore);
    // A new process on the same database reads the frozen week from the file.
    await service.close();
    const first = service;
    service = await startTestService({ retentionDays: RETENTION_DAYS, databasePath: first.databasePath }, { now: () => clock });
    try {
      expectSameOutputs(await publicOutputs(W41), frozenBefore);
      expect(readCounts(service.databasePath)).toEqual(stored);
    } finally {
      await service.stop();
      service = undefined as unknown as TestService;
      expectPrivateLogs(first.logs);
      rmSync(first.dir, { recursive: true, force: true });
    }
  });
});
