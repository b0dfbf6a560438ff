import type { AreaPack } from '../aggregator/areas/index.js';
import { release, type ReleasePolicy } from '../aggregator/release.js';
import { retain } from '../aggregator/retention.js';
import type { ReleasedSnapshot } from '../aggregator/snapshot.js';
import type { CountRow } from '../aggregator/store.js';

export interface ReleaserParts {
  /** Every counter, read from the store one row at a time. */
  counts: () => Iterable<CountRow>;
  /** The earliest day with a counter. */
  firstDay: () => string | undefined;
  /** Commits the reports already folded, so a closed day is complete when first published. */
  commitPending: () => void;
  pack: AreaPack;
  timeZone: string;
  policy: ReleasePolicy;
  now: () => number;
  onRelease?: (durationMs: number) => void;
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
      snapshot = release({
        firstDay: parts.firstDay(),
        counts: parts.counts(),
        pack: parts.pack,
        now: parts.now(),
        timeZone: parts.timeZone,
        policy: parts.policy,
        frozenWeeks,
        ...(snapshot ? { previous: snapshot } : {}),
      });
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
