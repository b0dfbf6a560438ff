import { z } from '@hono/zod-openapi';
import type { ReleasedSnapshot } from '../aggregator/snapshot.js';

/**
 * What every published number depends on besides its query: when the snapshot was released,
 * the open day and the release policy. It heads every JSON answer of /api/v1/stats and is the
 * whole answer of /api/v1/snapshot.
 */
export const snapshotSchema = z
  .object({
    time: z.iso.datetime().openapi({ description: 'When the snapshot was released.' }),
    openDay: z.iso.date().openapi({ description: 'Today in the service time zone: published for the country and regions only, at fixed times, and provisional.' }),
    openDayPublishedAt: z.iso
      .datetime()
      .nullable()
      .openapi({ description: "When today's numbers now out were computed; null before today's first publication time." }),
    openDayNextAt: z.iso.datetime().nullable().openapi({ description: "Today's next publication time; null when the day closes first." }),
    timeZone: z.string(),
    policy: z.object({
      minReports: z.number().int().openapi({ description: 'An area-period that publishes fewer reports publishes only that (below_minimum).' }),
      projectionMinReports: z.number().int().openapi({ description: 'A share and its projection need at least this many published reports.' }),
      openDayEveryHours: z.number().int().openapi({ description: "Hours between today's publications, from midnight." }),
      perturbation: z
        .object({
          maxDeviation: z.number().int(),
          variance: z.number(),
          smallestPublished: z.number().int(),
          emptyPublishedShare: z.number(),
        })
        .openapi({ description: 'The cell key perturbation every published count carries (docs/design.md, Release policy).' }),
    }),
  })
  .openapi('Snapshot');

/** The snapshot as the API gives it; the dashboard reads it by this type, so a field changed here breaks the web's type check. */
export type SnapshotInfo = z.output<typeof snapshotSchema>;

const isoOrNull = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());

export function snapshotInfo(s: ReleasedSnapshot): SnapshotInfo {
  return {
    time: new Date(s.time).toISOString(),
    openDay: s.openDay.day,
    openDayPublishedAt: isoOrNull(s.openDay.publishedAt),
    openDayNextAt: isoOrNull(s.openDay.nextAt),
    timeZone: s.timeZone,
    policy: s.policy,
  };
}
