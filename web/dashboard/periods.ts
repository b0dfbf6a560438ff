import { epochDay, isoDate, isoWeek, mondayOf } from '../../aggregator/calendar.js';
import type { SnapshotInfo, StatsQuery } from './stats-client.js';

/** The day `n` days after an ISO date (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  return isoDate(epochDay(day) + n);
}

/** A period the dashboards show: a day, or a complete ISO week (Monday to Sunday). */
export interface Period {
  type: 'day' | 'week';
  /** The day, or the Monday of the week. */
  first: string;
  /** The day, or the Sunday of the week. */
  last: string;
  /** `2026-03-05` or `2026-W10`, as in the rows' `time_value`. */
  label: string;
}

function dayPeriod(day: string): Period {
  return { type: 'day', first: day, last: day, label: day };
}

function weekPeriod(monday: string): Period {
  return { type: 'week', first: monday, last: addDays(monday, 6), label: isoWeek(epochDay(monday)) };
}

/** The same kind of period a week earlier: the day seven days before, or the week before. */
export function weekBefore(p: Period): Period {
  return p.type === 'day' ? dayPeriod(addDays(p.first, -7)) : weekPeriod(addDays(p.first, -7));
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

/** The `n` closed days before the open day, newest first. */
export function closedDays(openDay: string, n: number): Period[] {
  return Array.from({ length: n }, (_, i) => dayPeriod(addDays(openDay, -1 - i)));
}

/** The Monday after a day's week: when that week is complete and published. */
export function nextMonday(day: string): string {
  return isoDate(mondayOf(epochDay(day)) + 7);
}

/** The `n` complete weeks before the open day's week, newest first. */
export function completeWeeks(openDay: string, n: number): Period[] {
  const thisMonday = isoDate(mondayOf(epochDay(openDay)));
  return Array.from({ length: n }, (_, i) => weekPeriod(addDays(thisMonday, -7 * (i + 1))));
}

/**
 * What a comparison may show, newest first. Regions: today once it is published, the last seven
 * closed days and the last four complete weeks. Municipalities publish weeks only: the last
 * eight complete weeks.
 */
export function comparablePeriods(info: SnapshotInfo, level: 'region' | 'municipality'): Period[] {
  if (level === 'municipality') return completeWeeks(info.openDay, 8);
  // Today once its first publication time has passed (regions publish it; municipalities never do).
  const today = info.openDayPublishedAt !== null ? [dayPeriod(info.openDay)] : [];
  return [...today, ...closedDays(info.openDay, 7), ...completeWeeks(info.openDay, 4)];
}

/** Where a comparison opens: regions on the last closed day, municipalities on the last complete week. */
export function defaultPeriod(info: SnapshotInfo, level: 'region' | 'municipality'): Period {
  return level === 'municipality' ? completeWeeks(info.openDay, 1)[0]! : closedDays(info.openDay, 1)[0]!;
}
