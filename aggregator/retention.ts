import { epochDay, isoWeek, mondayOf } from './calendar.js';
import { REPORTS } from './metrics.js';
import { PUBLISHED, type PublishedTable, type ReleasedSnapshot } from './snapshot.js';
import type { CountRow } from './area-day.js';

/**
 * Retention: day × municipality counters older than `RETENTION_DAYS` are replaced by exactly
 * what the release published for them, so for those days the database keeps only published
 * values.
 *
 * Unit: whole ISO weeks. A week is published from its 7 days' counters, once all have closed;
 * so a week's 7 days and the week's own cells are frozen together, in one transaction, and
 * never change afterwards.
 *
 * When: a week is frozen at the first release (every `RELEASE_INTERVAL_S`, and at start) at
 * which its Monday, its oldest day, is more than `retentionDays` days before the open day
 * (`open − monday > retentionDays`). So no day's counters outlive the retention period; the
 * later days of that week are frozen early, up to 6 days before their own term. With
 * `retentionDays` ≥ 7 (the configuration's minimum) such a week has closed and is published.
 * A week that is not yet complete in the snapshot is never frozen, whatever the setting.
 *
 * What is kept, in the one `counts(day, area, metric, n, key)` table, for each frozen period
 * (the 7 dates, and the week under its ISO label, `day` = `2026-W40`), for every published
 * table of that period's kind (aggregator/publication.ts: regions and the country for days;
 * every level for the week):
 *   - an area-period below the minimum: no row, except the country's `reports` cell, always
 *     written (`n` = FROZEN_WITHHELD), so that every frozen period has a row and the first day
 *     of the table stays the first counted day;
 *   - any other area-period: its `reports` cell, and one row per other metric whose published
 *     value is not 0; `n` = the published value. A metric without a row is a published 0.
 * `key` is 0: a published value has no record keys. Nothing else survives: no count that the
 * snapshot did not publish, and no key. The release reads these rows back into the same values
 * (release.ts), so every public output for a frozen period (JSON, CSV, projections computed
 * from published cells) is unchanged.
 *
 * The store deletes the periods' rows and inserts the frozen rows in one transaction, with
 * `secure_delete` on so the freed cells and pages are zeroed, then truncates the WAL.
 *
 * Reports are only ever counted on the open day, which is never in a frozen week: the service
 * refuses a report whose day lies in a frozen week (server/clock-guard.ts), so a clock set back
 * cannot add to frozen values.
 */

/** `n` of a frozen cell whose area-period was below the minimum (published as `below_minimum`). */
export const FROZEN_WITHHELD = -2;

export interface RetentionOptions {
  /** Counters of a day are kept while open day − day ≤ retentionDays. */
  readonly retentionDays: number;
  /** Weeks already frozen (ISO labels); they are never touched again. */
  readonly frozenWeeks: ReadonlySet<string>;
}

export interface RetentionPlan {
  /** The weeks to freeze now (ISO labels), oldest first. */
  readonly weeks: readonly string[];
  /** Every `day` value whose rows are replaced: each week's 7 dates and its label. */
  readonly periods: readonly string[];
  /** The rows that replace them: published values and markers only. */
  readonly rows: readonly CountRow[];
}

/** `day` keys of a week label (`2026-W40`): frozen week cells are stored under it. */
export const WEEK_LABEL = /^\d{4}-W\d{2}$/;

/** The ISO week label of the week holding a date. */
export function weekOf(date: string): string {
  return isoWeek(mondayOf(epochDay(date)));
}

/** The frozen rows of one period of a table (period index p, stored under `label`). */
function frozenRows(s: ReleasedSnapshot, t: PublishedTable, p: number, label: string, out: CountRow[]): void {
  const width = t.metrics.length;
  const reports = t.metrics.indexOf(s.metricIndex.get(REPORTS)!);
  for (let a = 0; a < t.areaCount; a++) {
    const area = s.areas[t.firstArea + a]!.code;
    const base = (p * t.areaCount + a) * width;
    if (t.status[base + reports] !== PUBLISHED) {
      if (t.spec.level === 'country') out.push({ day: label, area, metric: REPORTS, n: FROZEN_WITHHELD, key: 0 });
      continue;
    }
    for (let i = 0; i < width; i++) {
      const value = t.value[base + i]!;
      if (value !== 0 || i === reports) out.push({ day: label, area, metric: s.metrics[t.metrics[i]!]!, n: value, key: 0 });
    }
  }
}

/**
 * The weeks of the snapshot that have passed the retention period and are not frozen yet,
 * with the rows that replace their days' counters: pure, from the released snapshot alone.
 */
export function retain(s: ReleasedSnapshot, options: RetentionOptions): RetentionPlan {
  const limit = epochDay(s.openDay.day) - options.retentionDays;
  const weeks: string[] = [];
  const periods: string[] = [];
  const rows: CountRow[] = [];
  s.weeks.forEach((week, w) => {
    const monday = s.days[7 * w]!;
    if (options.frozenWeeks.has(week) || epochDay(monday) >= limit) return;
    // A week is complete in the snapshot only once its Sunday has closed; never the open day.
    if (7 * w + 6 >= s.days.length - 1) return;
    weeks.push(week);
    for (let d = 7 * w; d < 7 * w + 7; d++) {
      periods.push(s.days[d]!);
      for (const t of s.tables) if (t.spec.period === 'day') frozenRows(s, t, d, s.days[d]!, rows);
    }
    periods.push(week);
    for (const t of s.tables) if (t.spec.period === 'week') frozenRows(s, t, w, week, rows);
  });
  return { weeks, periods, rows };
}
