import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { areaDaysOf } from '../aggregator/area-day.js';
import { openCountsStore } from '../aggregator/store.js';
import { readCounts } from './support/counts.js';
import { VALID_REPORT } from './support/reports.js';
import { expectPrivateLogs, sharedService, startTestService, type TestService } from './support/service.js';

const DAY_MS = 86_400_000;
/** Noon in Ljubljana on a day of November 2026, so the arrival day is unambiguous. */
const novemberNoon = (day: number) => Date.UTC(2026, 10, day, 11);

const warnings = (service: TestService, text: string) =>
  service.logs.map((line) => JSON.parse(line) as { level: number; msg: string; reports?: number }).filter((e) => e.level === 40 && e.msg.includes(text));

async function expectRefused(service: TestService): Promise<void> {
  const before = readCounts(service.databasePath);
  const res = await service.post(VALID_REPORT);
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('retry-after')).toBe('60');
  expect(await res.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/clock is wrong/) });
  expect(readCounts(service.databasePath), 'the database is unchanged').toEqual(before);
}

// Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
describe('a clock set back behind the newest counted day', { shuffle: false }, () => {
  let clock = novemberNoon(25);
  const service = sharedService({}, { now: () => clock });

  it('still counts a report one day back (the tolerance), on that day', async () => {
    expect((await service().post(VALID_REPORT)).status).toBe(201);
    clock = novemberNoon(24);
    expect((await service().post(VALID_REPORT)).status).toBe(201);
    const days = readCounts(service().databasePath).filter((r) => r.metric === 'reports').map((r) => [r.day, r.n]);
    expect(days).toEqual([['2026-11-24', 1], ['2026-11-25', 1]]);
  });

  it('refuses a report two days back with 503 and counts nothing', async () => {
    clock = novemberNoon(23);
    await expectRefused(service());
    expect(warnings(service(), 'reports refused: the clock says 2026-11-23, but the database already holds 2026-11-25')).toHaveLength(1);
  });

  it('logs refusals at most once a minute, with how many there were', async () => {
    await expectRefused(service());
    expect(warnings(service(), 'reports refused')).toHaveLength(1);
    clock += 60_000;
    await expectRefused(service());
    expect(warnings(service(), 'reports refused').map((e) => e.reports)).toEqual([1, 2]);
  });

  it('counts again once the clock is right', async () => {
    clock = novemberNoon(25);
    expect((await service().post(VALID_REPORT)).status).toBe(201);
    expect(readCounts(service().databasePath).find((r) => r.day === '2026-11-25' && r.metric === 'reports')?.n).toBe(2);
  });
});

describe('a clock set back into a frozen week', () => {
  let service: TestService;
  // W45: Monday 2 to Sunday 8 November 2026.
  let clock = novemberNoon(2);
  beforeAll(async () => {
    service = await startTestService({ retentionDays: 7 }, { now: () => clock });
    expect((await service.post(VALID_REPORT)).status).toBe(201);
    // On Tuesday 10 November W45's Monday is 8 days old: the release freezes W45.
    clock = novemberNoon(10);
    service.releaseNow();
    expect(service.logs.some((line) => line.includes('2026-W45'))).toBe(true);
  });
  afterEach(() => {
    clock = novemberNoon(10);
  });
  afterAll(() => service.stop());

  it('refuses a report on the frozen Sunday, though no later day was counted, and changes nothing', async () => {
    clock = novemberNoon(8);
    await expectRefused(service);
    expect(warnings(service, 'reports refused: the clock says 2026-11-08, but its week 2026-W45 is frozen')).toHaveLength(1);
  });

  it('refuses a report on the frozen Monday, the day that was counted', async () => {
    clock = novemberNoon(2) + 70_000;
    await expectRefused(service);
  });

  it('counts on the open day', async () => {
    expect((await service.post(VALID_REPORT)).status).toBe(201);
  });
});

describe('at start', () => {
  let first: TestService | undefined;
  let second: TestService | undefined;
  afterEach(async () => {
    await second?.stop();
    second = undefined;
    if (first) {
      expectPrivateLogs(first.logs);
      rmSync(first.dir, { recursive: true, force: true });
      first = undefined;
    }
  });

  /** A service that counted a report on 25 November, stopped; then one on its database with another clock. */
  async function restartAt(time: number): Promise<TestService> {
    first = await startTestService({}, { now: () => novemberNoon(25) });
    expect((await first.post(VALID_REPORT)).status).toBe(201);
    await first.close();
    second = await startTestService({ databasePath: first.databasePath }, { now: () => time });
    return second;
  }

  const clockLines = (service: TestService) => service.logs.filter((line) => line.includes('the clock says'));

  it('reports a clock behind the newest stored day in one line, and refuses reports', async () => {
    const service = await restartAt(novemberNoon(20));
    expect(clockLines(service)).toHaveLength(1);
    expect(JSON.parse(clockLines(service)[0]!)).toMatchObject({
      level: 40,
      msg: 'the clock says 2026-11-20, but the database already holds 2026-11-25, more than 1 day later: reports are refused until the clock is set right (NTP)',
    });
    await expectRefused(service);
  });

  it('reports a clock one day behind too, though its reports are counted', async () => {
    const service = await restartAt(novemberNoon(24));
    expect(clockLines(service).map((line) => JSON.parse(line).msg)).toEqual([
      'the clock says 2026-11-24, behind the newest day the database holds (2026-11-25); reports are counted on 2026-11-24',
    ]);
    expect((await service.post(VALID_REPORT)).status).toBe(201);
  });

  it('says nothing about a clock on or after the newest stored day', async () => {
    const service = await restartAt(novemberNoon(25));
    expect(clockLines(service)).toEqual([]);
    expect((await service.post(VALID_REPORT)).status).toBe(201);
  });
});

describe('the newest stored day', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'newest-day-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [[], undefined],
    [['2026-11-25'], '2026-11-25'],
    [['2026-11-24', '2026-11-25'], '2026-11-25'],
    [['2025-01-01', '2025-06-30', '2026-12-31'], '2026-12-31'],
    [['2024-02-29', '2027-01-01', '2027-01-03'], '2027-01-03'],
    // Frozen week labels sort after every date of their year; they are not days.
    [['2026-10-05', '2026-W41'], '2026-10-05'],
  ])('of %j is %s', (days, expected) => {
    const store = openCountsStore({ path: join(dir, `${days.join('_') || 'empty'}.db`), synchronous: 'FULL' });
    try {
      const row = (day: string) => ({ day, area: 'SI', metric: 'reports', n: 1, key: 0 });
      store.add(areaDaysOf(days.filter((d) => !d.includes('W')).map(row)));
      // A frozen week is stored by retention, as published values.
      const weeks = days.filter((d) => d.includes('W'));
      if (weeks.length > 0) store.replacePeriods(weeks, weeks.map(row));
      expect(store.lastDay()).toBe(expected);
    } finally {
      store.close();
    }
  });

  it('is found for every newest day over two years', () => {
    const store = openCountsStore({ path: join(dir, 'years.db'), synchronous: 'FULL' });
    try {
      const first = Date.UTC(2025, 0, 1);
      store.add(areaDaysOf([{ day: '2025-01-01', area: 'SI', metric: 'reports', n: 1, key: 0 }]));
      for (let d = 0; d < 730; d += 7) {
        const day = new Date(first + d * DAY_MS).toISOString().slice(0, 10);
        store.add(areaDaysOf([{ day, area: 'SI', metric: 'reports', n: 1, key: 0 }]));
        expect(store.lastDay()).toBe(day);
      }
    } finally {
      store.close();
    }
  });
});
