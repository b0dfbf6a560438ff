import type { AreaPack } from './areas/index.js';
import { METRICS, PARTITIONS, REPORTS, SUBSETS } from './metrics.js';
import type { ReleasePolicy } from './release.js';

/**
 * Disclosure control for one period's table of counts (areas × metrics): primary suppression,
 * then complementary suppression along every additive relation of the table until stable.
 *
 * A cell is *known* when anyone can tell its value from what is published: it is published, or
 * it is unpublished but its value follows anyway (a part under a published zero total; a week
 * whose days are all known). A relation `total = Σ parts` is safe when
 *   - its total is known and no part is unknown, or at least two parts are unknown and their
 *     values are not all zero (otherwise subtracting reveals the one part, or that all are zero);
 *   - its total is unknown and at least one part is unknown (otherwise the total is their sum).
 * Complementary suppression repairs an unsafe relation by suppressing the smallest non-zero
 * published part (a zero part would hide nothing: its zero would still follow), or the total
 * when no part will do.
 *
 * A subset relation (SUBSETS: a metric within the superset it is a subset of) is a partition of
 * the superset into the metric and a virtual complement cell that is never published. It is
 * unsafe only when the superset and the metric are both known and the complement they give is
 * from 1 to minCount − 1; suppressing the metric (or, failing that, the superset) repairs it.
 * Suppression only ever makes a cell unknown, so a safe subset relation stays safe: one pass
 * before the other relations is enough, and their cascade then protects what it suppressed.
 */

export const PUBLISHED = 0;
/** Primary (a count from 1 to minCount − 1) and complementary suppression share one status on
 * purpose: telling them apart would say a complement is at least minCount, which together with
 * a published total can pin both values down. */
export const SUPPRESSED = 1;
/** The cell's area-period has fewer than minReports reports: it publishes only that. */
export const WITHHELD = 2;

/**
 * What every period's table shares. Areas are numbered country (0), regions (1..regions), then
 * municipalities, so a parent always comes before its children; cell = area × metrics + metric.
 * Relations are numbered hierarchy first (one per total area and metric: total area × metrics +
 * metric), then partitions (one per area and partition).
 */
export interface TableLayout {
  readonly areas: number;
  readonly metrics: number;
  readonly regions: number;
  readonly reports: number;
  /** The parent area of each area, -1 for the country. */
  readonly parent: Int32Array;
  /** The children of the country (0) and of each region (1..regions): `children[childStart[a] .. childStart[a + 1]]`. */
  readonly childStart: Int32Array;
  readonly children: Int32Array;
  readonly partitions: number;
  readonly partitionTotal: Int32Array;
  readonly partStart: Int32Array;
  readonly parts: Int32Array;
  /** The partitions each metric is a part of, and those it is the total of. */
  readonly asPartStart: Int32Array;
  readonly asPart: Int32Array;
  readonly asTotalStart: Int32Array;
  readonly asTotal: Int32Array;
  /** The subset relations: metric `subsetMetric[j]` within metric `subsetSuperset[j]`. */
  readonly subsetSuperset: Int32Array;
  readonly subsetMetric: Int32Array;
}

/** One period's cells, as views into the snapshot's arrays. */
export interface Table {
  readonly value: Int32Array;
  readonly status: Uint8Array;
  /** 1 where an unpublished cell's value is known all the same. */
  readonly known: Uint8Array;
  /** 1 where complementary suppression must not choose the cell: it was published before (the
   * open day's unchanged regions) or its value follows from such cells, so suppressing it would
   * hide nothing. */
  readonly pinned: Uint8Array;
  /** False for the open day, which has country and region rows only. */
  readonly municipalities: boolean;
}

function ranges(lists: readonly (readonly number[])[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (start[i + 1] = start[i]! + list.length));
  return { start, items: Int32Array.from(lists.flat()) };
}

export function tableLayout(pack: AreaPack): TableLayout {
  const regionIndex = new Map(pack.regions.map((r, i) => [r.code, i + 1]));
  const areas = 1 + pack.regions.length + pack.municipalities.length;
  const parent = new Int32Array(areas);
  parent[0] = -1;
  const childLists: number[][] = [pack.regions.map((_, i) => i + 1), ...pack.regions.map(() => [])];
  pack.municipalities.forEach((m, i) => {
    const area = 1 + pack.regions.length + i;
    const region = regionIndex.get(m.region)!;
    parent[area] = region;
    childLists[region]!.push(area);
  });
  const metricIndex = new Map(METRICS.map((m, i) => [m.name, i]));
  const index = (name: string) => metricIndex.get(name)!;
  const asPart = METRICS.map((): number[] => []);
  const asTotal = METRICS.map((): number[] => []);
  PARTITIONS.forEach((p, j) => {
    asTotal[index(p.total)]!.push(j);
    for (const part of p.parts) asPart[index(part)]!.push(j);
  });
  const children = ranges(childLists);
  const parts = ranges(PARTITIONS.map((p) => p.parts.map(index)));
  const partOf = ranges(asPart);
  const totalOf = ranges(asTotal);
  return {
    areas,
    metrics: METRICS.length,
    regions: pack.regions.length,
    reports: index(REPORTS),
    parent,
    childStart: children.start,
    children: children.items,
    partitions: PARTITIONS.length,
    partitionTotal: Int32Array.from(PARTITIONS.map((p) => index(p.total))),
    partStart: parts.start,
    parts: parts.items,
    asPartStart: partOf.start,
    asPart: partOf.items,
    asTotalStart: totalOf.start,
    asTotal: totalOf.items,
    subsetSuperset: Int32Array.from(SUBSETS.map((s) => index(s.superset))),
    subsetMetric: Int32Array.from(SUBSETS.map((s) => index(s.metric))),
  };
}

function activeAreas(L: TableLayout, t: Table): number {
  return t.municipalities ? L.areas : L.regions + 1;
}

/**
 * Primary suppression: whole area-periods below minReports are withheld, counts from 1 to
 * minCount − 1 suppressed.
 */
export function classify(L: TableLayout, t: Table, policy: Pick<ReleasePolicy, 'minReports' | 'minCount'>): void {
  const K = L.metrics;
  for (let a = 0; a < activeAreas(L, t); a++) {
    const base = a * K;
    const withheld = t.value[base + L.reports]! < policy.minReports;
    for (let c = base; c < base + K; c++) {
      const v = t.value[c]!;
      t.status[c] = withheld ? WITHHELD : v > 0 && v < policy.minCount ? SUPPRESSED : PUBLISHED;
    }
  }
}

/**
 * Withheld zeros whose value is known anyway: the area-period has no reports at all (its zeros
 * say nothing about anyone), or the same metric is a known zero one level up (every part of a
 * zero is zero; publishing zeros is the policy).
 */
export function markKnownZeros(L: TableLayout, t: Table): void {
  const K = L.metrics;
  for (let a = 0; a < activeAreas(L, t); a++) {
    const base = a * K;
    const noReports = t.value[base + L.reports] === 0;
    const up = L.parent[a]! * K;
    for (let k = 0; k < K; k++) {
      const c = base + k;
      if (t.status[c] !== WITHHELD || t.value[c] !== 0) continue;
      const p = up + k;
      t.known[c] = noReports || (up >= 0 && t.value[p] === 0 && (t.status[p] === PUBLISHED || t.known[p] === 1)) ? 1 : 0;
    }
  }
}

/**
 * The week relation (a week is the sum of its days). Days are published as they close, so their
 * statuses are final before their week is: the relation is made safe by suppressing week cells
 * alone. A week cell whose days are all known follows from them: it is known whatever its
 * status, and pinned, since suppressing it would hide nothing.
 */
export function relateWeekToDays(week: Table, days: readonly Table[], unknown: Uint8Array, unknownSum: Int32Array): void {
  unknown.fill(0);
  unknownSum.fill(0);
  for (const day of days) {
    for (let c = 0; c < unknown.length; c++) {
      if (day.status[c] !== PUBLISHED && day.known[c] === 0) {
        unknown[c]!++;
        unknownSum[c]! += day.value[c]!;
      }
    }
  }
  for (let c = 0; c < unknown.length; c++) {
    if (unknown[c] === 0) {
      week.pinned[c] = 1;
      if (week.status[c] !== PUBLISHED) week.known[c] = 1;
    } else if (week.status[c] === PUBLISHED && (unknown[c] === 1 || unknownSum[c] === 0)) {
      week.status[c] = SUPPRESSED;
    }
  }
}

/**
 * Pins on the open day: the regions that keep their previous values (`kept[region]` = 1) keep
 * their previous cells exactly, and a country cell whose regions are all known and each kept
 * or zero is fixed by numbers already out.
 */
export function pinOpenDay(L: TableLayout, t: Table, kept: Uint8Array): void {
  const K = L.metrics;
  for (let r = 1; r <= L.regions; r++) if (kept[r] === 1) t.pinned.fill(1, r * K, (r + 1) * K);
  for (let k = 0; k < K; k++) {
    let fixed = true;
    for (let r = 1; r <= L.regions && fixed; r++) {
      const c = r * K + k;
      fixed = (t.status[c] === PUBLISHED || t.known[c] === 1) && (kept[r] === 1 || t.value[c] === 0);
    }
    t.pinned[k] = fixed ? 1 : 0;
  }
}

/** Reusable work space for `protect`, sized for one layout. */
export interface Worklist {
  readonly queue: Int32Array;
  readonly queued: Uint8Array;
}

export function worklist(L: TableLayout): Worklist {
  const relations = (L.regions + 1) * L.metrics + L.areas * L.partitions;
  return { queue: new Int32Array(relations), queued: new Uint8Array(relations) };
}

/** The cell whose suppression repairs the relation, or -1 when the relation is safe. */
function repair(L: TableLayout, t: Table, relation: number): number {
  const K = L.metrics;
  const { value, status, known, pinned } = t;
  const hierarchy = (L.regions + 1) * K;
  let total: number;
  let first: number;
  let end: number;
  let members: Int32Array;
  let offset: number;
  let stride: number;
  if (relation < hierarchy) {
    const area = (relation / K) | 0;
    const k = relation - area * K;
    total = relation;
    members = L.children;
    first = L.childStart[area]!;
    end = L.childStart[area + 1]!;
    offset = k;
    stride = K;
  } else {
    const area = ((relation - hierarchy) / L.partitions) | 0;
    const j = relation - hierarchy - area * L.partitions;
    total = area * K + L.partitionTotal[j]!;
    members = L.parts;
    first = L.partStart[j]!;
    end = L.partStart[j + 1]!;
    offset = area * K;
    stride = 1;
  }
  let unknown = 0;
  let unknownSum = 0;
  let best = -1;
  let bestValue = Infinity;
  for (let i = first; i < end; i++) {
    const c = members[i]! * stride + offset;
    const v = value[c]!;
    if (status[c] === PUBLISHED) {
      if (v > 0 && v < bestValue && pinned[c] === 0) {
        best = c;
        bestValue = v;
      }
    } else if (known[c] === 0) {
      unknown++;
      unknownSum += v;
    }
  }
  const totalKnown = status[total] === PUBLISHED || known[total] === 1;
  const safe = totalKnown ? unknown === 0 || (unknown >= 2 && unknownSum > 0) : unknown > 0;
  if (safe) return -1;
  if (best >= 0) return best;
  if (status[total] === PUBLISHED && pinned[total] === 0 && value[total]! > 0) return total;
  // The set-up of each table guarantees a choice (see release.ts); reaching here is a bug that
  // would publish a recoverable value, so stop rather than release.
  throw new Error(`complementary suppression found no cell to suppress for relation ${relation}`);
}

/**
 * The subset relations of one table: where the superset and the metric are both known and
 * their difference, the complement, is from 1 to minCount − 1, suppresses the metric, or the
 * superset when the metric will not do (pinned, or not published).
 */
function protectComplements(L: TableLayout, t: Table, minCount: number): void {
  const K = L.metrics;
  const { value, status, known, pinned } = t;
  const isKnown = (c: number) => status[c] === PUBLISHED || known[c] === 1;
  const choosable = (c: number) => status[c] === PUBLISHED && pinned[c] === 0 && value[c]! > 0;
  for (let a = 0; a < activeAreas(L, t); a++) {
    const base = a * K;
    for (let j = 0; j < L.subsetMetric.length; j++) {
      const s = base + L.subsetSuperset[j]!;
      const m = base + L.subsetMetric[j]!;
      const complement = value[s]! - value[m]!;
      if (complement <= 0 || complement >= minCount || !isKnown(s) || !isKnown(m)) continue;
      if (choosable(m)) status[m] = SUPPRESSED;
      else if (choosable(s)) status[s] = SUPPRESSED;
      // As in repair: the set-up of each table guarantees a choice.
      else throw new Error(`complementary suppression found no cell to suppress for subset ${j} in area ${a}`);
    }
  }
}

/** Complementary suppression of one table until every relation in it is safe. */
export function protect(L: TableLayout, t: Table, w: Worklist, minCount: number): void {
  protectComplements(L, t, minCount);
  const K = L.metrics;
  const P = L.partitions;
  const hierarchy = (L.regions + 1) * K;
  const relations = w.queue.length;
  const areas = activeAreas(L, t);
  let head = 0;
  let size = 0;
  const push = (relation: number) => {
    if (w.queued[relation] === 1) return;
    w.queued[relation] = 1;
    w.queue[(head + size) % relations] = relation;
    size++;
  };
  const countryRelations = t.municipalities ? hierarchy : K;
  for (let r = 0; r < countryRelations; r++) push(r);
  for (let r = hierarchy; r < hierarchy + areas * P; r++) push(r);
  while (size > 0) {
    const relation = w.queue[head]!;
    head = (head + 1) % relations;
    size--;
    w.queued[relation] = 0;
    const cell = repair(L, t, relation);
    if (cell < 0) continue;
    t.status[cell] = SUPPRESSED;
    const a = (cell / K) | 0;
    const k = cell - a * K;
    if (a > 0) push(L.parent[a]! * K + k);
    if (a <= L.regions && (a === 0 || t.municipalities)) push(cell);
    for (let i = L.asPartStart[k]!; i < L.asPartStart[k + 1]!; i++) push(hierarchy + a * P + L.asPart[i]!);
    for (let i = L.asTotalStart[k]!; i < L.asTotalStart[k + 1]!; i++) push(hierarchy + a * P + L.asTotal[i]!);
  }
}
