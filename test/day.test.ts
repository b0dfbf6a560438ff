import { describe, expect, it } from 'vitest';
import { dayClock, dayIn } from '../aggregator/day.js';

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
