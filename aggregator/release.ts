import type { AreaPack } from './areas/index.js';
import { epochDay, isoDate, isoWeek, mondayOf } from './calendar.js';
import { dayIn } from './day.js';
import { METRICS } from './metrics.js';
import { AGE_BANDS } from './questionnaire.js';
import { FROZEN_SUPPRESSED, WEEK_LABEL } from './retention.js';
import type { OpenDayBasis, ReleasedSnapshot, SnapshotArea } from './snapshot.js';
import type { CountRow } from './store.js';
import {
  classify,
  markKnownZeros,
  pinOpenDay,
  protect,
  PUBLISHED,
  relateWeekToDays,
  SUPPRESSED,
  type Table,
  type TableLayout,
  tableLayout,
  WITHHELD,
  type Worklist,
  worklist,
} from './suppression.js';

export interface ReleasePolicy {
  /** An area-period with fewer reports publishes only that it has fewer. */
  readonly minReports: number;
  /** Counts from 1 to minCount − 1 are suppressed; zero is published. */
  readonly minCount: number;
  /** A region's numbers for the open day change only once this many new reports arrived there. */
  readonly openDayMinNewReports: number;
  /** A share is projected only from this many reports. */
  readonly projectionMinReports: number;
}

export const DEFAULT_RELEASE_POLICY: ReleasePolicy = {
  minReports: 10,
  minCount: 5,
  openDayMinNewReports: 10,
  projectionMinReports: 30,
};

export interface ReleaseInput {
  /** Every counter: per municipality, day and metric. */
  readonly counts: Iterable<CountRow>;
  /** The earliest day in `counts`; without it, `counts` is read twice to find it. */
  readonly firstDay?: string | undefined;
  readonly pack: AreaPack;
  /** The time of the release (epoch ms): the open day is its date in `timeZone`. */
  readonly now: number;
  readonly timeZone: string;
  readonly policy?: ReleasePolicy;
  /** The last snapshot released with the same pack and policy, for the open-day rule. */
  readonly previous?: ReleasedSnapshot;
  /**
   * Weeks (ISO labels) whose days and week the store holds as frozen released values only
   * (retention.ts): their rows in `counts` are read back as published cells, never as counts.
   */
  readonly frozenWeeks?: ReadonlySet<string>;
  /**
   * Incremental release: `counts` holds only the counters of days on or after this Monday
   * (dates only, no week labels), and `previous` holds every earlier period as final. Those
   * periods (closed days, complete weeks, frozen weeks alike) are copied from `previous`, not
   * recomputed; the days from `since` on and their weeks are computed as in a full release.
   * Choose it with `incrementalSince`; a `since` it would not give throws.
   */
  readonly since?: string;
}

/** How addCounts reads the rows of a period. */
const RAW = 0;
const FROZEN = 1;
const SKIP = 2;
/** A final period copied from the previous snapshot (an incremental release). */
const REUSED = 3;
/** The status of a frozen cell without a row, until decodeFrozen settles it. */
const UNSET = 255;

/**
 * How each period's rows are read: a complete frozen week's days and the week itself hold
 * frozen cells; the days of a frozen week that is not complete in this snapshot (only after
 * the clock went back) are read neither way, so they publish nothing; every other day holds
 * counters.
 */
function periodModes(start: number, days: number, weeks: number, frozenWeeks: ReadonlySet<string>): Uint8Array {
  const mode = new Uint8Array(days + weeks);
  for (let w = 0; 7 * w < days; w++) {
    if (!frozenWeeks.has(isoWeek(start + 7 * w))) continue;
    const frozen = w < weeks ? FROZEN : SKIP;
    mode.fill(frozen, 7 * w, Math.min(7 * w + 7, days));
    if (w < weeks) mode[days + w] = FROZEN;
  }
  return mode;
}

/**
 * Adds the counters to the municipality cells of each day; counters after the open day, or for
 * areas and metrics the pack and questionnaire do not know, cannot be published and are skipped.
 * Rows of frozen periods set their cell (any area level) to the published value or marker.
 */
function addCounts(
  L: TableLayout,
  pack: AreaPack,
  counts: Iterable<CountRow>,
  start: number,
  days: number,
  mode: Uint8Array,
  weekIndex: ReadonlyMap<string, number>,
  value: Int32Array,
  status: Uint8Array,
): void {
  const K = L.metrics;
  const municipalityIndex = new Map(pack.municipalities.map((m, i) => [m.code, L.regions + 1 + i]));
  const areaIndex = new Map([[pack.country.code, 0], ...pack.regions.map((r, i) => [r.code, i + 1] as const), ...municipalityIndex]);
  const metricIndex = new Map(METRICS.map((m, i) => [m.name, i]));
  // The store returns rows ordered by day and area, so most rows reuse the last look-ups.
  let lastDay = '';
  let periodBase = -1;
  let frozen = false;
  let lastArea = '';
  let area = -1;
  for (const row of counts) {
    if (row.day !== lastDay) {
      lastDay = row.day;
      let p: number;
      let m: number;
      if (WEEK_LABEL.test(row.day)) {
        p = weekIndex.get(row.day) ?? -1;
        m = p >= 0 ? FROZEN : SKIP;
      } else {
        p = epochDay(row.day) - start;
        m = p >= 0 && p < days ? mode[p]! : SKIP;
      }
      frozen = m === FROZEN;
      periodBase = m === RAW || m === FROZEN ? p * L.areas * K : -1;
      lastArea = '';
    }
    if (row.area !== lastArea) {
      lastArea = row.area;
      area = (frozen ? areaIndex : municipalityIndex).get(row.area) ?? -1;
    }
    const k = metricIndex.get(row.metric);
    if (periodBase < 0 || area < 0 || k === undefined) continue;
    const c = periodBase + area * K + k;
    if (!frozen) value[c]! += row.n;
    else if (row.n >= 0) {
      value[c] = row.n;
      status[c] = PUBLISHED;
    } else status[c] = row.n === FROZEN_SUPPRESSED ? SUPPRESSED : WITHHELD;
  }
}

/**
 * The cells of frozen periods that have no row: a published zero where the area-period was
 * published (its reports cell has a row); where it was not, the whole area-period is withheld.
 */
function decodeFrozen(L: TableLayout, mode: Uint8Array, status: Uint8Array): void {
  const K = L.metrics;
  for (let p = 0; p < mode.length; p++) {
    if (mode[p] !== FROZEN) continue;
    for (let a = 0; a < L.areas; a++) {
      const base = (p * L.areas + a) * K;
      const reports = status[base + L.reports];
      if (reports === PUBLISHED || reports === SUPPRESSED) {
        for (let c = base; c < base + K; c++) if (status[c] === UNSET) status[c] = PUBLISHED;
      } else status.fill(WITHHELD, base, base + K);
    }
  }
}

/**
 * How many leading days (a whole number of weeks) an incremental release copies from
 * `previous`: the days before `since`, which must be a Monday no later than the Monday of the
 * previous open day's week, in a snapshot that starts on the same day. Throws otherwise: the
 * counters before `since` are not in the input, so nothing else could be released.
 */
function reusablePeriods(since: string, start: number, openDay: string, previous: ReleasedSnapshot | undefined): number {
  const reused = epochDay(since) - start;
  if (
    !previous ||
    epochDay(previous.days[0]!) !== start ||
    previous.openDay > openDay ||
    reused < 0 ||
    reused % 7 !== 0 ||
    reused > epochDay(previous.openDay) - start
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
 * `previous`, so their cells are final (a closed day's depend on its own counts only; a week
 * is published once, after its days). From that Monday on, days are recomputed from their
 * full counts: the previous open day, if it has closed since, and the open week's days, whose
 * unpublished counts the week's relation to its days needs once it completes. A full read is
 * needed when the previous snapshot was released under another pack, policy or time zone,
 * starts on another week, is from a later day (the clock went back), or when a frozen week
 * lies in the days to recompute (their week rows are not read incrementally).
 */
export function incrementalSince(previous: ReleasedSnapshot | undefined, o: IncrementalOptions): string | undefined {
  if (!previous || previous.timeZone !== o.timeZone) return undefined;
  const p = previous.policy;
  const q = o.policy;
  if (p.minReports !== q.minReports || p.minCount !== q.minCount || p.openDayMinNewReports !== q.openDayMinNewReports || p.projectionMinReports !== q.projectionMinReports) {
    return undefined;
  }
  const areas = snapshotAreas(o.pack);
  if (areas.length !== previous.areas.length || areas.some((a, i) => a.code !== previous.areas[i]!.code)) return undefined;
  if (METRICS.length !== previous.metrics.length || METRICS.some((m, i) => m.name !== previous.metrics[i])) return undefined;
  const openDay = dayIn(o.timeZone, o.now);
  if (openDay < previous.openDay) return undefined;
  const first = o.firstDay !== undefined && o.firstDay < openDay ? o.firstDay : openDay;
  if (isoDate(mondayOf(epochDay(first))) !== previous.days[0]) return undefined;
  const since = mondayOf(epochDay(previous.openDay));
  for (const week of o.frozenWeeks) {
    const w = previous.weeks.indexOf(week);
    if (w < 0 || epochDay(previous.days[7 * w]!) >= since) return undefined;
  }
  return isoDate(since);
}

/** Regions and the country are the sums of the municipalities (of the regions: the same). */
function sumUp(L: TableLayout, day: Int32Array): void {
  const K = L.metrics;
  for (let a = L.areas - 1; a > 0; a--) {
    const from = a * K;
    const to = L.parent[a]! * K;
    for (let k = 0; k < K; k++) day[to + k]! += day[from + k]!;
  }
}

function snapshotAreas(pack: AreaPack): SnapshotArea[] {
  const regionPopulation = new Map<string, number>();
  for (const m of pack.municipalities) regionPopulation.set(m.region, (regionPopulation.get(m.region) ?? 0) + m.population);
  return [
    { code: pack.country.code, name: pack.country.name, level: 'country', population: pack.population },
    ...pack.regions.map((r) => ({ code: r.code, name: r.name, level: 'region' as const, population: regionPopulation.get(r.code) ?? 0 })),
    ...pack.municipalities.map((m) => ({ code: m.code, name: m.name, level: 'municipality' as const, population: m.population })),
  ];
}

/**
 * The open day's table, which holds today's raw counts on entry: each region's counts become
 * those of its last update (now, if at least openDayMinNewReports new reports arrived there
 * since the previous release's basis), the country their sum; regions that did not update keep
 * their previous cells exactly, and so does the country when none did.
 */
function releaseOpenDay(
  L: TableLayout,
  today: Table,
  openDay: string,
  policy: ReleasePolicy,
  work: Worklist,
  previous: ReleasedSnapshot | undefined,
): OpenDayBasis {
  const K = L.metrics;
  const R = L.regions;
  const before = previous?.openDayBasis.day === openDay ? previous : undefined;
  const basis = new Int32Array(R * K);
  const kept = new Uint8Array(R + 1);
  for (let r = 1; r <= R; r++) {
    const current = today.value.subarray(r * K, (r + 1) * K);
    const last = before?.openDayBasis.counts.subarray((r - 1) * K, r * K);
    if (current[L.reports]! - (last?.[L.reports] ?? 0) >= policy.openDayMinNewReports) basis.set(current, (r - 1) * K);
    else if (last) {
      basis.set(last, (r - 1) * K);
      kept[r] = 1;
    }
  }
  today.value.fill(0);
  for (let r = 1; r <= R; r++) {
    today.value.set(basis.subarray((r - 1) * K, r * K), r * K);
    for (let k = 0; k < K; k++) today.value[k]! += basis[(r - 1) * K + k]!;
  }
  today.status.fill(WITHHELD, (R + 1) * K);
  classify(L, today, policy);
  if (before) {
    const nothingNew = kept.every((k, r) => r === 0 || k === 1);
    const from = (before.days.length - 1) * L.areas * K;
    for (let a = nothingNew ? 0 : 1; a <= R; a++) {
      if (a === 0 || kept[a] === 1) today.status.set(before.status.subarray(from + a * K, from + (a + 1) * K), a * K);
    }
  }
  markKnownZeros(L, today);
  pinOpenDay(L, today, kept);
  protect(L, today, work, policy.minCount);
  return { day: openDay, counts: basis };
}

/**
 * Releases the counters as a snapshot in which every published number passes the release
 * policy (invariant I4).
 *
 * Periods: every day from the Monday of the first counted week to the open day (today in the
 * time zone), and every complete week. A week is published only once all its days have closed,
 * so the open day and the open week are never both out to be differenced. Each closed day's
 * table depends on that day's counts alone, so its published cells never change afterwards; a
 * week, published later than its days, protects its relation to them by suppressing week cells
 * only.
 *
 * The open day has country and region rows only. A region's open-day numbers are its counts as
 * of its last update, which happens when at least openDayMinNewReports new reports arrived
 * there; the country's are the sum of those regions' numbers, so country minus regions never
 * shows fewer new reports than that. A region that did not update keeps exactly its previous
 * cells, markers included, and complementary suppression works around them.
 *
 * Frozen periods (`frozenWeeks`, see retention.ts): the days and the week of a frozen week
 * are read from the rows retention wrote, which hold exactly their published values and
 * markers, for every area level; they are not recomputed, suppressed again or summed up,
 * and no other period's relation reaches into them, so the rest of the release is unchanged.
 */
export function release(input: ReleaseInput): ReleasedSnapshot {
  const { counts, pack, now, timeZone, previous } = input;
  const policy = input.policy ?? DEFAULT_RELEASE_POLICY;
  const L = tableLayout(pack);
  const K = L.metrics;
  const cells = L.areas * K;

  const openDay = dayIn(timeZone, now);
  let first = input.firstDay !== undefined && input.firstDay < openDay ? input.firstDay : openDay;
  if (!('firstDay' in input)) for (const row of counts) if (row.day < first && !WEEK_LABEL.test(row.day)) first = row.day;
  const start = mondayOf(epochDay(first));
  const days = epochDay(openDay) - start + 1;
  const weeks = Math.floor((days - 1) / 7);

  const value = new Int32Array((days + weeks) * cells);
  const status = new Uint8Array(value.length);
  const known = new Uint8Array(value.length);
  const unpinned = new Uint8Array(cells);
  const pinned = new Uint8Array(cells);
  const table = (p: number, pins: Uint8Array, municipalities = true): Table => ({
    value: value.subarray(p * cells, (p + 1) * cells),
    status: status.subarray(p * cells, (p + 1) * cells),
    known: known.subarray(p * cells, (p + 1) * cells),
    pinned: pins,
    municipalities,
  });

  const mode = periodModes(start, days, weeks, input.frozenWeeks ?? new Set());
  // Incremental: the days before `since` and their weeks are final; copy them.
  const reusedDays = input.since === undefined ? 0 : reusablePeriods(input.since, start, openDay, previous);
  const reusedWeeks = reusedDays / 7;
  if (previous && reusedDays > 0) {
    const previousDays = previous.days.length;
    value.set(previous.value.subarray(0, reusedDays * cells));
    status.set(previous.status.subarray(0, reusedDays * cells));
    value.set(previous.value.subarray(previousDays * cells, (previousDays + reusedWeeks) * cells), days * cells);
    status.set(previous.status.subarray(previousDays * cells, (previousDays + reusedWeeks) * cells), days * cells);
    mode.fill(REUSED, 0, reusedDays);
    mode.fill(REUSED, days, days + reusedWeeks);
  }
  const weekIndex = new Map<string, number>();
  for (let w = 0; w < weeks; w++) if (mode[days + w] === FROZEN) weekIndex.set(isoWeek(start + 7 * w), days + w);
  for (let p = 0; p < mode.length; p++) if (mode[p] === FROZEN) status.fill(UNSET, p * cells, (p + 1) * cells);
  addCounts(L, pack, counts, start, days, mode, weekIndex, value, status);
  decodeFrozen(L, mode, status);
  for (let d = 0; d < days; d++) if (mode[d] === RAW) sumUp(L, value.subarray(d * cells, (d + 1) * cells));
  for (let w = 0; w < weeks; w++) {
    if (mode[days + w] !== RAW) continue;
    const week = value.subarray((days + w) * cells, (days + w + 1) * cells);
    for (let d = 7 * w; d < 7 * w + 7; d++) {
      const day = value.subarray(d * cells, (d + 1) * cells);
      for (let c = 0; c < cells; c++) week[c]! += day[c]!;
    }
  }

  const work = worklist(L);
  const closed: Table[] = [];
  for (let d = 0; d < days - 1; d++) {
    const t = table(d, unpinned);
    closed.push(t);
    // A frozen day's cells are final; a skipped day's are all withheld.
    if (mode[d] === SKIP) t.status.fill(WITHHELD);
    if (mode[d] !== RAW) continue;
    classify(L, t, policy);
    markKnownZeros(L, t);
    protect(L, t, work, policy.minCount);
  }

  const unknown = new Uint8Array(cells);
  const unknownSum = new Int32Array(cells);
  for (let w = 0; w < weeks; w++) {
    if (mode[days + w] !== RAW) continue;
    pinned.fill(0);
    const t = table(days + w, pinned);
    classify(L, t, policy);
    relateWeekToDays(t, closed.slice(7 * w, 7 * w + 7), unknown, unknownSum);
    protect(L, t, work, policy.minCount);
  }

  const openDayBasis = releaseOpenDay(L, table(days - 1, pinned.fill(0), false), openDay, policy, work, previous);

  // Copied periods hold published values only already.
  for (let c = reusedDays * cells; c < days * cells; c++) if (status[c] !== PUBLISHED) value[c] = 0;
  for (let c = (days + reusedWeeks) * cells; c < value.length; c++) if (status[c] !== PUBLISHED) value[c] = 0;

  const areas = snapshotAreas(pack);
  const metrics = METRICS.map((m) => m.name);
  const dayLabels = Array.from({ length: days }, (_, d) => isoDate(start + d));
  return {
    time: now,
    timeZone,
    policy,
    openDay,
    days: dayLabels,
    weeks: Array.from({ length: weeks }, (_, w) => isoWeek(start + 7 * w)),
    areas,
    areaIndex: new Map(areas.map((a, i) => [a.code, i])),
    metrics,
    metricIndex: new Map(metrics.map((m, i) => [m, i])),
    standardPopulation: AGE_BANDS.map((band) => pack.populationByAgeBand[band]),
    value,
    status,
    openDayBasis,
  };
}
