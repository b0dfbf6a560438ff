import type { AreaPack } from '../../aggregator/areas/index.js';
import { fold, metricNames } from '../../aggregator/fold.js';
import { guide } from '../../aggregator/guidance.js';
import { integerRange, type Programme, programme, type Row } from './lp.js';
import type { Relations } from './relations.js';
import { type TimedReport, WATCHED_DAY } from './scenario.js';

/**
 * The attacker's linear programme. Its unknowns are true counts of *units*: a municipality on a
 * day of the week (the watched day included, whole), and a region in each part of the watched
 * day between two releases (nothing finer than a region is published while the day is open).
 * A region's parts add up to its municipalities' watched day. Every published number becomes a
 * constraint on a sum of unknowns; every derived relation holds in every unit; the insider's own
 * reports are known.
 */

export interface World {
  readonly pack: AreaPack;
  readonly metrics: readonly string[];
  readonly days: readonly string[];
  /** Minutes after midnight at which each part of the watched day starts. */
  readonly partStarts: readonly number[];
  /** Every unit: an area (a municipality for a day, a region for a part) and a slot (a date, or `<watched day>#<part>`). */
  readonly units: readonly { readonly area: string; readonly slot: string }[];
  /** True counts per unit and metric (column = unit × metrics + metric). */
  readonly truth: Float64Array;
  /** The insider's own reports, per unit and metric. */
  readonly own: Float64Array;
}

const partSlot = (i: number) => `${WATCHED_DAY}#${i}`;

/** Counts per unit; `releaseMinutes` cut the watched day into parts. */
export function world(pack: AreaPack, metrics: readonly string[], reports: readonly TimedReport[], days: readonly string[], releaseMinutes: readonly number[]): World {
  const partStarts = [0, ...[...new Set(releaseMinutes)].filter((m) => m > 0 && m < 1440).sort((a, b) => a - b)];
  const units = [
    ...pack.municipalities.flatMap((m) => days.map((day) => ({ area: m.code, slot: day }))),
    ...pack.regions.flatMap((r) => partStarts.map((_, i) => ({ area: r.code, slot: partSlot(i) }))),
  ];
  const unitIndex = new Map(units.map((u, i) => [`${u.area} ${u.slot}`, i]));
  const M = metrics.length;
  const truth = new Float64Array(units.length * M);
  const own = new Float64Array(truth.length);
  const metricIndex = new Map(metrics.map((m, i) => [m, i]));
  for (const r of reports) {
    const inUnits = [unitIndex.get(`${r.report.area} ${r.day}`)!];
    if (r.day === WATCHED_DAY) {
      const region = pack.municipalityByCode.get(r.report.area)!.region;
      inUnits.push(unitIndex.get(`${region} ${partSlot(partStarts.findLastIndex((s) => s <= r.minute))}`)!);
    }
    for (const name of metricNames(fold(r.report, r.day, guide(r.report), r.recordKey))) {
      const k = metricIndex.get(name);
      if (k === undefined) continue;
      for (const u of inUnits) {
        truth[u * M + k]!++;
        if (r.insider) own[u * M + k]!++;
      }
    }
  }
  return { pack, metrics, days, partStarts, units, truth, own };
}

/** A sum of true counts: one metric over some units. */
export interface Cell {
  readonly label: string;
  readonly metric: number;
  readonly units: readonly number[];
}

const within = (w: World, unitArea: string, area: string) =>
  area === w.pack.country.code || unitArea === area || w.pack.municipalityByCode.get(unitArea)?.region === area;

/** The units of an area (country, region or municipality) on whole days. */
export function unitsOf(w: World, area: string, days: readonly string[]): number[] {
  return w.units.flatMap((u, i) => (days.includes(u.slot) && within(w, u.area, area) ? [i] : []));
}

/** The units of a region or the country in the parts of the watched day from `from` up to `to` (minutes). */
export function partUnits(w: World, area: string, from: number, to: number): number[] {
  return w.units.flatMap((u, i) => {
    if (!u.slot.startsWith(`${WATCHED_DAY}#`) || !within(w, u.area, area)) return [];
    const start = w.partStarts[Number(u.slot.slice(WATCHED_DAY.length + 1))]!;
    return start >= from && start < to ? [i] : [];
  });
}

export function cell(label: string, metric: number, units: readonly number[]): Cell {
  return { label, metric, units };
}

export const columns = (w: World, c: Cell) => c.units.map((u) => u * w.metrics.length + c.metric);
export const sumOf = (values: Float64Array, w: World, c: Cell) => columns(w, c).reduce((s, col) => s + values[col]!, 0);

/** What the attacker learnt of a cell: the true count lies in [lower, upper]. */
export interface Observation {
  readonly cell: Cell;
  readonly lower: number;
  readonly upper: number;
}

/** Extra knowledge: the insider knows that exactly `reports` others reported in these units. */
export interface Knowledge {
  readonly units: readonly number[];
  readonly reports: number;
}

/** The relations, in every unit, as rows over the unknowns. */
function relationRows(w: World, r: Relations): Row[] {
  const M = w.metrics.length;
  const rows: Row[] = [];
  for (let u = 0; u < w.units.length; u++) {
    const col = (k: number) => u * M + k;
    for (const [a, b] of r.implications) rows.push({ columns: [col(a), col(b)], coefficients: [1, -1], lower: -Infinity, upper: 0 });
    for (const p of r.partitions) {
      rows.push({ columns: [...p.parts.map(col), col(p.total)], coefficients: [...p.parts.map(() => 1), -1], lower: 0, upper: 0 });
    }
    for (const c of r.covers) {
      rows.push({ columns: [col(c.lhs), ...c.rhs.map(col)], coefficients: [1, ...c.rhs.map(() => -1)], lower: -Infinity, upper: 0 });
    }
    for (const c of r.conjunctions) {
      rows.push({ columns: [col(c.lhs), col(c.a), col(c.b), col(c.within)], coefficients: [1, -1, -1, 1], lower: 0, upper: Infinity });
    }
  }
  // A region's parts of the watched day add up to its municipalities' whole day.
  for (const region of w.pack.regions) {
    const parts = partUnits(w, region.code, 0, 1440);
    const days = unitsOf(w, region.code, [WATCHED_DAY]);
    for (let k = 0; k < M; k++) {
      rows.push({
        columns: [...parts.map((u) => u * M + k), ...days.map((u) => u * M + k)],
        coefficients: [...parts.map(() => 1), ...days.map(() => -1)],
        lower: 0,
        upper: 0,
      });
    }
  }
  return rows;
}

/**
 * The programme over what others reported: the insider's own reports are subtracted from every
 * observation, so the unknowns count everyone else, who obey the relations just the same.
 */
export async function attackProgramme(w: World, relations: Relations, observations: readonly Observation[], knowledge: readonly Knowledge[] = []): Promise<Programme> {
  const rows = relationRows(w, relations);
  for (const o of observations) {
    const cols = columns(w, o.cell);
    const own = cols.reduce((s, c) => s + w.own[c]!, 0);
    rows.push({ columns: cols, coefficients: cols.map(() => 1), lower: o.lower - own, upper: o.upper - own });
  }
  const reports = w.metrics.indexOf('reports');
  for (const k of knowledge) {
    const cols = k.units.map((u) => u * w.metrics.length + reports);
    rows.push({ columns: cols, coefficients: cols.map(() => 1), lower: k.reports, upper: k.reports });
  }
  return programme(w.truth.length, rows);
}

export interface Pin {
  readonly cell: Cell;
  readonly value: number;
}

/** Deterministic weights in [½, 1] for probing: the same run gives the same probes. */
function probeWeights(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = 0.5 + ((t ^ (t >>> 14)) >>> 0) / 8589934592;
  }
  return out;
}

/**
 * The cells the programme pins to one integer. Probes first: maximise, then minimise, a
 * weighted sum of the cells still undecided, which pushes them all up, then all down; a cell
 * seen at two values a whole unit apart is not pinned. The few cells left get their exact least
 * and greatest values.
 */
export function pins(p: Programme, w: World, cells: readonly Cell[], rounds = 12): Pin[] {
  const seen = cells.map(() => ({ min: Infinity, max: -Infinity }));
  const undecided = () => cells.flatMap((_, j) => (seen[j]!.max - seen[j]!.min >= 1 - 1e-6 ? [] : [j]));
  let before = Infinity;
  for (let round = 0; round < rounds; round++) {
    const open = undecided();
    // Stop probing once a round decides nothing more.
    if (open.length === 0 || open.length === before) break;
    before = open.length;
    const weights = probeWeights(p.columns, 1 + round);
    const objective = new Float64Array(p.columns);
    for (const j of open) for (const col of columns(w, cells[j]!)) objective[col] = weights[col]!;
    for (const direction of [1, -1]) {
      const x = p.point(direction === 1 ? objective : objective.map((v) => -v));
      if (!x) throw new Error('the published numbers admit no table: the attacker model is wrong');
      cells.forEach((c, j) => {
        const v = sumOf(x, w, c);
        seen[j]!.min = Math.min(seen[j]!.min, v);
        seen[j]!.max = Math.max(seen[j]!.max, v);
      });
    }
  }
  const out: Pin[] = [];
  for (const j of undecided()) {
    const c = cells[j]!;
    const r = p.range(columns(w, c));
    if (!r) throw new Error('the published numbers admit no table: the attacker model is wrong');
    const { min, max } = integerRange(r);
    if (min === max) out.push({ cell: c, value: min });
  }
  return out;
}
