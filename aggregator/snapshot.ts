import type { GeoType, TableSpec, TimeType } from './publication.js';
import type { ReleasePolicy } from './release-policy.js';

/**
 * A released snapshot: every published number, table by table (aggregator/publication.ts), in
 * flat typed arrays so a year of municipalities stays small and is read by index arithmetic.
 */

/** How a cell stands in the snapshot. */
export const PUBLISHED = 0;
/** Its area-period published fewer than minReports reports, so it publishes only that. */
export const BELOW_MINIMUM = 1;
/** The open day before its first publication time: nothing out yet. */
export const NOT_YET_PUBLISHED = 2;
export type Status = typeof PUBLISHED | typeof BELOW_MINIMUM | typeof NOT_YET_PUBLISHED;

/** Where a cell lies in its table's arrays: (period × areas + area) × metrics + metric. */
export type CellIndex = number;

export interface SnapshotArea {
  readonly code: string;
  readonly name: string;
  readonly level: GeoType;
  readonly population: number;
}

/** One published table: an area level by a kind of period, for a fixed list of metrics. */
export interface PublishedTable {
  readonly spec: TableSpec;
  /** The table's areas are snapshot.areas[firstArea .. firstArea + areaCount]: every area of its level. */
  readonly firstArea: number;
  readonly areaCount: number;
  /** The table's metrics, as indexes into snapshot.metrics. */
  readonly metrics: readonly number[];
  /** Periods: the snapshot's days (the last is the open day) or its weeks. */
  readonly periods: number;
  /** Published values; zero wherever the status is not PUBLISHED. */
  readonly value: Int32Array;
  readonly status: Uint8Array;
}

export function cellIndex(t: PublishedTable, period: number, area: number, metric: number): CellIndex {
  return (period * t.areaCount + area) * t.metrics.length + metric;
}

/** The open day's publication: its numbers are those of the last publication time passed. */
export interface OpenDay {
  readonly day: string;
  /** Which publication of the day is out (1 after the first publication time), 0 before the first. */
  readonly publication: number;
  /** When the numbers out were computed (epoch ms); undefined before the first publication. */
  readonly publishedAt: number | undefined;
  /** The next publication time (epoch ms); undefined when the day closes first. */
  readonly nextAt: number | undefined;
}

export interface ReleasedSnapshot {
  /** When it was computed (epoch ms). */
  readonly time: number;
  readonly timeZone: string;
  readonly policy: ReleasePolicy;
  readonly openDay: OpenDay;
  readonly days: readonly string[];
  /** Complete weeks only (`2026-W48`): a week appears once its last day has closed. */
  readonly weeks: readonly string[];
  /** The country, the regions, then the municipalities. */
  readonly areas: readonly SnapshotArea[];
  readonly areaIndex: ReadonlyMap<string, number>;
  readonly metrics: readonly string[];
  readonly metricIndex: ReadonlyMap<string, number>;
  /** The national population by age band: the standard population for age standardisation. */
  readonly standardPopulation: readonly number[];
  readonly tables: readonly PublishedTable[];
}

/** The table of a level and period kind, if one is published. */
export function tableOf(s: ReleasedSnapshot, level: GeoType, period: TimeType): PublishedTable | undefined {
  return s.tables.find((t) => t.spec.level === level && t.spec.period === period);
}
