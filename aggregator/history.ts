import type { AreaPack } from './areas/index.js';
import { NO_VALUE } from './area-day.js';
import { METRIC_INDEX, REPORTS } from './metrics.js';
import { cataloguePositions, type GeoType, PUBLISHED_TABLES, tableIndex, type TableSpec } from './publication.js';
import { snapshotAreas } from './release.js';
import { FROZEN_WITHHELD, WEEK_LABEL } from './retention.js';
import { BELOW_MINIMUM, NOT_YET_PUBLISHED, PUBLISHED, type ReleasedSnapshot } from './snapshot.js';
import type { PublishedArea, PublishedRow } from './store.js';

/**
 * The publication history: each published table's periods as every release published them, so
 * what was public at any past moment can be served again (`as_of`, `issues`, `lag` of the Epidata
 * endpoint). It holds published values only, the snapshot's own cells, never a count.
 *
 * A period of a table (a day or a week of one area level) gets a new version whenever a release
 * publishes it differently: the open day at each of its publication times (and after a restart
 * that redraws it), a day or week when first published. A closed period never changes, so it is
 * recorded once. Stored are only the cells that differ from the version before (for a first
 * version, from all zeros); an area-period below the minimum is stored as one row, its `reports`
 * marked FROZEN_WITHHELD, as retention stores it.
 */

/** A period of one table as published from one release on. */
export interface PeriodVersion {
  /** The release that published it (epoch ms): its issue. */
  readonly issued: number;
  /** Published values, area by area (the table's areas × its metrics), as in the snapshot. */
  readonly value: Int32Array;
  readonly status: Uint8Array;
  /** For each cell, the release from which its value stands as here: the issue of that cell. */
  readonly since: Float64Array;
}

/** A published table's layout: its areas and metrics in the snapshot's order. */
export interface TableShape {
  readonly spec: TableSpec;
  readonly areas: readonly string[];
  readonly metrics: readonly string[];
  readonly areaIndex: ReadonlyMap<string, number>;
  readonly metricIndex: ReadonlyMap<string, number>;
  /** For each of `metrics`, its position in the metric catalogue. */
  readonly catalogue: readonly number[];
}

export interface HistoryChanges {
  /** What to store: the cells that differ from the history's last version of their period. */
  readonly rows: readonly PublishedRow[];
  readonly versions: readonly { readonly table: number; readonly period: string; readonly version: PeriodVersion }[];
}

export interface PublicationHistory {
  /** The published tables, in the order of PUBLISHED_TABLES. */
  readonly tables: readonly TableShape[];
  /** Every version of a period of a table, oldest first. */
  versions(table: number, period: string): readonly PeriodVersion[];
  /** The version that was public at `instant`: the last one issued at or before it. */
  at(table: number, period: string, instant: number): PeriodVersion | undefined;
  /** What a snapshot publishes that the history does not hold yet; nothing changes until `commit`. */
  changes(s: ReleasedSnapshot): HistoryChanges;
  /** Adds the versions of `changes`, once its rows are stored. */
  commit(changes: HistoryChanges): void;
}

/** Where a stored row holds its reports: a withheld area-period is marked there. */
const REPORTS_AT = METRIC_INDEX.get(REPORTS)!;

function shapes(pack: AreaPack): TableShape[] {
  const all = snapshotAreas(pack);
  return PUBLISHED_TABLES.map((spec) => {
    const areas = all.filter((a) => a.level === spec.level).map((a) => a.code);
    return {
      spec,
      areas,
      metrics: spec.metrics,
      areaIndex: new Map(areas.map((a, i) => [a, i])),
      metricIndex: new Map(spec.metrics.map((m, i) => [m, i])),
      catalogue: cataloguePositions(spec),
    };
  });
}

function emptyVersion(issued: number, cells: number): { issued: number; value: Int32Array; status: Uint8Array; since: Float64Array } {
  return { issued, value: new Int32Array(cells), status: new Uint8Array(cells).fill(PUBLISHED), since: new Float64Array(cells).fill(issued) };
}

/** A copy of `from` (or all published zeros) to be changed into the version issued at `issued`. */
function nextVersion(from: PeriodVersion | undefined, issued: number, cells: number) {
  if (!from) return emptyVersion(issued, cells);
  return { issued, value: from.value.slice(), status: from.status.slice(), since: from.since.slice() };
}

/** The history of a pack's tables, holding the stored rows (in the order the store gives them). */
export function createHistory(pack: AreaPack, stored: Iterable<PublishedArea> = []): PublicationHistory {
  const tables = shapes(pack);
  const byTable = tables.map(() => new Map<string, PeriodVersion[]>());
  const levelOf = new Map<string, GeoType>();
  tables.forEach((t) => t.areas.forEach((a) => levelOf.set(a, t.spec.level)));
  let lastIssued = Number.NEGATIVE_INFINITY;

  const versions = (table: number, period: string) => byTable[table]!.get(period) ?? [];
  const add = (table: number, period: string, version: PeriodVersion) => {
    const list = byTable[table]!.get(period);
    if (list) list.push(version);
    else byTable[table]!.set(period, [version]);
    lastIssued = Math.max(lastIssued, version.issued);
  };

  // Replays the stored rows: one release's rows of a period change its version before.
  let pending = new Map<string, { table: number; period: string; version: PeriodVersion }>();
  const flush = () => {
    for (const p of pending.values()) add(p.table, p.period, p.version);
    pending = new Map();
  };
  let issuedNow = Number.NaN;
  for (const row of stored) {
    if (row.issued !== issuedNow) {
      flush();
      issuedNow = row.issued;
    }
    const level = levelOf.get(row.area);
    const table = level === undefined ? -1 : tableIndex(level, WEEK_LABEL.test(row.period) ? 'week' : 'day');
    const shape = tables[table];
    // Rows of areas this pack does not publish cannot be served, nor metrics of other tables.
    if (!shape) continue;
    const width = shape.metrics.length;
    const key = `${table} ${row.period}`;
    let p = pending.get(key);
    if (!p) {
      p = { table, period: row.period, version: nextVersion(versions(table, row.period).at(-1), row.issued, shape.areas.length * width) };
      pending.set(key, p);
    }
    const { value, status, since } = p.version;
    const base = shape.areaIndex.get(row.area)! * width;
    if (row.values[REPORTS_AT] === FROZEN_WITHHELD) {
      value.fill(0, base, base + width);
      status.fill(BELOW_MINIMUM, base, base + width);
      since.fill(row.issued, base, base + width);
      continue;
    }
    for (let i = 0; i < width; i++) {
      const v = row.values[shape.catalogue[i]!]!;
      if (v === NO_VALUE) continue;
      if (v < 0) throw new Error(`the publication history holds ${v} for ${row.period} ${row.area} ${shape.metrics[i]}`);
      value[base + i] = v;
      status[base + i] = PUBLISHED;
      since[base + i] = row.issued;
    }
  }
  flush();

  return {
    tables,
    versions,
    at(table, period, instant) {
      const list = versions(table, period);
      for (let i = list.length - 1; i >= 0; i--) if (list[i]!.issued <= instant) return list[i];
      return undefined;
    },
    changes(s) {
      // Issues only increase, so a release in the same millisecond as the last still comes after it.
      const issued = Math.max(s.time, lastIssued + 1);
      const rows: PublishedRow[] = [];
      const changed: { table: number; period: string; version: PeriodVersion }[] = [];
      s.tables.forEach((t, table) => {
        const shape = tables[table]!;
        if (t.spec !== shape.spec || t.areaCount !== shape.areas.length) throw new Error('the snapshot was released for another area pack');
        const width = shape.metrics.length;
        const cells = t.areaCount * width;
        const reports = shape.metricIndex.get(REPORTS)!;
        const labels = t.spec.period === 'day' ? s.days : s.weeks;
        for (let p = 0; p < t.periods; p++) {
          const at = p * cells;
          if (t.status[at] === NOT_YET_PUBLISHED) continue;
          const period = labels[p]!;
          const last = versions(table, period).at(-1);
          const differs = (c: number) =>
            last ? last.value[c] !== t.value[at + c] || last.status[c] !== t.status[at + c] : t.value[at + c] !== 0 || t.status[at + c] !== PUBLISHED;
          let any = false;
          for (let c = 0; c < cells && !any; c++) any = differs(c);
          if (!any && last) continue;
          const version = nextVersion(last, issued, cells);
          for (let a = 0; a < t.areaCount; a++) {
            const base = a * width;
            const withheld = t.status[at + base + reports] === BELOW_MINIMUM;
            if (withheld && last?.status[base + reports] !== BELOW_MINIMUM) {
              rows.push({ issued, period, area: shape.areas[a]!, metric: REPORTS, value: FROZEN_WITHHELD });
            }
            for (let i = 0; i < width; i++) {
              const c = base + i;
              if (!differs(c)) continue;
              version.value[c] = t.value[at + c]!;
              version.status[c] = t.status[at + c]!;
              version.since[c] = issued;
              if (!withheld) rows.push({ issued, period, area: shape.areas[a]!, metric: shape.metrics[i]!, value: t.value[at + c]! });
            }
          }
          changed.push({ table, period, version });
        }
      });
      return { rows, versions: changed };
    },
    commit(changes) {
      for (const { table, period, version } of changes.versions) add(table, period, version);
    },
  };
}
