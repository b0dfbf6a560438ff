import { METRIC_INDEX, METRICS } from './metrics.js';

/**
 * The counters of one municipality on one day, all metrics at once: how many reports counted
 * in each metric, and the sum of their record keys (modulo 2³²), in the order of the metric
 * catalogue. The store keeps one such row per (day, area), so a batch of reports writes one
 * row per area it touched instead of one per counter.
 */
export interface AreaDay {
  readonly day: string;
  readonly area: string;
  readonly n: Uint32Array;
  readonly key: Uint32Array;
}

/** A metric without a stored value in a packed row of published values. */
export const NO_VALUE = -1;

/**
 * The published values retention kept for one area in one frozen period (aggregator/retention.ts),
 * all metrics at once, in the order of the metric catalogue: the value, FROZEN_WITHHELD, or
 * NO_VALUE where the frozen rows have none (a published zero, or a metric the table does not
 * publish).
 */
export interface FrozenArea {
  /** A date, or a week's ISO label. */
  readonly day: string;
  readonly area: string;
  readonly values: Int32Array;
}

/** A row of the store: a municipality's counters of a day, or an area's frozen values of a period. */
export type StoredRow = AreaDay | FrozenArea;

/** One counter in long format: a metric's count and key sum on a day in an area. */
export interface CountRow {
  day: string;
  area: string;
  metric: string;
  n: number;
  key: number;
}

export function emptyAreaDay(day: string, area: string): AreaDay {
  return { day, area, n: new Uint32Array(METRICS.length), key: new Uint32Array(METRICS.length) };
}

/** Adds `from` into `to`, counts and key sums (keys wrap around modulo 2³²). */
export function addInto(to: AreaDay, from: AreaDay): void {
  for (let k = 0; k < to.n.length; k++) {
    to.n[k]! += from.n[k]!;
    to.key[k] = (to.key[k]! + from.key[k]!) >>> 0;
  }
}

/** The non-zero counters of an area-day in long format, in catalogue order. */
export function* countRowsOf(a: AreaDay): Generator<CountRow> {
  for (let k = 0; k < a.n.length; k++) {
    if (a.n[k]! > 0) yield { day: a.day, area: a.area, metric: METRICS[k]!.name, n: a.n[k]!, key: a.key[k]! };
  }
}

/** A stored row in long format: a counter's non-zero counts, or a frozen area-period's values (key 0). */
export function* longRows(row: StoredRow): Generator<CountRow> {
  if (!('values' in row)) return yield* countRowsOf(row);
  for (let k = 0; k < row.values.length; k++) {
    if (row.values[k] !== NO_VALUE) yield { day: row.day, area: row.area, metric: METRICS[k]!.name, n: row.values[k]!, key: 0 };
  }
}

/** Counters in long format gathered into area-days (metrics the catalogue does not know are an error). */
export function areaDaysOf(rows: Iterable<CountRow>): AreaDay[] {
  const out = new Map<string, AreaDay>();
  for (const r of rows) {
    const k = METRIC_INDEX.get(r.metric);
    if (k === undefined) throw new Error(`unknown metric ${r.metric}`);
    const name = `${r.day}\u0000${r.area}`;
    let a = out.get(name);
    if (!a) out.set(name, (a = emptyAreaDay(r.day, r.area)));
    a.n[k]! += r.n;
    a.key[k] = (a.key[k]! + r.key) >>> 0;
  }
  return [...out.values()];
}

/**
 * Long rows gathered by `group` (a period and area, and an issue) into one array of values by
 * catalogue metric each, NO_VALUE where no row gave one; in the order each group first came.
 */
export function packedValues<R extends { metric: string }>(rows: Iterable<R>, group: (row: R) => string, value: (row: R) => number): Map<string, { row: R; values: Int32Array }> {
  const out = new Map<string, { row: R; values: Int32Array }>();
  for (const row of rows) {
    const k = METRIC_INDEX.get(row.metric);
    if (k === undefined) throw new Error(`unknown metric ${row.metric}`);
    const name = group(row);
    let packed = out.get(name);
    if (!packed) out.set(name, (packed = { row, values: new Int32Array(METRICS.length).fill(NO_VALUE) }));
    packed.values[k] = value(row);
  }
  return out;
}

/** Frozen values in long format (`n` the published value, as retention gives them) packed by period and area. */
export function frozenAreasOf(rows: Iterable<CountRow>): FrozenArea[] {
  return [...packedValues(rows, (r) => `${r.day} ${r.area}`, (r) => r.n).values()].map(({ row, values }) => ({ day: row.day, area: row.area, values }));
}
