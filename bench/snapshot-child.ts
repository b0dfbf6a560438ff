import { cellKeys, SECRET_BYTES } from '../aggregator/cell-key.js';
import { statSync } from 'node:fs';
import { buildAreaPack } from '../aggregator/areas/pack.js';
import { si } from '../aggregator/areas/si.js';
import { release } from '../aggregator/release.js';
import { openCountsStore } from '../aggregator/store.js';
import { reportBodies } from './bodies.js';
import { processMemory } from './proc.js';
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
  /** release() over them: suppression, sums, projection. The first run in the process has a cold JIT. */
  release: { firstMs: number; bestMs: number };
  /** Peak RSS of the process: the counters read into memory plus the release's tables. */
  peakRssBytes: number;
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
    if (store) store.add(generated);
    store?.truncateWal();
    const released: number[] = [];
    for (let i = 0; i <= REPEATS; i++) {
      // From the store, the counters stream into the release: the time includes the read.
      const started = performance.now();
      if (store) release({ counts: store.rows(), firstDay: store.firstDay(), pack, now: NOW, timeZone: TIME_ZONE, keys });
      else release({ counts: generated, pack, now: NOW, timeZone: TIME_ZONE, keys });
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
      peakRssBytes: processMemory(process.pid).peakRss,
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
