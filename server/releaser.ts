import type { AreaPack } from '../aggregator/areas/index.js';
import { release, type ReleasePolicy } from '../aggregator/release.js';
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
}

export interface Releaser {
  /** The snapshot every public read is served from; requests never touch SQLite. */
  current(): ReleasedSnapshot;
  /** Recomputes the snapshot now: on start and on the release cadence, never per report. */
  releaseNow(): ReleasedSnapshot;
}

export function createReleaser(parts: ReleaserParts): Releaser {
  let snapshot: ReleasedSnapshot | undefined;
  const releaser: Releaser = {
    current: () => snapshot ?? releaser.releaseNow(),
    releaseNow() {
      const started = performance.now();
      parts.commitPending();
      snapshot = release({
        firstDay: parts.firstDay(),
        counts: parts.counts(),
        pack: parts.pack,
        now: parts.now(),
        timeZone: parts.timeZone,
        policy: parts.policy,
        ...(snapshot ? { previous: snapshot } : {}),
      });
      parts.onRelease?.(performance.now() - started);
      return snapshot;
    },
  };
  return releaser;
}
