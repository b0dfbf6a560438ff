import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAreaPack } from '../aggregator/areas/pack.js';
import { si } from '../aggregator/areas/index.js';
import { reportBodies } from './bodies.js';
import { checkCounters, type CounterCheck } from './counters.js';
import { SERVICE_MAIN, WARMUP_CONNECTIONS, WARMUP_REQUESTS } from './ingest.js';
import type { LoadGenerator } from './load-client.js';
import { describe, log } from './log.js';
import { type MeasuredRun, measured, preflight } from './measure.js';
import { REPORTS_PATH } from './servers/answer.js';
import { withServer } from './server-process.js';
import { ingestCoreEnv } from './service-env.js';
import type { SnapshotCase, SnapshotReply, SnapshotTiming } from './snapshot-child.js';
import { syntheticPack } from './synthetic-pack.js';

const SNAPSHOT_CHILD = fileURLToPath(new URL('./snapshot-child.js', import.meta.url));
/** National reports a day in the synthetic counters: about 0.5 % of Slovenia reporting daily. */
export const REPORTS_PER_DAY = 10_000;
export const SYNTHETIC_MUNICIPALITIES = 2000;
const CONNECTIONS = 50;

/**
 * The snapshot cases. A year of a 2,000-municipality pack (about 20 million counter rows)
 * is left out: it needs gigabytes and minutes. Reading from SQLite is timed where the file
 * takes seconds to write; the other cases run release() on counters held in memory.
 */
const CASES: Omit<SnapshotCase, 'databasePath'>[] = [
  { municipalities: 0, days: 1, reportsPerDay: REPORTS_PER_DAY },
  { municipalities: 0, days: 30, reportsPerDay: REPORTS_PER_DAY },
  { municipalities: 0, days: 365, reportsPerDay: REPORTS_PER_DAY },
  { municipalities: SYNTHETIC_MUNICIPALITIES, days: 1, reportsPerDay: REPORTS_PER_DAY },
  { municipalities: SYNTHETIC_MUNICIPALITIES, days: 30, reportsPerDay: REPORTS_PER_DAY },
];
const READ_FROM_SQLITE_UP_TO_DAYS = 30;

export type SnapshotOutcome = { ok: true; timing: SnapshotTiming } | { ok: false; case: SnapshotCase; error: string };

export interface PackIngest {
  municipalities: number;
  warmup: MeasuredRun;
  saturation: MeasuredRun;
  counters: CounterCheck;
}

export interface GrowthResult {
  reportsPerDay: number;
  snapshots: SnapshotOutcome[];
  /** Ingest saturation at 50 connections with the Slovenian pack and the synthetic one, back to back. */
  ingest: PackIngest[];
  /** Saturation with 2,000 municipalities over saturation with 212. */
  ingestRatio: number;
}

/** One case in a fresh process, so its memory and JIT start clean. */
function snapshotCase(c: SnapshotCase): Promise<SnapshotOutcome> {
  return new Promise((resolve) => {
    const child = fork(SNAPSHOT_CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: SnapshotReply | undefined;
    child.once('message', (message: SnapshotReply) => (reply = message));
    child.once('exit', (code) => {
      if (reply?.ok) resolve({ ok: true, timing: reply.timing });
      else resolve({ ok: false, case: c, error: reply && !reply.ok ? reply.error : `exited with ${code}` });
    });
    child.send(c);
  });
}

async function packIngest(load: LoadGenerator, seconds: number, dir: string, municipalities: number): Promise<PackIngest> {
  const synthetic = municipalities !== si.municipalities.length;
  const input = synthetic ? syntheticPack(si, municipalities) : si;
  const packPath = join(dir, `pack-${municipalities}.json`);
  if (synthetic) writeFileSync(packPath, JSON.stringify(input));
  const bodies = reportBodies(buildAreaPack(input));
  const requests = bodies.map((body) => ({ body }));
  const databasePath = join(dir, `growth-${municipalities}.db`);
  const env = ingestCoreEnv(databasePath, synthetic ? { AREA_PACK: packPath } : {});
  const { value } = await withServer({ name: `service-${municipalities}`, script: SERVICE_MAIN, env, dir }, async (server) => {
    const url = server.url;
    const path = REPORTS_PATH;
    await preflight(server, bodies[0]!);
    const warmup = await measured(server, load, { url, path, connections: WARMUP_CONNECTIONS, amount: WARMUP_REQUESTS, requests }, true);
    const amount = Math.round(warmup.requestsPerSecond * seconds);
    const saturation = await measured(server, load, { url, path, connections: CONNECTIONS, amount, requests }, true);
    log(`  ${municipalities} municipalities, ${CONNECTIONS} conn, saturation: ${describe(saturation)}`);
    return { warmup, saturation };
  });
  const runs = [value.warmup, value.saturation];
  const acknowledged = 1 + runs.reduce((n, r) => n + (r.statusCounts['201'] ?? 0), 0);
  const counters = checkCounters(databasePath, acknowledged, runs.reduce((n, r) => n + r.unanswered, 0));
  return { municipalities, ...value, counters };
}

/** How costs grow with days and municipalities: the snapshot, and ingest with a larger pack. */
export async function runGrowth(load: LoadGenerator, seconds: number, dir: string): Promise<GrowthResult> {
  log('growth: snapshots');
  const snapshots: SnapshotOutcome[] = [];
  for (const [i, c] of CASES.entries()) {
    const readFromStore = c.municipalities === 0 && c.days <= READ_FROM_SQLITE_UP_TO_DAYS;
    const outcome = await snapshotCase({ ...c, ...(readFromStore ? { databasePath: join(dir, `snapshot-${i}.db`) } : {}) });
    const label = `${c.municipalities || si.municipalities.length} municipalities × ${c.days} days`;
    log(outcome.ok ? `  ${label}: release ${Math.round(outcome.timing.release.bestMs)} ms` : `  ${label}: ${outcome.error}`);
    snapshots.push(outcome);
  }
  log('growth: ingest by pack size');
  const ingest = [
    await packIngest(load, seconds, dir, si.municipalities.length),
    await packIngest(load, seconds, dir, SYNTHETIC_MUNICIPALITIES),
  ];
  return {
    reportsPerDay: REPORTS_PER_DAY,
    snapshots,
    ingest,
    ingestRatio: ingest[1]!.saturation.requestsPerSecond / ingest[0]!.saturation.requestsPerSecond,
  };
}
