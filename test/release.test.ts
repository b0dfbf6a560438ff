import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, isoDate, isoWeek } from '../aggregator/calendar.js';
import { METRICS, PARTITIONS, REPORTS, SUBSETS } from '../aggregator/metrics.js';
import {
  AGE_BANDS,
  CONTACT_ANSWERS,
  ONSET_BUCKETS,
  type Symptom,
  SYMPTOMS,
  TEST_ANSWERS,
  type WarningSign,
  WARNING_SIGNS,
} from '../aggregator/questionnaire.js';
import { DEFAULT_RELEASE_POLICY, release } from '../aggregator/release.js';
import { type ReleasedSnapshot, rows } from '../aggregator/snapshot.js';
import type { CountRow } from '../aggregator/store.js';
import { PUBLISHED } from '../aggregator/suppression.js';
import { dayIn } from '../aggregator/day.js';
import { WEEK_LABEL } from '../aggregator/retention.js';
import { createReleaser } from '../server/releaser.js';
import { type Answers, countRows, type Group, NO_SYMPTOMS, PACK, row, table } from './support/release-fixtures.js';

const TIME_ZONE = 'Europe/Ljubljana';
/** Wednesday 25 November 2026, 11:00 in Ljubljana: the open day. */
const NOW = Date.UTC(2026, 10, 25, 10);
const OPEN = '2026-11-25';
const MONDAY = '2026-11-16';
const TUESDAY = '2026-11-24';
const HOUR = 3_600_000;

const snapshot = (groups: readonly Group[], now = NOW, previous?: ReleasedSnapshot) =>
  release({ counts: countRows(groups), pack: PACK, now, timeZone: TIME_ZONE, previous });

const RUNNY_NOSE: Partial<Answers> = { symptoms: ['runny_nose'], onset: 'today' };
const SYMPTOM_METRICS = ['symptomatic', 'symptom:runny_nose', 'onset:today', 'age:35-44:symptomatic', 'guidance:stay_home_and_monitor'];

describe('primary rules', () => {
  it('publishes only "fewer than 10" for an area-period below minReports, zeros included', () => {
    const s = snapshot([{ day: TUESDAY, area: 'M4', n: 9 }]);
    for (const area of ['M4', 'R2', 'XX']) {
      const reports = row(s, TUESDAY, area, REPORTS)!;
      expect(reports).toMatchObject({ value: null, missing_value: 'below_minimum', sample_size: null, missing_sample_size: 'below_minimum' });
      expect(row(s, TUESDAY, area, 'symptomatic')).toMatchObject({ value: null, missing_value: 'below_minimum' });
    }
  });

  it('suppresses counts from 1 to 4 and publishes zero as zero', () => {
    // 3 with a symptom and 2 with a warning sign: two small outcomes, so the outcome partition
    // needs no complement.
    const s = snapshot([
      { day: TUESDAY, area: 'M1', n: 15 },
      { day: TUESDAY, area: 'M1', n: 3, answers: RUNNY_NOSE },
      { day: TUESDAY, area: 'M1', n: 2, answers: { warningSigns: ['chest_pain'] } },
    ]);
    const small = Object.fromEntries(
      [...SYMPTOM_METRICS, 'guidance:emergency', 'warning:chest_pain'].map((m) => [m, 'suppressed']),
    );
    const expected = { ...small, reports: 20, 'guidance:no_symptoms': 15, 'warning:confusion': 0, cli: 0 };
    // M2 and M3 have no reports, so the region and the country show M1's table.
    expect(table(s, TUESDAY, ['M1', 'R1', 'XX'], Object.keys(expected))).toEqual({ M1: expected, R1: expected, XX: expected });
    expect(row(s, TUESDAY, 'M1', 'symptomatic')).toMatchObject({ sample_size: 20, missing_sample_size: null });
  });
});

describe('complementary suppression', () => {
  it('suppresses the next-smallest part of a partition', () => {
    // The 3 symptomatic reports are the only outcome besides "no symptoms": 20 − 17 would tell.
    const s = snapshot([
      { day: TUESDAY, area: 'M1', n: 17 },
      { day: TUESDAY, area: 'M1', n: 3, answers: RUNNY_NOSE },
    ]);
    expect(table(s, TUESDAY, ['M1'], ['reports', 'guidance:stay_home_and_monitor', 'guidance:no_symptoms', 'guidance:emergency'])).toEqual({
      M1: { reports: 20, 'guidance:stay_home_and_monitor': 'suppressed', 'guidance:no_symptoms': 'suppressed', 'guidance:emergency': 0 },
    });
  });

  it('suppresses the next-smallest municipality under a published region', () => {
    // Fatigue is in no partition: only the hierarchy protects it (its complements within the
    // symptomatic, 15 − k, and the reports are 5 or more). Everything else is 10, 15, 25 or 0.
    const fatigue = (area: string, k: number): Group[] => [
      { day: TUESDAY, area, n: 10 },
      { day: TUESDAY, area, n: 15 - k, answers: RUNNY_NOSE },
      { day: TUESDAY, area, n: k, answers: { ...RUNNY_NOSE, symptoms: ['runny_nose', 'fatigue'] } },
    ];
    const s = snapshot([...fatigue('M1', 2), ...fatigue('M2', 6), ...fatigue('M3', 7)]);
    expect(table(s, TUESDAY, ['M1', 'M2', 'M3', 'R1'], ['symptom:fatigue', 'symptomatic'])).toEqual({
      M1: { 'symptom:fatigue': 'suppressed', symptomatic: 15 },
      M2: { 'symptom:fatigue': 'suppressed', symptomatic: 15 },
      M3: { 'symptom:fatigue': 7, symptomatic: 15 },
      R1: { 'symptom:fatigue': 15, symptomatic: 45 },
    });
  });

  it('does not let a metric and the total it is a subset of tell a small complement', () => {
    // 12 reports, 11 with a symptom: publishing both would tell that exactly one had none. Each
    // metric whose complement in a published superset is 1 goes; "no symptoms" (1) is primary.
    const s = snapshot([
      { day: TUESDAY, area: 'M1', n: 1 },
      { day: TUESDAY, area: 'M1', n: 11, answers: RUNNY_NOSE },
    ]);
    const expected = {
      reports: 12,
      'age:35-44': 12,
      symptomatic: 'suppressed',
      'symptom:runny_nose': 'suppressed',
      'onset:today': 'suppressed',
      'age:35-44:symptomatic': 'suppressed',
      'guidance:no_symptoms': 'suppressed',
      'guidance:stay_home_and_monitor': 'suppressed',
      cli: 0,
    };
    // M2 and M3 have no reports, so the region and the country show M1's table.
    expect(table(s, TUESDAY, ['M1', 'R1', 'XX'], Object.keys(expected))).toEqual({ M1: expected, R1: expected, XX: expected });
  });

  it('cascades from a suppressed complement to the hierarchy', () => {
    // M1: 10 symptomatic, 8 with fatigue: the complement 2 hides M1's fatigue. The region's
    // fatigue then has one unknown part, so the next-smallest, M2's 6, goes too; M3's 7 and
    // every complement of 5 or more stay published.
    const fatigue = (area: string, k: number, symptomatic: number): Group[] => [
      { day: TUESDAY, area, n: 10 },
      { day: TUESDAY, area, n: symptomatic - k, answers: RUNNY_NOSE },
      { day: TUESDAY, area, n: k, answers: { ...RUNNY_NOSE, symptoms: ['runny_nose', 'fatigue'] } },
    ];
    const s = snapshot([...fatigue('M1', 8, 10), ...fatigue('M2', 6, 15), ...fatigue('M3', 7, 15)]);
    expect(table(s, TUESDAY, ['M1', 'M2', 'M3', 'R1', 'XX'], ['symptom:fatigue', 'symptomatic', 'reports'])).toEqual({
      M1: { 'symptom:fatigue': 'suppressed', symptomatic: 10, reports: 20 },
      M2: { 'symptom:fatigue': 'suppressed', symptomatic: 15, reports: 25 },
      M3: { 'symptom:fatigue': 7, symptomatic: 15, reports: 25 },
      R1: { 'symptom:fatigue': 21, symptomatic: 40, reports: 70 },
      XX: { 'symptom:fatigue': 21, symptomatic: 40, reports: 70 },
    });
  });

  it('cascades between the hierarchy and the partitions until stable', () => {
    // M1 has 2 symptomatic (primary). Hierarchy: M2's 6 is the next-smallest, in every metric
    // the symptomatic share. Outcome partition of M1: stay-home (2) is alone, so "no symptoms"
    // (18) goes too; of M2: its stay-home (6) is now suppressed and alone, so its 14 goes. The
    // region's "no symptoms" then has two unknown parts (M1, M2): M3 stays published.
    const s = snapshot([
      { day: TUESDAY, area: 'M1', n: 18 },
      { day: TUESDAY, area: 'M1', n: 2, answers: RUNNY_NOSE },
      { day: TUESDAY, area: 'M2', n: 14 },
      { day: TUESDAY, area: 'M2', n: 6, answers: RUNNY_NOSE },
      { day: TUESDAY, area: 'M3', n: 13 },
      { day: TUESDAY, area: 'M3', n: 7, answers: RUNNY_NOSE },
    ]);
    const metrics = [...SYMPTOM_METRICS, 'guidance:no_symptoms', 'reports'];
    const hidden = Object.fromEntries(metrics.map((m) => [m, 'suppressed']));
    const M3 = { ...Object.fromEntries(SYMPTOM_METRICS.map((m) => [m, 7])), 'guidance:no_symptoms': 13, reports: 20 };
    const R1 = { ...Object.fromEntries(SYMPTOM_METRICS.map((m) => [m, 15])), 'guidance:no_symptoms': 45, reports: 60 };
    expect(table(s, TUESDAY, ['M1', 'M2', 'M3', 'R1', 'XX'], metrics)).toEqual({
      M1: { ...hidden, reports: 20 },
      M2: { ...hidden, reports: 20 },
      M3,
      R1,
      XX: R1,
    });
  });

  it('treats a withheld municipality as suppressed: the region minus the others must not tell it', () => {
    const s = snapshot([
      { day: TUESDAY, area: 'M1', n: 9 },
      { day: TUESDAY, area: 'M2', n: 20 },
      { day: TUESDAY, area: 'M3', n: 30 },
    ]);
    expect(table(s, TUESDAY, ['M1', 'M2', 'M3', 'R1'], ['reports', 'age:35-44', 'symptomatic'])).toEqual({
      M1: { reports: 'below_minimum', 'age:35-44': 'below_minimum', symptomatic: 'below_minimum' },
      M2: { reports: 'suppressed', 'age:35-44': 'suppressed', symptomatic: 0 },
      M3: { reports: 30, 'age:35-44': 30, symptomatic: 0 },
      R1: { reports: 59, 'age:35-44': 59, symptomatic: 0 },
    });
    expect(row(s, TUESDAY, 'M2', 'age:35-44')).toMatchObject({ sample_size: null, missing_sample_size: 'suppressed' });
  });

  it('cascades up and down the hierarchy from a withheld region', () => {
    // R1 (9 reports) is withheld; the country minus R2 would tell it, so R2 is suppressed;
    // R2 would then be M4 plus an empty M5, so M4 is suppressed too. Zeros stay zeros.
    const s = snapshot([
      { day: TUESDAY, area: 'M1', n: 9 },
      { day: TUESDAY, area: 'M4', n: 15 },
    ]);
    expect(table(s, TUESDAY, ['XX', 'R1', 'R2', 'M1', 'M4', 'M5'], ['reports', 'contact:no', 'symptomatic'])).toEqual({
      XX: { reports: 24, 'contact:no': 24, symptomatic: 0 },
      R1: { reports: 'below_minimum', 'contact:no': 'below_minimum', symptomatic: 'below_minimum' },
      R2: { reports: 'suppressed', 'contact:no': 'suppressed', symptomatic: 0 },
      M1: { reports: 'below_minimum', 'contact:no': 'below_minimum', symptomatic: 'below_minimum' },
      M4: { reports: 'suppressed', 'contact:no': 'suppressed', symptomatic: 0 },
      M5: { reports: 'below_minimum', 'contact:no': 'below_minimum', symptomatic: 'below_minimum' },
    });
  });
});

describe('weeks', () => {
  const everyDay = (area: string, n: (day: number) => number): Group[] =>
    Array.from({ length: 7 }, (_, d) => ({ day: isoDate(epochDay(MONDAY) + d), area, n: n(d) }));

  it('are ISO weeks, labelled by the year of their Thursday', () => {
    expect(isoWeek(epochDay('2026-11-23'))).toBe('2026-W48');
    expect(isoWeek(epochDay('2026-12-28'))).toBe('2026-W53');
    expect(isoWeek(epochDay('2024-12-30'))).toBe('2025-W01');
  });

  it('appear only once all their days have closed', () => {
    const s = snapshot(everyDay('M3', () => 20));
    expect(s.days[0]).toBe(MONDAY);
    expect(s.days.at(-1)).toBe(OPEN);
    expect(s.weeks).toEqual(['2026-W47']);
    expect([...rows(s, { timeType: 'week', areas: ['M3'], metrics: [REPORTS] })]).toMatchObject([
      { time_type: 'week', time_value: '2026-W47', value: 140 },
    ]);
    // Sunday 29 November closes W48: not yet.
    expect(snapshot(everyDay('M3', () => 20), Date.UTC(2026, 10, 29, 22, 59)).weeks).toEqual(['2026-W47']);
    expect(snapshot(everyDay('M3', () => 20), Date.UTC(2026, 10, 29, 23, 0)).weeks).toEqual(['2026-W47', '2026-W48']);
  });

  it('publish a small municipality whose days are all below the minimum', () => {
    const s = snapshot(everyDay('M1', () => 2));
    expect(row(s, MONDAY, 'M1', REPORTS)?.missing_value).toBe('below_minimum');
    expect(row(s, '2026-W47', 'M1', REPORTS)?.value).toBe(14);
  });

  it('suppress a week that would tell its one withheld day', () => {
    const oneSmallDay = snapshot(everyDay('M3', (d) => (d === 0 ? 9 : 20)));
    expect(row(oneSmallDay, MONDAY, 'M3', REPORTS)?.missing_value).toBe('below_minimum');
    expect(row(oneSmallDay, '2026-11-17', 'M3', REPORTS)?.value).toBe(20);
    expect(row(oneSmallDay, '2026-W47', 'M3', REPORTS)?.missing_value).toBe('suppressed');
    // Two withheld days: the week tells only their sum.
    const twoSmallDays = snapshot(everyDay('M3', (d) => (d === 0 ? 9 : d === 1 ? 8 : 20)));
    expect(row(twoSmallDays, '2026-W47', 'M3', REPORTS)?.value).toBe(117);
  });
});

describe('the open day', () => {
  const today = (area: string, n: number): Group => ({ day: OPEN, area, n });

  it('has country and region rows, and municipality rows only once it has closed', () => {
    const groups = [today('M1', 12), today('M2', 13)];
    const s = snapshot(groups);
    expect(table(s, OPEN, ['XX', 'R1', 'M1', 'M2'], [REPORTS])).toEqual({
      XX: { reports: 25 },
      R1: { reports: 25 },
      M1: { reports: undefined },
      M2: { reports: undefined },
    });
    const tomorrow = snapshot(groups, NOW + 24 * HOUR, s);
    expect(table(tomorrow, OPEN, ['XX', 'R1', 'M1', 'M2'], [REPORTS])).toEqual({
      XX: { reports: 25 },
      R1: { reports: 25 },
      M1: { reports: 12 },
      M2: { reports: 13 },
    });
    expect(tomorrow.openDay).toBe('2026-11-26');
  });

  it('is the date in the time zone', () => {
    // 23:30 UTC on 25 November is already 26 November in Ljubljana.
    expect(snapshot([], Date.UTC(2026, 10, 25, 23, 30)).openDay).toBe('2026-11-26');
  });

  it('changes a region only after 10 new reports there, and the country with it', () => {
    const first = snapshot([today('M1', 25), today('M4', 12)]);
    expect(table(first, OPEN, ['XX', 'R1', 'R2'], [REPORTS])).toEqual({ XX: { reports: 37 }, R1: { reports: 25 }, R2: { reports: 12 } });

    // 9 new in R1 and 9 in R2: nothing changes, neither does the country.
    const second = snapshot([today('M1', 34), today('M4', 21)], NOW + HOUR, first);
    expect(table(second, OPEN, ['XX', 'R1', 'R2'], [REPORTS])).toEqual({ XX: { reports: 37 }, R1: { reports: 25 }, R2: { reports: 12 } });

    // One more in R1 makes 10 since its last published value; R2 still shows 12, and the
    // country is the sum of what the regions show, so it cannot be differenced against them.
    const third = snapshot([today('M1', 35), today('M4', 21)], NOW + 2 * HOUR, second);
    expect(table(third, OPEN, ['XX', 'R1', 'R2'], [REPORTS])).toEqual({ XX: { reports: 47 }, R1: { reports: 35 }, R2: { reports: 12 } });
  });

  it('keeps an unchanged region exactly, markers included', () => {
    const first = snapshot([
      today('M1', 22),
      { day: OPEN, area: 'M1', n: 3, answers: RUNNY_NOSE },
      today('M4', 20),
      { day: OPEN, area: 'M4', n: 10, answers: RUNNY_NOSE },
    ]);
    // 5 new in R1 (kept), 10 new in R2 (updated).
    const second = snapshot(
      [
        today('M1', 22),
        { day: OPEN, area: 'M1', n: 8, answers: RUNNY_NOSE },
        today('M4', 25),
        { day: OPEN, area: 'M4', n: 15, answers: RUNNY_NOSE },
      ],
      NOW + HOUR,
      first,
    );
    const metrics = METRICS.map((m) => m.name);
    expect(table(second, OPEN, ['R1'], metrics)).toEqual(table(first, OPEN, ['R1'], metrics));
    expect(row(second, OPEN, 'R1', 'symptomatic')?.missing_value).toBe('suppressed');
    expect(table(second, OPEN, ['XX', 'R2'], [REPORTS])).toEqual({ XX: { reports: 65 }, R2: { reports: 40 } });
  });

  it('does not hide a country cell that unchanged regions give away anyway', () => {
    // R1 (kept) alone has the 5 "call a doctor": the country's 5 follows from R1, so when the
    // country's 2 emergencies need a complement in the outcome partition, "no symptoms" goes.
    const callDoctor: Group = { day: OPEN, area: 'M1', n: 5, answers: { ageBand: '75+', symptoms: ['fever', 'cough'], onset: 'today' } };
    const first = snapshot([today('M1', 20), callDoctor]);
    const second = snapshot(
      [today('M1', 25), callDoctor, today('M4', 20), { day: OPEN, area: 'M4', n: 2, answers: { warningSigns: ['chest_pain'] } }],
      NOW + HOUR,
      first,
    );
    const outcomes = [REPORTS, 'guidance:emergency', 'guidance:call_doctor', 'guidance:no_symptoms'];
    expect(table(second, OPEN, ['XX', 'R1', 'R2'], outcomes)).toEqual({
      XX: { reports: 47, 'guidance:emergency': 'suppressed', 'guidance:call_doctor': 5, 'guidance:no_symptoms': 'suppressed' },
      R1: { reports: 25, 'guidance:emergency': 0, 'guidance:call_doctor': 5, 'guidance:no_symptoms': 20 },
      R2: { reports: 22, 'guidance:emergency': 'suppressed', 'guidance:call_doctor': 0, 'guidance:no_symptoms': 'suppressed' },
    });
  });

  it('starts afresh on a new day', () => {
    const yesterday = snapshot([today('M1', 40)]);
    const s = snapshot([today('M1', 40), { day: '2026-11-26', area: 'M1', n: 9 }], NOW + 24 * HOUR, yesterday);
    expect(row(s, '2026-11-26', 'R1', REPORTS)?.missing_value).toBe('below_minimum');
    expect(row(s, OPEN, 'R1', REPORTS)?.value).toBe(40);
  });
});

describe('a snapshot', () => {
  it('holds no unpublished count', () => {
    const s = snapshot([{ day: TUESDAY, area: 'M1', n: 9 }, { day: TUESDAY, area: 'M1', n: 3, answers: RUNNY_NOSE }]);
    s.status.forEach((status, c) => status !== PUBLISHED && expect(s.value[c]).toBe(0));
  });

  it('skips counters it cannot place', () => {
    const counts: CountRow[] = [
      ...countRows([{ day: TUESDAY, area: 'M1', n: 12 }]),
      { day: TUESDAY, area: 'SI-999', metric: REPORTS, n: 50 },
      { day: TUESDAY, area: 'M1', metric: 'retired:metric', n: 50 },
      { day: '2026-11-27', area: 'M1', metric: REPORTS, n: 50 },
    ];
    const s = release({ counts, pack: PACK, now: NOW, timeZone: TIME_ZONE });
    expect(row(s, TUESDAY, 'XX', REPORTS)?.value).toBe(12);
    expect(s.days.at(-1)).toBe(OPEN);
  });

  it('filters rows by level, area, period, time type and metric', () => {
    const s = snapshot([{ day: TUESDAY, area: 'M3', n: 20 }]);
    const selected = [...rows(s, { timeType: 'day', from: TUESDAY, to: TUESDAY, level: 'region', metrics: [REPORTS, 'cli'] })];
    expect(selected.map((r) => [r.geo_value, r.metric, r.value])).toEqual([
      ['R1', REPORTS, 20],
      ['R1', 'cli', 0],
      ['R2', REPORTS, null],
      ['R2', 'cli', null],
      ['R3', REPORTS, null],
      ['R3', 'cli', null],
    ]);
    expect(selected[0]).toMatchObject({ time_type: 'day', time_value: TUESDAY, geo_type: 'region', geo_name: 'Region one' });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: nothing unpublished can be worked out from what is published.

const answers: fc.Arbitrary<Answers> = fc
  .record({
    ageBand: fc.constantFrom(...AGE_BANDS),
    symptoms: fc.oneof(fc.constant<Symptom[]>([]), fc.subarray([...SYMPTOMS], { minLength: 1, maxLength: 3 })),
    warningSigns: fc.oneof(
      { weight: 9, arbitrary: fc.constant<WarningSign[]>([]) },
      { weight: 1, arbitrary: fc.subarray([...WARNING_SIGNS], { minLength: 1, maxLength: 1 }) },
    ),
    onset: fc.constantFrom(...ONSET_BUCKETS),
    contact: fc.constantFrom(...CONTACT_ANSWERS),
    test: fc.constantFrom(...TEST_ANSWERS),
  })
  .map(({ onset, ...a }) => (a.symptoms.length > 0 ? { ...a, onset } : a));

/** Reports per municipality per day; M3 and M6 are large enough to publish most days. */
function reportTable(days: number): fc.Arbitrary<Group[]> {
  const perDay = (area: string) =>
    fc.array(
      fc.array(answers, area === 'M3' || area === 'M6' ? { minLength: 8, maxLength: 40 } : { maxLength: 25, size: 'max' }),
      { minLength: days, maxLength: days },
    );
  return fc.tuple(...PACK.municipalities.map((m) => perDay(m.code))).map((byArea) =>
    byArea.flatMap((byDay, i) =>
      byDay.flatMap((reports, d) =>
        reports.map((a) => ({ day: isoDate(epochDay(MONDAY) + d), area: PACK.municipalities[i]!.code, n: 1, answers: a })),
      ),
    ),
  );
}

interface Relation {
  readonly total: number;
  readonly parts: readonly number[];
}

/** Every additive relation between published cells, by cell index. */
function relations(s: ReleasedSnapshot): Relation[] {
  const A = s.areas.length;
  const K = s.metrics.length;
  const openDay = s.days.length - 1;
  const cell = (p: number, a: number, k: number) => (p * A + a) * K + k;
  const parent = (a: number) => {
    const area = s.areas[a]!;
    if (area.level === 'country') return -1;
    return area.level === 'region' ? 0 : s.areaIndex.get(PACK.municipalityByCode.get(area.code)!.region)!;
  };
  const metric = (name: string) => s.metricIndex.get(name)!;
  const out: Relation[] = [];
  for (let p = 0; p < s.days.length + s.weeks.length; p++) {
    const areas = [...s.areas.keys()].filter((a) => p !== openDay || s.areas[a]!.level !== 'municipality');
    for (const total of areas) {
      const children = areas.filter((a) => parent(a) === total);
      for (let k = 0; k < K && children.length > 0; k++) out.push({ total: cell(p, total, k), parts: children.map((a) => cell(p, a, k)) });
      for (const partition of PARTITIONS) {
        out.push({ total: cell(p, total, metric(partition.total)), parts: partition.parts.map((m) => cell(p, total, metric(m))) });
      }
    }
  }
  s.weeks.forEach((_, w) => {
    for (let c = 0; c < A * K; c++) {
      out.push({ total: (s.days.length + w) * A * K + c, parts: [0, 1, 2, 3, 4, 5, 6].map((d) => (7 * w + d) * A * K + c) });
    }
  });
  return out;
}

/** A subset relation between cells: the complement `superset − metric` follows when both are known. */
interface SubsetRelation {
  readonly superset: number;
  readonly metric: number;
}

/** Every subset relation (SUBSETS) of every published area-period, by cell index. */
function subsetRelations(s: ReleasedSnapshot): SubsetRelation[] {
  const A = s.areas.length;
  const K = s.metrics.length;
  const openDay = s.days.length - 1;
  const out: SubsetRelation[] = [];
  for (let p = 0; p < s.days.length + s.weeks.length; p++) {
    for (let a = 0; a < A; a++) {
      if (p === openDay && s.areas[a]!.level === 'municipality') continue;
      for (const { superset, metric } of SUBSETS) {
        out.push({ superset: (p * A + a) * K + s.metricIndex.get(superset)!, metric: (p * A + a) * K + s.metricIndex.get(metric)! });
      }
    }
  }
  return out;
}

/**
 * Everything an attacker learns by repeatedly solving single relations from the published
 * cells: a relation with one unknown gives it; a known total equal to its known parts makes
 * the unknown parts zero; a zero total makes every part zero. Returns what is known per cell
 * (NaN where nothing is), and which cells only the last rule (a published zero) gave away.
 */
function attack(published: ReadonlyMap<number, number>, rels: readonly Relation[], cells: number) {
  const known = new Float64Array(cells).fill(NaN);
  for (const [c, v] of published) known[c] = v;
  const solve = (zerosOnly: boolean) => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const { total, parts } of rels) {
        const t = known[total]!;
        let unknown = 0;
        let last = -1;
        let sum = 0;
        for (const c of parts) {
          if (Number.isNaN(known[c]!)) {
            unknown++;
            last = c;
          } else sum += known[c]!;
        }
        if (unknown === 0 && !Number.isNaN(t)) continue;
        if (t === 0 || (!zerosOnly && t === sum)) {
          for (const c of parts) if (Number.isNaN(known[c]!)) known[c] = 0;
        } else if (!zerosOnly && unknown === 1 && !Number.isNaN(t)) {
          known[last] = t - sum;
        } else if (!zerosOnly && unknown === 0) {
          known[total] = sum;
        } else continue;
        changed = true;
      }
    }
  };
  solve(true);
  const zerosUnderZero = known.map((v, c) => (Number.isNaN(v) || published.has(c) ? 0 : 1));
  solve(false);
  return { known, zerosUnderZero };
}

/** The counts behind every cell: sums over areas and days, the open day's as they stand. */
function rawCounts(s: ReleasedSnapshot, counts: readonly CountRow[]): Int32Array {
  const A = s.areas.length;
  const K = s.metrics.length;
  const t = new Int32Array(s.status.length);
  const start = epochDay(s.days[0]!);
  for (const { day, area, metric, n } of counts) {
    const d = epochDay(day) - start;
    const region = s.areaIndex.get(PACK.municipalityByCode.get(area)!.region)!;
    for (const a of [s.areaIndex.get(area)!, region, 0]) t[(d * A + a) * K + s.metricIndex.get(metric)!]! += n;
  }
  s.weeks.forEach((_, w) => {
    for (let d = 7 * w; d < 7 * w + 7; d++) for (let c = 0; c < A * K; c++) t[(s.days.length + w) * A * K + c]! += t[d * A * K + c]!;
  });
  return t;
}

/**
 * The counts behind the published cells: the open day's regions as of their last update
 * (10 new reports since the previous release's, or nothing yet), the country their sum.
 */
function behindRelease(s: ReleasedSnapshot, raw: Int32Array, previous?: Int32Array): Int32Array {
  const K = s.metrics.length;
  const open = (s.days.length - 1) * s.areas.length * K;
  const t = raw.slice();
  t.fill(0, open, open + s.areas.length * K);
  for (let r = 1; r <= PACK.regions.length; r++) {
    const at = open + r * K;
    const before = previous?.subarray(at, at + K) ?? new Int32Array(K);
    const fresh = raw[at]! - before[0]! >= DEFAULT_RELEASE_POLICY.openDayMinNewReports;
    t.set(fresh ? raw.subarray(at, at + K) : before, at);
    for (let k = 0; k < K; k++) t[open + k]! += t[at + k]!;
  }
  return t;
}

function publishedCells(s: ReleasedSnapshot): Map<number, number> {
  const cells = new Map<number, number>();
  s.status.forEach((status, c) => status === PUBLISHED && cells.set(c, s.value[c]!));
  return cells;
}

/**
 * The checks every release must pass against the true counts (cells numbered with the metric
 * last, so a cell's reports are at c − c mod metrics): published values are true, from enough
 * reports and never small; and what an attacker works out beyond them is only zeros that a
 * published zero total gives away (zero is published as zero) or the zeros of an area-period
 * without reports.
 */
function expectNothingDisclosed(
  published: ReadonlyMap<number, number>,
  t: Int32Array,
  rels: readonly Relation[],
  subsets: readonly SubsetRelation[],
): void {
  const K = METRICS.length;
  const reportsOf = (c: number) => t[c - (c % K)]!;
  const problems: string[] = [];
  for (const [c, v] of published) {
    if (v !== t[c]) problems.push(`cell ${c} published as ${v}, is ${t[c]}`);
    if (reportsOf(c) < DEFAULT_RELEASE_POLICY.minReports) problems.push(`cell ${c} published from ${reportsOf(c)} reports`);
    if (v > 0 && v < DEFAULT_RELEASE_POLICY.minCount) problems.push(`cell ${c} published as ${v}`);
  }
  const { known, zerosUnderZero } = attack(published, rels, t.length);
  known.forEach((v, c) => {
    if (Number.isNaN(v) || published.has(c)) return;
    if (v !== t[c]) problems.push(`cell ${c} worked out as ${v}, is ${t[c]}`);
    else if (zerosUnderZero[c] === 0 && reportsOf(c) > 0) problems.push(`cell ${c} (${METRICS[c % K]!.name}) worked out: ${v}`);
  });
  // The subset relations: a complement the attacker can work out must be 0 or at least minCount.
  for (const { superset, metric } of subsets) {
    const complement = known[superset]! - known[metric]!;
    if (complement > 0 && complement < DEFAULT_RELEASE_POLICY.minCount) {
      problems.push(`complement of ${METRICS[metric % K]!.name} in ${METRICS[superset % K]!.name} (cells ${metric}, ${superset}) worked out: ${complement}`);
    }
  }
  expect(problems).toEqual([]);
}

describe('disclosure control (property)', () => {
  it('lets nothing unpublished be worked out by subtracting published numbers', () => {
    // Monday 16 to Wednesday 25 November: one complete week, two closed days, the open day.
    fc.assert(
      fc.property(reportTable(10), (groups) => {
        const counts = countRows(groups);
        const s = release({ counts, pack: PACK, now: NOW, timeZone: TIME_ZONE });
        expectNothingDisclosed(publishedCells(s), behindRelease(s, rawCounts(s, counts)), relations(s), subsetRelations(s));
      }),
      { numRuns: 40 },
    );
  });

  it('lets nothing be worked out across successive releases of the open day', () => {
    // Each release adds a batch of today's reports; the attacker holds every release.
    const batch = fc.array(fc.tuple(fc.constantFrom(...PACK.municipalities.map((m) => m.code)), answers), { maxLength: 60 });
    fc.assert(
      fc.property(fc.array(batch, { minLength: 2, maxLength: 4 }), (batches) => {
        const groups: Group[] = [];
        const releases: { s: ReleasedSnapshot; t: Int32Array }[] = [];
        for (const [i, batch] of batches.entries()) {
          groups.push(...batch.map(([area, a]) => ({ day: OPEN, area, n: 1, answers: a })));
          const last = releases.at(-1);
          const s = snapshot(groups, NOW + i * HOUR, last?.s);
          releases.push({ s, t: behindRelease(s, rawCounts(s, countRows(groups)), last?.t) });
        }
        // The open day's country and regions in every release, as one table of unknowns: an
        // area whose counts did not change between releases is the same unknown in each, which
        // is what lets an attacker combine them.
        const { s } = releases[0]!;
        const K = s.metrics.length;
        const areas = PACK.regions.length + 1;
        const open = (s.days.length - 1) * s.areas.length * K;
        const reportsAt = (i: number, a: number) => releases[i]!.t[open + a * K];
        const id = (i: number, a: number, k: number) => {
          while (i > 0 && reportsAt(i - 1, a) === reportsAt(i, a)) i--;
          return (i * areas + a) * K + k;
        };
        const shown = new Map<number, number | 'unpublished'>();
        const t = new Int32Array(releases.length * areas * K);
        const rels: Relation[] = [];
        const subsets: SubsetRelation[] = [];
        releases.forEach(({ s, t: behind }, i) => {
          for (let c = 0; c < areas * K; c++) {
            const cell = id(i, Math.floor(c / K), c % K);
            const value = s.status[open + c] === PUBLISHED ? s.value[open + c]! : 'unpublished';
            // An unchanged area is shown exactly as before, markers included.
            if (shown.has(cell)) expect(value).toBe(shown.get(cell));
            shown.set(cell, value);
            t[cell] = behind[open + c]!;
          }
          for (let k = 0; k < K; k++) rels.push({ total: id(i, 0, k), parts: PACK.regions.map((_, r) => id(i, r + 1, k)) });
          for (let a = 0; a < areas; a++) {
            for (const p of PARTITIONS) {
              rels.push({ total: id(i, a, s.metricIndex.get(p.total)!), parts: p.parts.map((m) => id(i, a, s.metricIndex.get(m)!)) });
            }
            for (const { superset, metric } of SUBSETS) {
              subsets.push({ superset: id(i, a, s.metricIndex.get(superset)!), metric: id(i, a, s.metricIndex.get(metric)!) });
            }
          }
        });
        const published = new Map([...shown].flatMap(([c, v]) => (v === 'unpublished' ? [] : [[c, v] as const])));
        expectNothingDisclosed(published, t, rels, subsets);
      }),
      { numRuns: 40 },
    );
  });
});

describe('an incremental release', () => {
  /** A counts table in memory, as the store keeps it (retention included). */
  const memoryStore = () => {
    const counts = new Map<string, CountRow>();
    const sorted = () => [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => ({ ...r }));
    return {
      add(rows: readonly CountRow[]) {
        for (const r of rows) {
          const key = `${r.day}\u0000${r.area}\u0000${r.metric}`;
          const old = counts.get(key);
          counts.set(key, { ...r, n: (old?.n ?? 0) + r.n });
        }
      },
      rows: sorted,
      rowsSince: (day: string) => sorted().filter((r) => r.day >= day && !WEEK_LABEL.test(r.day)),
      firstDay: () => sorted().find((r) => !WEEK_LABEL.test(r.day))?.day,
      frozenWeeks: () => [...new Set(sorted().flatMap((r) => (WEEK_LABEL.test(r.day) ? [r.day] : [])))],
      replacePeriods(periods: readonly string[], rows: readonly CountRow[]) {
        const gone = new Set(periods);
        for (const [key, r] of counts) if (gone.has(r.day)) counts.delete(key);
        this.add(rows);
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
    expect(Buffer.from(a.status.buffer, a.status.byteOffset, a.status.byteLength).equals(Buffer.from(b.status))).toBe(true);
    expect(Buffer.from(a.value.buffer, a.value.byteOffset, a.value.byteLength).equals(Buffer.from(b.value.buffer, b.value.byteOffset, b.value.byteLength))).toBe(true);
    expect(a.openDayBasis).toEqual(b.openDayBasis);
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
    fc.assert(
      fc.property(fc.array(step, { minLength: 3, maxLength: 12 }), (steps) => {
        const clock = { now: START };
        const full = releaserOver(clock, false);
        const incremental = releaserOver(clock, true);
        for (const [hours, reports] of steps) {
          clock.now += hours * HOUR;
          const day = dayIn(TIME_ZONE, clock.now);
          const counts = countRows(reports.map(([area, a]) => ({ day, area, n: 1, answers: a })));
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
    const input = { counts: [], pack: PACK, now: NOW + 24 * HOUR, timeZone: TIME_ZONE, firstDay: TUESDAY };
    expect(() => release({ ...input, since: OPEN })).toThrow(/previous snapshot/);
    expect(() => release({ ...input, previous: s, since: '2026-11-30' })).toThrow(/previous snapshot/);
    expect(release({ ...input, previous: s, since: '2026-11-23' }).days).toHaveLength(4);
  });
});
