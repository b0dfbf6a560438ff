import { join } from 'node:path';
import { checkCounters, type CounterCheck } from './counters.js';
import { BARE_HONO, BARE_HTTP, SERVICE_MAIN, type TargetName, WARMUP_CONNECTIONS, WARMUP_REQUESTS } from './ingest.js';
import type { LoadGenerator } from './load-client.js';
import { describe, log } from './log.js';
import { type MeasuredRun, measured, preflight } from './measure.js';
import type { Options } from './options.js';
import { REPORTS_PATH } from './servers/answer.js';
import { type ServerProcess, startServer } from './server-process.js';
import { ingestCoreEnv } from './service-env.js';

/**
 * Saturation of the service and the two bare baselines, interleaved: the three run side by
 * side (idle ones cost nothing) and each round measures every one in turn, so a machine that
 * gets busier or quieter over the run moves all three alike. The ratio is taken within each
 * round; its median over the rounds is the figure the targets judge, its spread how far to
 * trust it.
 */

export const ROUNDS = 3;

/** The median, least and greatest of some figures. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface RoundPoint {
  connections: number;
  /** Saturation req/s of each target, one per round. */
  requestsPerSecond: Record<TargetName, number[]>;
  vsBareHono: Spread;
  vsBareHttp: Spread;
  /** The service's own runs, for their latencies and failures. */
  service: MeasuredRun[];
}

export interface RoundsResult {
  rounds: number;
  points: RoundPoint[];
  counters: CounterCheck;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

const ORDER: readonly TargetName[] = ['service', 'bare-hono', 'bare-http'];

export async function runRounds(load: LoadGenerator, options: Options, dir: string, firstBody: string): Promise<RoundsResult> {
  const databasePath = join(dir, 'rounds.db');
  const servers = new Map<TargetName, ServerProcess>();
  try {
    servers.set('service', await startServer({ name: 'rounds-service', script: SERVICE_MAIN, env: ingestCoreEnv(databasePath).env, dir }));
    servers.set('bare-hono', await startServer({ name: 'rounds-bare-hono', script: BARE_HONO, env: {}, dir }));
    servers.set('bare-http', await startServer({ name: 'rounds-bare-http', script: BARE_HTTP, env: {}, dir }));
    const runs: MeasuredRun[] = [];
    // Each target's last saturation rate: a run sends as many requests as it answers in `seconds`.
    const estimate = new Map<TargetName, number>();
    for (const [name, server] of servers) {
      await preflight(server, firstBody);
      const warmup = await measured(server, load, { url: server.url, path: REPORTS_PATH, connections: WARMUP_CONNECTIONS, amount: WARMUP_REQUESTS }, name === 'service');
      estimate.set(name, warmup.requestsPerSecond);
      if (name === 'service') runs.push(warmup);
    }
    const points: RoundPoint[] = options.connections.map((connections) => ({
      connections,
      requestsPerSecond: { service: [], 'bare-hono': [], 'bare-http': [] },
      vsBareHono: { median: 0, min: 0, max: 0 },
      vsBareHttp: { median: 0, min: 0, max: 0 },
      service: [],
    }));
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with another target, so none is always first after a pause.
      const order = ORDER.map((_, i) => ORDER[(i + round) % ORDER.length]!);
      for (const point of points) {
        for (const name of order) {
          const server = servers.get(name)!;
          const amount = Math.max(point.connections * 10, Math.round(estimate.get(name)! * options.seconds));
          const run = await measured(server, load, { url: server.url, path: REPORTS_PATH, connections: point.connections, amount }, name === 'service');
          estimate.set(name, run.requestsPerSecond);
          point.requestsPerSecond[name].push(run.requestsPerSecond);
          if (name === 'service') {
            point.service.push(run);
            runs.push(run);
          }
          log(`  round ${round + 1}, ${point.connections} conn, ${name}: ${describe(run)}`);
        }
      }
    }
    for (const p of points) {
      const ratio = (baseline: TargetName) => p.requestsPerSecond.service.map((rps, i) => rps / p.requestsPerSecond[baseline][i]!);
      p.vsBareHono = spread(ratio('bare-hono'));
      p.vsBareHttp = spread(ratio('bare-http'));
      log(`  ${p.connections} conn: ${p.vsBareHono.median.toFixed(2)} × bare Hono (${p.vsBareHono.min.toFixed(2)}–${p.vsBareHono.max.toFixed(2)})`);
    }
    await servers.get('service')!.stop();
    const acknowledged = 1 + runs.reduce((n, r) => n + (r.statusCounts['201'] ?? 0), 0);
    const unanswered = runs.reduce((n, r) => n + r.unanswered, 0);
    return { rounds: ROUNDS, points, counters: checkCounters(databasePath, acknowledged, unanswered) };
  } finally {
    for (const server of servers.values()) await server.stop();
  }
}
