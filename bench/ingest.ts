import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCounters, type CounterCheck } from './counters.js';
import type { LoadGenerator } from './load-client.js';
import type { Options } from './options.js';
import { describe, log } from './log.js';
import { type MeasuredRun, measured, preflight } from './measure.js';
import { REPORTS_PATH } from './servers/answer.js';
import { type ServerProcess, withServer } from './server-process.js';
import { ingestCoreEnv } from './service-env.js';

export const SERVICE_MAIN = fileURLToPath(new URL('../server/main.bundle.js', import.meta.url));
/** The same build before bundling: under the profiler each function keeps its package's path, which the summary sorts by. */
export const SERVICE_MODULES = fileURLToPath(new URL('../server/main.js', import.meta.url));
export const BARE_HONO = fileURLToPath(new URL('./servers/bare-hono.js', import.meta.url));
export const BARE_HTTP = fileURLToPath(new URL('./servers/bare-http.js', import.meta.url));

/** Requests sent at 50 connections before anything is measured: JIT, caches, the database file. */
export const WARMUP_REQUESTS = 3000;
export const WARMUP_CONNECTIONS = 50;
export const RATE_FRACTIONS = [0.25, 0.5, 0.75] as const;

export type TargetName = 'service' | 'bare-hono' | 'bare-http';

export interface RatedRun {
  fraction: number;
  run: MeasuredRun;
}

export interface ConnectionPoint {
  connections: number;
  saturation: MeasuredRun;
  rated: RatedRun[];
}

export interface TargetResult {
  name: TargetName;
  description: string;
  warmup: MeasuredRun;
  points: ConnectionPoint[];
  /** Peak resident set size of the server over its runs (the largest of its samples every 100 ms). */
  peakRssBytes: number;
  exitCode: number | null;
}

export interface IngestResult {
  targets: TargetResult[];
  /** Saturation throughput of the service over each baseline's, per connection count. */
  ratios: { connections: number; vsBareHono: number; vsBareHttp: number }[];
  counters: CounterCheck;
}

const DESCRIPTIONS: Record<TargetName, string> = {
  service: 'the production build (dist/server/main.bundle.js) with its defaults: WAL, DB_SYNCHRONOUS=FULL (the WAL flushed before each answer), LOG_LEVEL=info',
  'bare-hono': 'Hono + @hono/node-server, parses the JSON body and answers 201 (bench/servers/bare-hono.ts)',
  'bare-http': 'node:http, reads and parses the JSON body and answers 201 (bench/servers/bare-http.ts)',
};

/** Drives one server through the warm-up, saturation and rated runs at every connection count. */
async function driveTarget(
  name: TargetName,
  server: ServerProcess,
  load: LoadGenerator,
  options: Options,
  firstBody: string,
): Promise<Omit<TargetResult, 'exitCode'>> {
  await preflight(server, firstBody);
  const url = server.url;
  const commits = name === 'service';
  const path = REPORTS_PATH;
  const warmup = await measured(server, load, { url, path, connections: WARMUP_CONNECTIONS, amount: WARMUP_REQUESTS }, commits);
  log(`  ${name} warm-up: ${describe(warmup)}`);
  let estimate = warmup.requestsPerSecond;
  const points: ConnectionPoint[] = [];
  for (const connections of options.connections) {
    const amount = Math.max(connections * 10, Math.round(estimate * options.seconds));
    const saturation = await measured(server, load, { url, path, connections, amount }, commits);
    log(`  ${name} ${connections} conn, saturation: ${describe(saturation)}`);
    estimate = saturation.requestsPerSecond;
    const rated: RatedRun[] = [];
    for (const fraction of RATE_FRACTIONS) {
      const rate = Math.max(1, Math.round(saturation.requestsPerSecond * fraction));
      const run = await measured(server, load, { url, path, connections, rate, seconds: options.seconds }, commits);
      log(`  ${name} ${connections} conn, ${fraction * 100}% (${rate} req/s): ${describe(run)}`);
      rated.push({ fraction, run });
    }
    points.push({ connections, saturation, rated });
  }
  return { name, description: DESCRIPTIONS[name], warmup, points, peakRssBytes: (await server.memory()).peakRss };
}

function allRuns(target: Pick<TargetResult, 'warmup' | 'points'>): MeasuredRun[] {
  return [target.warmup, ...target.points.flatMap((p) => [p.saturation, ...p.rated.map((r) => r.run)])];
}

/**
 * The ingest scenario: the two bare baselines and the service, one at a time, each in its
 * own process, driven by the load process with the same settings.
 */
export async function runIngest(load: LoadGenerator, options: Options, dir: string, firstBody: string): Promise<IngestResult> {
  const databasePath = join(dir, 'ingest.db');
  const specs: { name: TargetName; script: string; env: Record<string, string> }[] = [
    { name: 'bare-http', script: BARE_HTTP, env: {} },
    { name: 'bare-hono', script: BARE_HONO, env: {} },
    { name: 'service', script: SERVICE_MAIN, env: ingestCoreEnv(databasePath) },
  ];
  const targets: TargetResult[] = [];
  let counters: CounterCheck | undefined;
  for (const spec of specs) {
    log(`ingest: ${spec.name}`);
    const { value: driven, exitCode } = await withServer(
      { name: spec.name, script: spec.script, env: spec.env, dir },
      (server) => driveTarget(spec.name, server, load, options, firstBody),
    );
    targets.push({ ...driven, exitCode });
    if (spec.name === 'service') {
      const runs = allRuns(driven);
      const acknowledged = 1 + runs.reduce((n, r) => n + (r.statusCounts['201'] ?? 0), 0);
      const unanswered = runs.reduce((n, r) => n + r.unanswered, 0);
      counters = checkCounters(databasePath, acknowledged, unanswered);
      log(`  counters: ${counters.counted} counted, ${counters.acknowledged} acknowledged, ${unanswered} unanswered`);
    }
  }
  const byName = new Map(targets.map((t) => [t.name, t]));
  const rps = (name: TargetName, i: number) => byName.get(name)!.points[i]!.saturation.requestsPerSecond;
  return {
    targets,
    ratios: options.connections.map((connections, i) => ({
      connections,
      vsBareHono: rps('service', i) / rps('bare-hono', i),
      vsBareHttp: rps('service', i) / rps('bare-http', i),
    })),
    counters: counters!,
  };
}
