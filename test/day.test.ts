import { describe, expect, it } from 'vitest';
import { dayClock, dayIn, minuteOfDay, startOfDayIn } from '../aggregator/day.js';

describe('arrival day', () => {
  it('is the date in the service time zone, not in UTC', () => {
    // 23:30 UTC on 25 November is 00:30 on 26 November in Ljubljana (UTC+1).
    const t = Date.UTC(2026, 10, 25, 23, 30);
    expect(dayIn('Europe/Ljubljana', t)).toBe('2026-11-26');
    expect(dayIn('UTC', t)).toBe('2026-11-25');
  });

  it('follows daylight saving time', () => {
    // 22:30 UTC on 30 June is 00:30 on 1 July in Ljubljana (UTC+2).
    expect(dayIn('Europe/Ljubljana', Date.UTC(2026, 5, 30, 22, 30))).toBe('2026-07-01');
  });

  it('changes at local midnight when cached', () => {
    let now = Date.UTC(2026, 10, 25, 22, 59, 59, 999);
    const today = dayClock('Europe/Ljubljana', () => now);
    expect(today()).toBe('2026-11-25');
    now += 1;
    expect(today()).toBe('2026-11-26');
    now -= 1;
    expect(today()).toBe('2026-11-25');
  });
});

describe('local time of day', () => {
  it('counts minutes from local midnight, across a daylight-saving change', () => {
    // 29 March 2026: Ljubljana moves from UTC+1 to UTC+2 at 01:00 UTC (02:00 local → 03:00).
    expect(minuteOfDay('Europe/Ljubljana', Date.UTC(2026, 2, 29, 0, 59))).toBe(1 * 60 + 59);
    expect(minuteOfDay('Europe/Ljubljana', Date.UTC(2026, 2, 29, 1, 0))).toBe(3 * 60);
    expect(minuteOfDay('UTC', Date.UTC(2026, 2, 29, 1, 0))).toBe(60);
  });

  it('starts a day at local midnight, or where a daylight-saving change skips midnight, at the first hour after it', () => {
    expect(startOfDayIn('Europe/Ljubljana', '2026-07-01')).toBe(Date.UTC(2026, 5, 30, 22));
    expect(startOfDayIn('Europe/Ljubljana', '2026-12-01')).toBe(Date.UTC(2026, 10, 30, 23));
    // Santiago de Chile skips from 00:00 to 01:00 on 6 September 2026 (UTC−4 → UTC−3).
    expect(startOfDayIn('America/Santiago', '2026-09-06')).toBe(Date.UTC(2026, 8, 6, 4));
    expect(dayIn('America/Santiago', startOfDayIn('America/Santiago', '2026-09-06') - 1)).toBe('2026-09-05');
  });
});
