import { cellKeys, SECRET_BYTES } from '../aggregator/cell-key.js';
import { statSync } from 'node:fs';
import { buildAreaPack } from '../aggregator/areas/pack.js';
import { isoWeek, mondayOf, epochDay } from '../aggregator/calendar.js';
import { type AreaPack, si } from '../aggregator/areas/index.js';
import type { GeoType, TimeType } from '../aggregator/publication.js';
import { release } from '../aggregator/release.js';
import { rows } from '../aggregator/released-rows.js';
import type { ReleasedSnapshot } from '../aggregator/snapshot.js';
import { areaDaysOf, type CountRow } from '../aggregator/area-day.js';
import { openCountsStore } from '../aggregator/store.js';
import { reportBodies } from './bodies.js';
import { syntheticCounts } from './synthetic-counts.js';
import { syntheticPack } from './synthetic-pack.js';

/** Asked of a fresh process (bench/growth.ts), so each case's memory and JIT start clean. */
export interface SnapshotCase {
  /** 0: the built-in Slovenian pack; otherwise a synthetic pack of this many municipalities. */
  municipalities: number;
  days: number;
  reportsPerDay: number;
  /**
   * A fresh SQLite file the counters are written to first and read back from, as the service
   * holds them; absent: release() runs on counters generated in memory.
   */
  databasePath?: string;
}

export interface SnapshotTiming extends Omit<SnapshotCase, 'databasePath'> {
  areas: number;
  counterRows: number;
  /** Reading every counter from SQLite (CountsStore.rows); absent when generated in memory. */
  /** Set when the counters streamed from a SQLite file of this size into the release. */
  databaseBytes?: number;
  /** release() over them: sums, cell keys, perturbation. The first run in the process has a cold JIT. */
  release: { firstMs: number; bestMs: number };
  /** Peak RSS of the process: the counters read into memory plus the release's tables. */
  peakRssBytes: number;
  /** How far the published counts are from the true ones, per published table (cases of up to ACCURACY_DAYS days). */
  accuracy?: Accuracy[];
}

export interface Accuracy {
  level: GeoType;
  period: TimeType;
  /** Published cells compared (today's provisional ones left out). */
  cells: number;
  /** Mean of |published − true|. */
  meanAbsoluteDeviation: number;
  /** Mean of published − true: the bias. */
  meanDeviation: number;
  /** The largest |published − true| seen. */
  maxDeviation: number;
}

/** Accuracy is measured for cases up to this many days: the true sums are kept by cell name. */
const ACCURACY_DAYS = 30;

/** Compares every published count with the true sum of the counters it stands for. */
function accuracy(s: ReleasedSnapshot, pack: AreaPack, counts: readonly CountRow[]): Accuracy[] {
  const truth = new Map<string, number>();
  const add = (key: string, n: number) => truth.set(key, (truth.get(key) ?? 0) + n);
  for (const c of counts) {
    const region = pack.municipalityByCode.get(c.area)!.region;
    const week = isoWeek(mondayOf(epochDay(c.day)));
    for (const [period, label] of [['day', c.day], ['week', week]] as const) {
      for (const area of [pack.country.code, region, c.area]) add(`${period} ${label} ${area} ${c.metric}`, c.n);
    }
  }
  const sums = new Map<string, Accuracy>();
  for (const r of rows(s)) {
    if (r.value === null || r.provisional) continue;
    const key = `${r.geo_type} ${r.time_type}`;
    const a = sums.get(key) ?? { level: r.geo_type, period: r.time_type, cells: 0, meanAbsoluteDeviation: 0, meanDeviation: 0, maxDeviation: 0 };
    const d = r.value - (truth.get(`${r.time_type} ${r.time_value} ${r.geo_value} ${r.metric}`) ?? 0);
    a.cells++;
    a.meanAbsoluteDeviation += Math.abs(d);
    a.meanDeviation += d;
    a.maxDeviation = Math.max(a.maxDeviation, Math.abs(d));
    sums.set(key, a);
  }
  return [...sums.values()].map((a) => ({ ...a, meanAbsoluteDeviation: a.meanAbsoluteDeviation / a.cells, meanDeviation: a.meanDeviation / a.cells }));
}

export type SnapshotReply = { ok: true; timing: SnapshotTiming } | { ok: false; error: string };

/** The open day: release() publishes every day up to the one `now` falls on. */
const NOW = Date.parse('2026-03-31T10:00:00Z');
const TIME_ZONE = 'Europe/Ljubljana';
const REPEATS = 2;

const keys = cellKeys(new Uint8Array(SECRET_BYTES).fill(1));

const timing = (times: number[]) => ({ firstMs: times[0]!, bestMs: Math.min(...times.slice(1)) });

function measure(c: SnapshotCase): SnapshotTiming {
  const pack = buildAreaPack(c.municipalities === 0 ? si : syntheticPack(si, c.municipalities));
  const generate = () => syntheticCounts(pack, reportBodies(pack, 1024), c.days, '2026-03-31', c.reportsPerDay);
  const store = c.databasePath ? openCountsStore({ path: c.databasePath, synchronous: 'NORMAL' }) : undefined;
  try {
    const generated = generate();
    // Packed by area-day, as the store gives them, outside the timing like the generation.
    const areaDays = areaDaysOf(generated);
    if (store) store.add(areaDays);
    store?.truncateWal();
    const released: number[] = [];
    let snapshot: ReleasedSnapshot | undefined;
    for (let i = 0; i <= REPEATS; i++) {
      // From the store, the counters stream into the release: the time includes the read.
      const started = performance.now();
      if (store) snapshot = release({ counts: store.rows(), firstDay: store.firstDay(), pack, now: NOW, timeZone: TIME_ZONE, keys });
      else snapshot = release({ counts: areaDays, pack, now: NOW, timeZone: TIME_ZONE, keys });
      released.push(performance.now() - started);
    }
    const counterRows = generated.length;
    return {
      municipalities: c.municipalities,
      days: c.days,
      reportsPerDay: c.reportsPerDay,
      areas: pack.municipalities.length,
      counterRows,
      ...(store ? { databaseBytes: statSync(c.databasePath!).size } : {}),
      release: timing(released),
      // maxRSS is in kilobytes.
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      ...(c.days <= ACCURACY_DAYS && snapshot ? { accuracy: accuracy(snapshot, pack, generated) } : {}),
    };
  } finally {
    store?.close();
  }
}

process.once('message', (c: SnapshotCase) => {
  let reply: SnapshotReply;
  try {
    reply = { ok: true, timing: measure(c) };
  } catch (error) {
    reply = { ok: false, error: String(error) };
  }
  process.send!(reply, () => process.disconnect());
});
