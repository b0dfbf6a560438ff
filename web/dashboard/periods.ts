import { epochDay, isoDate, isoWeek, mondayOf } from '../../aggregator/calendar.js';
import type { StatsQuery } from './stats-client.js';

/** The day `n` days after an ISO date (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  return isoDate(epochDay(day) + n);
}

/** The `n` days ending with `last`, oldest first. */
export function daysUpTo(last: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDays(last, i - n + 1));
}

/** A period the comparisons can show: a day, or a complete ISO week (Monday to Sunday). */
export interface Period {
  type: 'day' | 'week';
  /** The day, or the Monday of the week. */
  first: string;
  /** The day, or the Sunday of the week. */
  last: string;
  /** `2026-03-05` or `2026-W10`, as in the rows' `time_value`. */
  label: string;
}

export function dayPeriod(day: string): Period {
  return { type: 'day', first: day, last: day, label: day };
}

export function weekPeriod(monday: string): Period {
  return { type: 'week', first: monday, last: addDays(monday, 6), label: isoWeek(epochDay(monday)) };
}

/** The filters that select exactly one period. */
export function periodQuery(p: Period): Pick<StatsQuery, 'period' | 'from' | 'to'> {
  return { period: p.type, from: p.first, to: p.last };
}

/** A period as a form value (`day:2026-03-05`, `week:2026-03-02`) and back. */
export function periodKey(p: Period): string {
  return `${p.type}:${p.first}`;
}

export function periodFromKey(key: string): Period | undefined {
  const match = /^(day|week):(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (!match) return undefined;
  return match[1] === 'day' ? dayPeriod(match[2]!) : weekPeriod(match[2]!);
}

/**
 * What a comparison may show, newest first: today (for levels published on the open day),
 * the last seven closed days, and the last four complete weeks.
 */
export function comparablePeriods(openDay: string, withOpenDay: boolean): Period[] {
  const days = Array.from({ length: 7 }, (_, i) => dayPeriod(addDays(openDay, -1 - i)));
  const thisMonday = isoDate(mondayOf(epochDay(openDay)));
  const weeks = Array.from({ length: 4 }, (_, i) => weekPeriod(addDays(thisMonday, -7 * (i + 1))));
  return [...(withOpenDay ? [dayPeriod(openDay)] : []), ...days, ...weeks];
}
