import type { AreaPack } from '../aggregator/areas/index.js';
import type { CellKeys } from '../aggregator/cell-key.js';
import { incrementalSince, release } from '../aggregator/release.js';
import type { ReleasePolicy } from '../aggregator/release-policy.js';
import { retain } from '../aggregator/retention.js';
import type { ReleasedSnapshot } from '../aggregator/snapshot.js';
import type { CountRow, StoredRow } from '../aggregator/area-day.js';

export interface ReleaserParts {
  /** Every counter and frozen value, read from the store one row at a time. */
  counts: () => Iterable<StoredRow>;
  /**
   * The counters of the dates on or after a day (no frozen week rows). Without it, every
   * release reads every counter.
   */
  countsSince?: (day: string) => Iterable<StoredRow>;
  /** The earliest day with a counter. */
  firstDay: () => string | undefined;
  /** Commits the reports already folded, so a closed day is complete when first published. */
  commitPending: () => void;
  pack: AreaPack;
  timeZone: string;
  policy: ReleasePolicy;
  /** Cell keys under the release secret the store keeps. */
  keys: CellKeys;
  now: () => number;
  onRelease?: (durationMs: number) => void;
  /** Records what each snapshot publishes (the publication history, aggregator/history.ts). */
  record?: (snapshot: ReleasedSnapshot) => void;
  /** Retention (aggregator/retention.ts): weeks whose Monday is more than this many days old are frozen. */
  retentionDays: number;
  /** The weeks the store holds frozen; read once, since only this releaser freezes weeks. */
  frozenWeeks: () => Iterable<string>;
  /** Replaces the rows of the periods by their frozen rows, in one transaction. */
  replacePeriods: (periods: readonly string[], rows: readonly CountRow[]) => void;
  onRetention?: (weeks: readonly string[]) => void;
  /** A failed retention leaves the counters as they were; the next release tries again. */
  onRetentionError?: (error: unknown) => void;
}

export interface Releaser {
  /** The snapshot every public read is served from; requests never touch SQLite. */
  current(): ReleasedSnapshot;
  /**
   * Recomputes the snapshot now: on start and on the release cadence, never per report; then
   * freezes the weeks that have passed the retention period.
   */
  releaseNow(): ReleasedSnapshot;
}

export function createReleaser(parts: ReleaserParts): Releaser {
  let snapshot: ReleasedSnapshot | undefined;
  let frozenWeeks: Set<string> | undefined;
  const releaser: Releaser = {
    current: () => snapshot ?? releaser.releaseNow(),
    releaseNow() {
      const started = performance.now();
      parts.commitPending();
      frozenWeeks ??= new Set(parts.frozenWeeks());
      const now = parts.now();
      const firstDay = parts.firstDay();
      const { pack, timeZone, policy } = parts;
      // Only the days that are not final yet are read again: from the Monday of the previous
      // open day's week (so a day that closed since is read in full, and a week that completes
      // has all its days' counts); every earlier period is copied from the previous snapshot.
      const since = parts.countsSince && incrementalSince(snapshot, { pack, policy, timeZone, now, firstDay, frozenWeeks });
      snapshot = release({
        firstDay,
        counts: since !== undefined ? parts.countsSince!(since) : parts.counts(),
        pack,
        now,
        timeZone,
        policy,
        keys: parts.keys,
        frozenWeeks,
        ...(snapshot ? { previous: snapshot } : {}),
        ...(since !== undefined ? { since } : {}),
      });
      // Recorded before retention, whose WAL truncation then takes the history's pages too.
      parts.record?.(snapshot);
      // The frozen rows are the snapshot's own cells for those periods, so the snapshot just
      // released stays exactly what the next one, reading them back, will publish.
      const plan = retain(snapshot, { retentionDays: parts.retentionDays, frozenWeeks });
      if (plan.weeks.length > 0) {
        try {
          parts.replacePeriods(plan.periods, plan.rows);
          for (const week of plan.weeks) frozenWeeks.add(week);
          parts.onRetention?.(plan.weeks);
        } catch (error) {
          parts.onRetentionError?.(error);
        }
      }
      parts.onRelease?.(performance.now() - started);
      return snapshot;
    },
  };
  return releaser;
}
