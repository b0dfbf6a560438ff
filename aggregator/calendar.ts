const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD), so the release does day arithmetic on integers. */
export function epochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before a day (1970-01-01 was a Thursday). */
export function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The ISO 8601 week starting on a Monday, e.g. `2026-W48`: a week belongs to the year of its Thursday. */
export function isoWeek(monday: number): string {
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Sunday on or before a day: MMWR epiweeks run Sunday to Saturday. */
export function sundayOf(day: number): number {
  return day - ((((day + 4) % 7) + 7) % 7);
}

/**
 * The MMWR epiweek starting on a Sunday as the integer YYYYWW that Delphi's Epidata API uses
 * (202648): a week belongs to the year of its Wednesday, so week 1 is the one holding 4 January,
 * as in ISO 8601 but from Sunday.
 */
export function epiweek(sunday: number): number {
  const wednesday = sunday + 3;
  const year = new Date(wednesday * DAY_MS).getUTCFullYear();
  return year * 100 + Math.floor((wednesday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
}

/** The Monday of an ISO week label (`2026-W48`): week 1 is the one holding 4 January. */
export function isoWeekMonday(label: string): number {
  return mondayOf(Date.UTC(Number(label.slice(0, 4)), 0, 4) / DAY_MS) + 7 * (Number(label.slice(6)) - 1);
}

/** An ISO week label (`2026-W48`) as the integer YYYYWW (202648). */
export function isoWeekNumber(label: string): number {
  return Number(label.slice(0, 4)) * 100 + Number(label.slice(6));
}

/** An ISO date as the integer YYYYMMDD (20261124) that Delphi's Epidata API uses for days. */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10));
}
