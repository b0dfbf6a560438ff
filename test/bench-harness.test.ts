import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatencyRecorder } from '../bench/latency.js';
import { LoadGenerator } from '../bench/load-client.js';
import { measured } from '../bench/measure.js';
import { type RoundPoint, type RoundsResult, spread } from '../bench/rounds.js';
import { type ServerProcess, startServer } from '../bench/server-process.js';
import { REPORTS_PATH } from '../bench/servers/answer.js';
import { ratioChecks } from '../bench/targets.js';
import { projectRoot } from '../server/project-root.js';

// The benchmark's own parts: what it computes from figures, then one short real run.

describe('the latency recorder', () => {
  it('gives the percentiles, maximum and mean of what it recorded, to a tenth of a percent', () => {
    const recorder = new LatencyRecorder();
    for (let ms = 1; ms <= 1000; ms++) recorder.record(ms);
    const s = recorder.summary();
    expect(recorder.size).toBe(1000);
    expect(s.p50).toBeCloseTo(500, -0.3);
    expect(s.p97_5).toBeCloseTo(975, -0.3);
    expect(s.p99).toBeCloseTo(990, -0.3);
    expect(s.max).toBeCloseTo(1000, -0.3);
    expect(s.mean).toBeCloseTo(500.5, -0.3);
  });

  it('keeps sub-millisecond answers apart', () => {
    const recorder = new LatencyRecorder();
    for (const ms of [0.08, 0.09, 0.11, 0.12]) recorder.record(ms);
    expect(recorder.summary().p50).toBeCloseTo(0.09, 3);
    expect(recorder.summary().max).toBeCloseTo(0.12, 3);
  });

  it('says nothing was measured, rather than 0, when nothing was recorded', () => {
    expect(Number.isNaN(new LatencyRecorder().summary().p99)).toBe(true);
  });
});

describe('the interleaved rounds', () => {
  it('judge the median ratio, and show the spread', () => {
    expect(spread([0.9, 0.5, 0.7])).toEqual({ median: 0.7, min: 0.5, max: 0.9 });
    expect(spread([0.4, 0.8, 0.6, 1])).toEqual({ median: 0.7, min: 0.4, max: 1 });
  });

  it('meet the ingest target at 50 connections on a median of 0.8, not on the best round', () => {
    const point = (connections: number, service: number[]): RoundPoint => {
      const ratios = service.map((rps) => rps / 10_000);
      return {
        connections,
        requestsPerSecond: { service, 'bare-hono': [10_000, 10_000, 10_000], 'bare-http': [12_000, 12_000, 12_000] },
        vsBareHono: spread(ratios),
        vsBareHttp: spread(service.map((rps) => rps / 12_000)),
        service: [],
      };
    };
    const rounds = (...points: RoundPoint[]): RoundsResult => ({ rounds: 3, points, counters: { acknowledged: 0, counted: 0, unanswered: 0, ok: true } });
    expect(ratioChecks(rounds(point(10, [7000, 7000, 7000]), point(50, [7900, 9500, 7000]))).map((c) => c.status)).toEqual(['met', 'not met']);
    expect(ratioChecks(rounds(point(50, [8000, 7000, 9000])))[0]!.status).toBe('met');
  });
});

describe('one short run against the bare Hono baseline, as the benchmark drives it', { timeout: 60_000 }, () => {
  const dist = join(projectRoot(), 'dist', 'bench');
  let dir: string;
  let load: LoadGenerator;
  let server: ServerProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-harness-'));
    load = new LoadGenerator({}, join(dist, 'load.js'));
    server = await startServer({ name: 'bare-hono', script: join(dist, 'servers', 'bare-hono.js'), dir });
  });

  afterAll(async () => {
    await server?.stop();
    load?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every request once, and measures its latencies, the server CPU and memory', async () => {
    const run = await measured(server, load, { url: server.url, path: REPORTS_PATH, method: 'POST', connections: 10, amount: 2000 });
    expect(run.sent).toBe(2000);
    expect(run.statusCounts['201']).toBe(2000);
    expect(run.unanswered + run.errors + run.non2xx).toBe(0);
    const l = run.latencyMs;
    expect(l.p50).toBeGreaterThan(0);
    expect(l.p50).toBeLessThanOrEqual(l.p99);
    expect(l.p99).toBeLessThanOrEqual(l.max);
    expect(run.serverCpuPercent).toBeGreaterThan(0);
    const memory = await server.memory();
    expect(memory.rss).toBeGreaterThan(10e6);
    expect(memory.peakRss).toBeGreaterThanOrEqual(memory.rss);
  });
});
