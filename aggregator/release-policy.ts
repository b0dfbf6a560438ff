import { DEFAULT_PERTURBATION, type PerturbationParameters } from './perturbation-table.js';

/** The rules every published number is released under (aggregator/release.ts). */
export interface ReleasePolicy {
  /** An area-period whose published report count is below this publishes only that it is (`below_minimum`). */
  readonly minReports: number;
  /** A share and its projection are published only from this many published reports. */
  readonly projectionMinReports: number;
  /**
   * Hours between the open day's publications, counted from midnight: with 6, today's numbers
   * are published at 06:00, 12:00 and 18:00 and stay as they are in between. 24: the open day
   * is published only once it has closed.
   */
  readonly openDayEveryHours: number;
  /** The cell key method's perturbation table (aggregator/perturbation-table.ts). */
  readonly perturbation: PerturbationParameters;
}

export const DEFAULT_RELEASE_POLICY: ReleasePolicy = {
  minReports: 10,
  projectionMinReports: 30,
  openDayEveryHours: 6,
  perturbation: DEFAULT_PERTURBATION,
};

/** The hours the open day can be published every: whole divisors of a day. */
export const OPEN_DAY_EVERY_HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;

export function samePolicy(a: ReleasePolicy, b: ReleasePolicy): boolean {
  const p = a.perturbation;
  const q = b.perturbation;
  return (
    a.minReports === b.minReports &&
    a.projectionMinReports === b.projectionMinReports &&
    a.openDayEveryHours === b.openDayEveryHours &&
    p.maxDeviation === q.maxDeviation &&
    p.variance === q.variance &&
    p.smallestPublished === q.smallestPublished &&
    p.emptyPublishedShare === q.emptyPublishedShare
  );
}
