import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One earlier run, as the results table of recent runs shows it. */
export interface RecentRun {
  date: string;
  commit: string;
  /** The service over bare Hono by connection count: the median of the interleaved rounds where the run had them. */
  ratios: { connections: number; vsBareHono: number }[];
  /** Targets met out of those measured. */
  met: number;
  measured: number;
}

/** How many runs the table of recent runs shows, the newest last. */
const RECENT = 5;

interface StoredRun {
  machine: { date: string; commit: string };
  ingest: { ratios: { connections: number; vsBareHono: number }[] };
  rounds?: { points: { connections: number; vsBareHono: { median: number } }[] };
  targets: { status: string }[];
}

/** The last runs recorded in `resultsDir` (bench/results/*.json), oldest first. */
export function recentRuns(resultsDir: string): RecentRun[] {
  const runs = readdirSync(resultsDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as StoredRun)
    .sort((a, b) => a.machine.date.localeCompare(b.machine.date));
  return runs.slice(-RECENT).map((r) => ({
    date: r.machine.date,
    commit: r.machine.commit,
    ratios: r.rounds ? r.rounds.points.map((p) => ({ connections: p.connections, vsBareHono: p.vsBareHono.median })) : r.ingest.ratios,
    met: r.targets.filter((t) => t.status === 'met').length,
    measured: r.targets.filter((t) => t.status !== 'not measured').length,
  }));
}
