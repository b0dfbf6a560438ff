import { cellKeys } from '../../aggregator/cell-key.js';
import { fold, metricNames } from '../../aggregator/fold.js';
import { guide } from '../../aggregator/guidance.js';
import { perturbationTable, preimage } from '../../aggregator/perturbation-table.js';
import { release } from '../../aggregator/release.js';
import { DEFAULT_RELEASE_POLICY, type ReleasePolicy } from '../../aggregator/release-policy.js';
import { rows } from '../../aggregator/released-rows.js';
import type { ReleasedSnapshot } from '../../aggregator/snapshot.js';
import { type AreaDay, areaDaysOf, type CountRow } from '../../aggregator/area-day.js';
import { type Cell, cell, type Observation, partUnits, unitsOf, type World } from './attacker.js';
import { ATTACK_PACK, countedBy, RELEASES, TIME_ZONE, type TimedReport, WATCHED_DAY, WEEK } from './scenario.js';

/**
 * The release under test, run over the scenario at every release time (with a restart: the
 * release after it has no previous snapshot), and read the way an attacker who knows the
 * perturbation table reads it: a published count y says only that the true count is one the
 * table can publish as y (its preimage); an area-period below the minimum, that its published
 * report count was below it.
 */

/** The counters the store would hold after these reports, counts and record-key sums, as it gives them to the release. */
export function storedCounters(reports: readonly TimedReport[]): AreaDay[] {
  const counts = new Map<string, CountRow>();
  for (const r of reports) {
    for (const metric of metricNames(fold(r.report, r.day, guide(r.report), r.recordKey))) {
      const k = `${r.day}|${r.report.area}|${metric}`;
      const row = counts.get(k) ?? { day: r.day, area: r.report.area, metric, n: 0, key: 0 };
      row.n += 1;
      row.key = (row.key + r.recordKey) >>> 0;
      counts.set(k, row);
    }
  }
  return areaDaysOf([...counts.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.area < b.area ? -1 : a.area > b.area ? 1 : 0)));
}

/** Every snapshot the service releases while the scenario runs. */
export function releasesOf(reports: readonly TimedReport[], secret: Uint8Array, policy: ReleasePolicy = DEFAULT_RELEASE_POLICY): ReleasedSnapshot[] {
  const keys = cellKeys(secret);
  const out: ReleasedSnapshot[] = [];
  let previous: ReleasedSnapshot | undefined;
  for (const r of RELEASES) {
    previous = release({
      counts: storedCounters(countedBy(reports, r)),
      pack: ATTACK_PACK,
      now: r.time,
      timeZone: TIME_ZONE,
      policy,
      keys,
      ...(previous && !r.restarted ? { previous } : {}),
    });
    out.push(previous);
  }
  return out;
}

/** Minutes after local midnight (UTC + 1 in the scenario's November) of an instant on the watched day. */
const minuteOf = (time: number) => Math.round((time - Date.parse(`${WATCHED_DAY}T00:00:00+01:00`)) / 60_000);

export interface Publication {
  readonly observations: Observation[];
  /** The minutes of the watched day at which each open-day publication was computed. */
  readonly openMinutes: number[];
}

/** The minutes at which the open day's publications were computed: the attacker's cuts of the watched day. */
export function openDayMinutes(snapshots: readonly ReleasedSnapshot[]): number[] {
  return [...new Set(snapshots.flatMap((s) => (s.openDay.day === WATCHED_DAY && s.openDay.publishedAt !== undefined ? [minuteOf(s.openDay.publishedAt)] : [])))].sort((a, b) => a - b);
}

export function observeAfter(w: World, snapshots: readonly ReleasedSnapshot[], policy: ReleasePolicy = DEFAULT_RELEASE_POLICY): Observation[] {
  const pt = perturbationTable(policy.perturbation);
  const belowMinimum = Math.max(...Array.from({ length: policy.minReports }, (_, y) => preimage(pt, y).max));
  const seen = new Set<string>();
  const out: Observation[] = [];
  for (const s of snapshots) {
    for (const row of rows(s)) {
      if (row.time_type === 'day' && !WEEK.includes(row.time_value)) continue;
      const open = row.provisional;
      const units = open
        ? partUnits(w, row.geo_value, 0, minuteOf(s.openDay.publishedAt!))
        : unitsOf(w, row.geo_value, row.time_type === 'week' ? WEEK : [row.time_value]);
      const label = `${open ? `open@${minuteOf(s.openDay.publishedAt!)}` : row.time_value} ${row.geo_value} ${row.metric}`;
      const key = `${label} ${row.value ?? row.missing_value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c: Cell = cell(label, w.metrics.indexOf(row.metric), units);
      if (row.value !== null) {
        const { min, max } = preimage(pt, row.value);
        out.push({ cell: c, lower: min, upper: max });
      } else if (row.metric === 'reports') out.push({ cell: c, lower: 0, upper: belowMinimum });
    }
  }
  return out;
}
