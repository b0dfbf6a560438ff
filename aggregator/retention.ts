import { epochDay, isoWeek, mondayOf } from './calendar.js';
import { REPORTS } from './metrics.js';
import type { ReleasedSnapshot } from './snapshot.js';
import type { CountRow } from './store.js';
import { PUBLISHED, SUPPRESSED } from './suppression.js';

/**
 * Retention: day × municipality counters older than `RETENTION_DAYS` are replaced by exactly
 * what the release policy publishes for them, so for those days the database keeps only
 * published values (issue 8, item 6).
 *
 * Unit: whole ISO weeks. A week is published from the sum of its 7 days, and its cells are
 * protected against its days by suppressing week cells (suppression.ts, relateWeekToDays),
 * which needs the days' unpublished counts. Once some of a week's days held published
 * values only, the week could no longer be recomputed, and a week recomputed from different
 * inputs could be differenced against the one already out. So a week's 7 days and the
 * week's own cells are frozen together, in one transaction, and never change afterwards.
 *
 * When: a week is frozen at the first release (every `RELEASE_INTERVAL_S`, and at start) at
 * which its Monday, its oldest day, is more than `retentionDays` days before the open day
 * (`open − monday > retentionDays`). So no day's counters outlive the retention period; the
 * later days of that week are frozen early, up to 6 days before their own term. With
 * `retentionDays` ≥ 7 (the configuration's minimum) such a week has closed and is published.
 * A week that is not yet complete in the snapshot is never frozen, whatever the setting.
 *
 * What is kept, in the one `counts(day, area, metric, n)` table, for each frozen period (the
 * 7 dates, and the week under its ISO label, `day` = `2026-W40`), for every area level
 * (country, regions, municipalities: regions can no longer be summed from municipalities
 * whose unpublished counts are gone):
 *   - an area-period below the minimum (all its cells `below_minimum`): no row, except the
 *     country's `reports` cell, always written (`n` = FROZEN_WITHHELD), so that every frozen
 *     period has a row and the first day of the table stays the first counted day;
 *   - any other area-period: its `reports` cell, and one row per other metric that is not a
 *     published zero; `n` = the published value, FROZEN_SUPPRESSED (−1) for a suppressed
 *     cell, FROZEN_WITHHELD (−2) for a withheld one. A metric without a row is a published 0.
 * Nothing else survives: no count that the snapshot did not publish. The release reads these
 * rows back into the same statuses and values (release.ts), so every public output for a
 * frozen period (JSON, CSV, projections computed from published cells) is unchanged, and
 * the rest of the release never relates a frozen period to a computed one (hierarchy and
 * partitions stay inside a period; a week's relation inside the week).
 *
 * The store deletes the periods' rows and inserts the frozen rows in one transaction, with
 * `secure_delete` on so the freed cells and pages are zeroed, then truncates the WAL.
 *
 * Reports are only ever counted on the open day, which is never in a frozen week unless the
 * clock is set back by more than `retentionDays − 6` days; the release then publishes nothing
 * for that (incomplete, frozen) week, but counters written there meanwhile would be read as
 * frozen values once the week completes again. Keep the clock synchronised (NTP).
 */

/** `n` of a frozen cell the release policy suppressed (published as `suppressed`). */
export const FROZEN_SUPPRESSED = -1;
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

/** The frozen rows of one period of the snapshot (period index p, stored under `label`). */
function frozenRows(s: ReleasedSnapshot, p: number, label: string, out: CountRow[]): void {
  const A = s.areas.length;
  const K = s.metrics.length;
  const reports = s.metricIndex.get(REPORTS)!;
  for (let a = 0; a < A; a++) {
    const area = s.areas[a]!.code;
    const base = (p * A + a) * K;
    const reportsStatus = s.status[base + reports];
    if (reportsStatus !== PUBLISHED && reportsStatus !== SUPPRESSED) {
      if (a === 0) out.push({ day: label, area, metric: REPORTS, n: FROZEN_WITHHELD });
      continue;
    }
    for (let k = 0; k < K; k++) {
      const status = s.status[base + k];
      const value = s.value[base + k]!;
      if (status === PUBLISHED) {
        if (value !== 0 || k === reports) out.push({ day: label, area, metric: s.metrics[k]!, n: value });
      } else {
        out.push({ day: label, area, metric: s.metrics[k]!, n: status === SUPPRESSED ? FROZEN_SUPPRESSED : FROZEN_WITHHELD });
      }
    }
  }
}

/**
 * The weeks of the snapshot that have passed the retention period and are not frozen yet,
 * with the rows that replace their days' counters: pure, from the released snapshot alone.
 */
export function retain(s: ReleasedSnapshot, options: RetentionOptions): RetentionPlan {
  const limit = epochDay(s.openDay) - options.retentionDays;
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
      frozenRows(s, d, s.days[d]!, rows);
    }
    periods.push(week);
    frozenRows(s, s.days.length + w, week, rows);
  });
  return { weeks, periods, rows };
}
