import type { AreaPack } from './areas/index.js';
import { epochDay, isoDate, isoWeek, mondayOf } from './calendar.js';
import { addKeys, type CellKeys } from './cell-key.js';
import { dayIn, minuteOfDay } from './day.js';
import { METRIC_INDEX, METRICS, REPORTS } from './metrics.js';
import { perturb, perturbationTable, type PerturbationTable } from './perturbation-table.js';
import { cataloguePositions, PUBLISHED_TABLES, type TableSpec } from './publication.js';
import { AGE_BANDS } from './questionnaire.js';
import { DEFAULT_RELEASE_POLICY, type ReleasePolicy, samePolicy } from './release-policy.js';
import { FROZEN_WITHHELD, WEEK_LABEL } from './retention.js';
import {
  BELOW_MINIMUM,
  NOT_YET_PUBLISHED,
  type OpenDay,
  PUBLISHED,
  type PublishedTable,
  type ReleasedSnapshot,
  type SnapshotArea,
} from './snapshot.js';
import { NO_VALUE, type StoredRow } from './area-day.js';

/**
 * The release: from the counters to the published snapshot, by the cell key method.
 *
 * Each published cell (aggregator/publication.ts says which) is the sum of its municipalities'
 * and days' counters, with the sum of their record keys as its cell key (aggregator/cell-key.ts).
 * Its published value is its count plus the deviation the perturbation table gives for that
 * count and key (aggregator/perturbation-table.ts): the same reports always give the same
 * value, no published count is 1 or 2, and every published count may be off by up to the
 * table's largest deviation, so no combination of published numbers pins a small count. An
 * area-period whose published report count is below minReports publishes only that.
 *
 * Periods: every day from the Monday of the first counted week to the open day (today in the
 * time zone), and every complete week. A closed day and a complete week are final: they depend
 * on their own counters and keys alone and never change. The open day (country and regions
 * only) is published at fixed times (policy.openDayEveryHours), each publication with new
 * deviations: between two publication times nothing moves, however many reports arrive.
 *
 * Frozen periods (retention.ts) are read back from the published values retention stored,
 * and copied periods (an incremental release) from the previous snapshot.
 */

export interface ReleaseInput {
  /** The counters and frozen values, ordered by day and area (as the store gives them). */
  readonly counts: Iterable<StoredRow>;
  /** The earliest day in `counts`; without it, `counts` is read twice to find it. */
  readonly firstDay?: string | undefined;
  readonly pack: AreaPack;
  /** The time of the release (epoch ms): the open day is its date in `timeZone`. */
  readonly now: number;
  readonly timeZone: string;
  readonly policy?: ReleasePolicy;
  /** The cell keys of cells without reports and of the open day, under the service's secret. */
  readonly keys: CellKeys;
  /** The last snapshot released with the same pack and policy. */
  readonly previous?: ReleasedSnapshot;
  /** Weeks (ISO labels) whose days and week the store holds as frozen published values only. */
  readonly frozenWeeks?: ReadonlySet<string>;
  /**
   * Incremental release: `counts` holds only the counters of days on or after this Monday, and
   * `previous` holds every earlier period as final; those periods are copied, not recomputed.
   * Choose it with `incrementalSince`; a `since` it would not give throws.
   */
  readonly since?: string;
}

/** How a period's cells are obtained. */
const COUNTED = 0;
const FROZEN = 1;
const REUSED = 2;
/** The days of a frozen week that is not complete (only after the clock went back): nothing published. */
const SKIPPED = 3;
type PeriodMode = typeof COUNTED | typeof FROZEN | typeof REUSED | typeof SKIPPED;
/** A frozen cell no row has set yet; decodeFrozen settles it. */
const UNSET = 255;

const tables = new Map<string, PerturbationTable>();
/** The perturbation table of a policy, built once. */
function tableFor(policy: ReleasePolicy): PerturbationTable {
  const key = JSON.stringify(policy.perturbation);
  let t = tables.get(key);
  if (!t) tables.set(key, (t = perturbationTable(policy.perturbation)));
  return t;
}

/** The pack's areas in the snapshot's order, each with its level: the country, the regions, the municipalities. */
export function snapshotAreas(pack: AreaPack): SnapshotArea[] {
  return [
    { code: pack.country.code, name: pack.country.name, level: 'country', population: pack.population },
    ...pack.regions.map((r) => ({ code: r.code, name: r.name, level: 'region' as const, population: pack.regionPopulation.get(r.code) ?? 0 })),
    ...pack.municipalities.map((m) => ({ code: m.code, name: m.name, level: 'municipality' as const, population: m.population })),
  ];
}

/** Counts and key sums of every area (country, regions, municipalities: snapshot order) × metric. */
interface Sums {
  readonly n: Int32Array;
  readonly key: Uint32Array;
}

const sums = (cells: number): Sums => ({ n: new Int32Array(cells), key: new Uint32Array(cells) });

/** The open day's publication number at `now`: the publication times passed since midnight. */
function openDayOf(day: string, now: number, timeZone: string, everyHours: number, publishedAt: number | undefined): OpenDay {
  const minute = minuteOfDay(timeZone, now);
  const publication = Math.floor(minute / (everyHours * 60));
  const next = (publication + 1) * everyHours * 60;
  return {
    day,
    publication,
    publishedAt: publication > 0 ? publishedAt : undefined,
    nextAt: next < 24 * 60 ? now - (now % 60_000) + (next - minute) * 60_000 : undefined,
  };
}

/**
 * Reads the counters as one day at a time: rows of a date come in a block (the store orders by
 * day), a frozen week's rows (labelled `2026-W47`) after its year's dates.
 */
class CountReader {
  private readonly rows: Iterator<StoredRow>;
  private next: IteratorResult<StoredRow>;

  constructor(counts: Iterable<StoredRow>) {
    this.rows = counts[Symbol.iterator]();
    this.next = this.rows.next();
  }

  /** Calls `use` with every row of `day` and every week row before it; skips earlier dates. */
  day(day: string, use: (row: StoredRow) => void, week: (row: StoredRow) => void): void {
    while (!this.next.done) {
      const row = this.next.value;
      if (WEEK_LABEL.test(row.day)) week(row);
      else if (row.day > day) return;
      else if (row.day === day) use(row);
      this.next = this.rows.next();
    }
  }

  /** Every row left: the week rows after the last date. */
  rest(week: (row: StoredRow) => void): void {
    for (; !this.next.done; this.next = this.rows.next()) if (WEEK_LABEL.test(this.next.value.day)) week(this.next.value);
  }
}

/**
 * How many leading days (a whole number of weeks) an incremental release copies from
 * `previous`; throws when `since` is not one `incrementalSince` would give.
 */
function reusableDays(since: string, start: number, openDay: string, previous: ReleasedSnapshot | undefined): number {
  const reused = epochDay(since) - start;
  if (
    !previous ||
    epochDay(previous.days[0]!) !== start ||
    previous.openDay.day > openDay ||
    reused < 0 ||
    reused % 7 !== 0 ||
    reused > epochDay(previous.openDay.day) - start
  ) {
    throw new Error(`an incremental release from ${since} needs the previous snapshot of the same days`);
  }
  return reused;
}

export interface IncrementalOptions {
  readonly pack: AreaPack;
  readonly policy: ReleasePolicy;
  readonly timeZone: string;
  readonly now: number;
  /** The earliest counted day, as the release will be given it. */
  readonly firstDay: string | undefined;
  readonly frozenWeeks: ReadonlySet<string>;
}

/**
 * The first day whose counters the next release must read, when it can copy every earlier
 * period from `previous`; undefined when it must read every counter. Every day before the
 * Monday of the previous open day's week had closed and every week before it was complete in
 * `previous`, so their cells are final. A full read is needed when the previous snapshot was
 * released under another pack, policy or time zone, starts on another week, is from a later
 * day (the clock went back), or when a frozen week lies in the days to recompute.
 */
export function incrementalSince(previous: ReleasedSnapshot | undefined, o: IncrementalOptions): string | undefined {
  if (!previous || previous.timeZone !== o.timeZone || !samePolicy(previous.policy, o.policy)) return undefined;
  const areas = snapshotAreas(o.pack);
  if (areas.length !== previous.areas.length || areas.some((a, i) => a.code !== previous.areas[i]!.code)) return undefined;
  if (METRICS.length !== previous.metrics.length || METRICS.some((m, i) => m.name !== previous.metrics[i])) return undefined;
  const openDay = dayIn(o.timeZone, o.now);
  if (openDay < previous.openDay.day) return undefined;
  const first = o.firstDay !== undefined && o.firstDay < openDay ? o.firstDay : openDay;
  if (isoDate(mondayOf(epochDay(first))) !== previous.days[0]) return undefined;
  const since = mondayOf(epochDay(previous.openDay.day));
  for (const week of o.frozenWeeks) {
    const w = previous.weeks.indexOf(week);
    if (w < 0 || epochDay(previous.days[7 * w]!) >= since) return undefined;
  }
  return isoDate(since);
}

/** A table being filled: its spec's metrics as catalogue indexes, and where its areas start. */
interface Building extends PublishedTable {
  /** Catalogue index → position in the table's metrics, or −1. */
  readonly position: Int32Array;
}

function building(spec: TableSpec, areas: readonly SnapshotArea[], periods: number): Building {
  const firstArea = areas.findIndex((a) => a.level === spec.level);
  const areaCount = areas.filter((a) => a.level === spec.level).length;
  const metrics = cataloguePositions(spec);
  const position = new Int32Array(METRICS.length).fill(-1);
  metrics.forEach((k, i) => (position[k] = i));
  const cells = periods * areaCount * metrics.length;
  return { spec, firstArea, areaCount, metrics, periods, value: new Int32Array(cells), status: new Uint8Array(cells), position };
}

/**
 * Publishes one period of a table from its cells' counts and key sums (`from`, in snapshot area
 * order × catalogue metrics): perturbs each cell, then withholds each area-period whose
 * published report count is below the minimum.
 */
function publish(
  t: Building,
  period: number,
  from: Sums,
  key: (count: number, keySum: number, area: string, metric: string) => number,
  areas: readonly SnapshotArea[],
  pt: PerturbationTable,
  minReports: number,
  reports: number,
): void {
  const K = METRICS.length;
  const width = t.metrics.length;
  for (let a = 0; a < t.areaCount; a++) {
    const area = t.firstArea + a;
    const base = (period * t.areaCount + a) * width;
    for (let i = 0; i < width; i++) {
      const k = t.metrics[i]!;
      const n = from.n[area * K + k]!;
      t.value[base + i] = perturb(pt, n, key(n, from.key[area * K + k]!, areas[area]!.code, METRICS[k]!.name));
      t.status[base + i] = PUBLISHED;
    }
    if (t.value[base + t.position[reports]!]! < minReports) {
      t.value.fill(0, base, base + width);
      t.status.fill(BELOW_MINIMUM, base, base + width);
    }
  }
}

/** Regions and the country are the sums of their municipalities, key sums too. */
function sumUp(pack: AreaPack, s: Sums): void {
  const K = METRICS.length;
  const R = pack.regions.length;
  const regionOf = new Map(pack.regions.map((r, i) => [r.code, 1 + i]));
  s.n.fill(0, 0, (R + 1) * K);
  s.key.fill(0, 0, (R + 1) * K);
  pack.municipalities.forEach((m, i) => {
    const from = (R + 1 + i) * K;
    const region = regionOf.get(m.region)! * K;
    for (let k = 0; k < K; k++) {
      s.n[region + k]! += s.n[from + k]!;
      s.key[region + k] = addKeys(s.key[region + k]!, s.key[from + k]!);
    }
  });
  for (let r = 1; r <= R; r++) {
    for (let k = 0; k < K; k++) {
      s.n[k]! += s.n[r * K + k]!;
      s.key[k] = addKeys(s.key[k]!, s.key[r * K + k]!);
    }
  }
}

/**
 * Sets the cells of a frozen period that no row set: a published zero where the area-period was
 * published (its reports cell has a row), else the whole area-period is below the minimum.
 */
function decodeFrozen(t: Building, period: number, reports: number): void {
  const width = t.metrics.length;
  for (let a = 0; a < t.areaCount; a++) {
    const base = (period * t.areaCount + a) * width;
    if (t.status[base + t.position[reports]!] === PUBLISHED) {
      for (let c = base; c < base + width; c++) if (t.status[c] === UNSET) t.status[c] = PUBLISHED;
    } else {
      t.value.fill(0, base, base + width);
      t.status.fill(BELOW_MINIMUM, base, base + width);
    }
  }
}

/** Releases the counters as a snapshot in which every published number is perturbed (invariant I4). */
export function release(input: ReleaseInput): ReleasedSnapshot {
  const { counts, pack, now, timeZone, previous, keys } = input;
  const policy = input.policy ?? DEFAULT_RELEASE_POLICY;
  const pt = tableFor(policy);
  const areas = snapshotAreas(pack);
  const areaIndex = new Map(areas.map((a, i) => [a.code, i]));
  const K = METRICS.length;
  const reports = METRIC_INDEX.get(REPORTS)!;

  const openDayLabel = dayIn(timeZone, now);
  let first = input.firstDay !== undefined && input.firstDay < openDayLabel ? input.firstDay : openDayLabel;
  if (!('firstDay' in input)) for (const row of counts) if (row.day < first && !WEEK_LABEL.test(row.day)) first = row.day;
  const start = mondayOf(epochDay(first));
  const days = epochDay(openDayLabel) - start + 1;
  const weeks = Math.floor((days - 1) / 7);
  const dayLabels = Array.from({ length: days }, (_, d) => isoDate(start + d));
  const weekLabels = Array.from({ length: weeks }, (_, w) => isoWeek(start + 7 * w));
  const built = PUBLISHED_TABLES.map((spec) => building(spec, areas, spec.period === 'day' ? days : weeks));
  const dayTables = built.filter((t) => t.spec.period === 'day');
  const weekTables = built.filter((t) => t.spec.period === 'week');

  // How each day and week is obtained.
  const dayMode: PeriodMode[] = new Array(days).fill(COUNTED);
  const weekMode: PeriodMode[] = new Array(weeks).fill(COUNTED);
  const frozenWeeks = input.frozenWeeks ?? new Set<string>();
  for (let w = 0; 7 * w < days; w++) {
    if (!frozenWeeks.has(isoWeek(start + 7 * w))) continue;
    dayMode.fill(w < weeks ? FROZEN : SKIPPED, 7 * w, Math.min(7 * w + 7, days));
    if (w < weeks) weekMode[w] = FROZEN;
  }
  const reusedDays = input.since === undefined ? 0 : reusableDays(input.since, start, openDayLabel, previous);
  if (previous && reusedDays > 0) {
    for (const t of built) {
      const from = previous.tables.find((p) => p.spec === t.spec)!;
      const cells = (t.spec.period === 'day' ? reusedDays : reusedDays / 7) * t.areaCount * t.metrics.length;
      t.value.set(from.value.subarray(0, cells));
      t.status.set(from.status.subarray(0, cells));
    }
    dayMode.fill(REUSED, 0, reusedDays);
    weekMode.fill(REUSED, 0, reusedDays / 7);
  }
  const fillFrozen = (tablesOfKind: readonly Building[], period: number) => {
    for (const t of tablesOfKind) {
      const width = t.areaCount * t.metrics.length;
      t.status.fill(UNSET, period * width, (period + 1) * width);
    }
  };
  for (let d = 0; d < days; d++) if (dayMode[d] === FROZEN) fillFrozen(dayTables, d);
  for (let w = 0; w < weeks; w++) if (weekMode[w] === FROZEN) fillFrozen(weekTables, w);
  const setFrozenCell = (t: Building, period: number, a: number, k: number, value: number, label: string) => {
    const i = t.position[k]!;
    if (i < 0) return;
    const c = (period * t.areaCount + a - t.firstArea) * t.metrics.length + i;
    if (value >= 0) {
      t.value[c] = value;
      t.status[c] = PUBLISHED;
    } else if (value !== FROZEN_WITHHELD) throw new Error(`a frozen row of ${label} holds ${value}`);
  };
  const setFrozen = (tablesOfKind: readonly Building[], period: number, row: StoredRow) => {
    const a = areaIndex.get(row.area);
    const t = a === undefined ? undefined : tablesOfKind.find((x) => a >= x.firstArea && a < x.firstArea + x.areaCount);
    if (a === undefined || !t || !('values' in row)) return;
    for (let k = 0; k < K; k++) if (row.values[k] !== NO_VALUE) setFrozenCell(t, period, a, k, row.values[k]!, row.day);
  };
  const weekIndex = new Map(weekLabels.map((label, w) => [label, w]));
  const weekRow = (row: StoredRow) => {
    const w = weekIndex.get(row.day);
    if (w !== undefined && weekMode[w] === FROZEN) setFrozen(weekTables, w, row);
  };

  // Reads the counters day by day: a day's municipalities, summed up to regions and country,
  // published as that day; the week's sums gathered until its Sunday.
  const reader = new CountReader(counts);
  const day = sums(areas.length * K);
  const week = sums(areas.length * K);
  const finalKey = (label: string) => (n: number, keySum: number, area: string, metric: string) => keys.final(n, keySum, metric, `${label} ${area} ${metric}`);
  const openDayIndex = days - 1;
  const previousOpen = previous?.openDay.day === openDayLabel ? previous.openDay : undefined;
  let openDay = openDayOf(openDayLabel, now, timeZone, policy.openDayEveryHours, now);
  for (let d = 0; d < days; d++) {
    const mode = dayMode[d];
    const label = dayLabels[d]!;
    const counted = mode === COUNTED;
    day.n.fill(0);
    day.key.fill(0);
    reader.day(
      label,
      (row) => {
        if (mode === FROZEN) {
          setFrozen(dayTables, d, row);
          return;
        }
        const a = areaIndex.get(row.area);
        // Counters of areas the pack does not know cannot be published; frozen values are never counts.
        if (!counted || a === undefined || areas[a]!.level !== 'municipality' || !('n' in row)) return;
        for (let k = 0; k < K; k++) {
          day.n[a * K + k]! += row.n[k]!;
          day.key[a * K + k] = addKeys(day.key[a * K + k]!, row.key[k]!);
        }
      },
      weekRow,
    );
    if (mode === FROZEN) for (const t of dayTables) decodeFrozen(t, d, reports);
    if (mode === SKIPPED) for (const t of dayTables) t.status.fill(BELOW_MINIMUM, d * t.areaCount * t.metrics.length, (d + 1) * t.areaCount * t.metrics.length);
    if (!counted) continue;
    sumUp(pack, day);
    if (d === openDayIndex) {
      const width = (t: Building) => t.areaCount * t.metrics.length;
      if (openDay.publication === 0) {
        for (const t of dayTables) t.status.fill(NOT_YET_PUBLISHED, d * width(t), (d + 1) * width(t));
      } else if (previousOpen?.publication === openDay.publication && previous) {
        // Between two publication times the open day stays exactly as published.
        openDay = { ...openDay, publishedAt: previousOpen.publishedAt };
        for (const t of dayTables) {
          const from = previous.tables.find((p) => p.spec === t.spec)!;
          const at = (previous.days.length - 1) * width(t);
          t.value.set(from.value.subarray(at, at + width(t)), d * width(t));
          t.status.set(from.status.subarray(at, at + width(t)), d * width(t));
        }
      } else {
        const publication = `${label}#${openDay.publication}`;
        const openKey = (n: number, keySum: number, area: string, metric: string) => keys.open(n, keySum, metric, `${label} ${area} ${metric}`, publication);
        for (const t of dayTables) publish(t, d, day, openKey, areas, pt, policy.minReports, reports);
      }
      continue;
    }
    for (const t of dayTables) publish(t, d, day, finalKey(label), areas, pt, policy.minReports, reports);
    const w = Math.floor(d / 7);
    if (w >= weeks || weekMode[w] !== COUNTED) continue;
    for (let c = 0; c < week.n.length; c++) {
      week.n[c]! += day.n[c]!;
      week.key[c] = addKeys(week.key[c]!, day.key[c]!);
    }
    if (d % 7 === 6) {
      for (const t of weekTables) publish(t, w, week, finalKey(weekLabels[w]!), areas, pt, policy.minReports, reports);
      week.n.fill(0);
      week.key.fill(0);
    }
  }
  reader.rest(weekRow);
  for (let w = 0; w < weeks; w++) if (weekMode[w] === FROZEN) for (const t of weekTables) decodeFrozen(t, w, reports);

  const metrics = METRICS.map((m) => m.name);
  return {
    time: now,
    timeZone,
    policy,
    openDay,
    days: dayLabels,
    weeks: weekLabels,
    areas,
    areaIndex,
    metrics,
    metricIndex: new Map(metrics.map((m, i) => [m, i])),
    standardPopulation: AGE_BANDS.map((band) => pack.populationByAgeBand[band]),
    tables: built,
  };
}
