import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { describeMix, reportBodies } from './bodies.js';
import { measureFrontend } from './frontend.js';
import { runGrowth } from './growth.js';
import { recentRuns } from './history.js';
import { RATE_FRACTIONS, runIngest, WARMUP_REQUESTS } from './ingest.js';
import { type IngestProfile, profileIngest } from './ingest-profile.js';
import { LoadGenerator } from './load-client.js';
import { log } from './log.js';
import { projectRoot } from '../server/project-root.js';
import { describeMachine } from './machine.js';
import { resultsMarkdown } from './markdown.js';
import { parseOptions } from './options.js';
import { runPow } from './pow.js';
import { runRead } from './read.js';
import { runRounds } from './rounds.js';
import type { BenchResults } from './results.js';
import { frontendChecks, growthChecks, ingestChecks, ingestSpeedMissed, readChecks, unmeasuredChecks } from './targets.js';

type NotMeasured = BenchResults['notMeasured'];

/**
 * Runs a scenario that may be switched off or may fail without losing the rest of the run;
 * either way it is listed as not measured, with the reason.
 */
async function optional<T>(scenario: string, skippedBy: string | undefined, notMeasured: NotMeasured, run: () => Promise<T>): Promise<T | undefined> {
  if (skippedBy) {
    notMeasured.push({ scenario, reason: `skipped (${skippedBy})` });
    return undefined;
  }
  try {
    return await run();
  } catch (error) {
    log(`${scenario}: failed: ${String(error)}`);
    notMeasured.push({ scenario, reason: `failed: ${String(error).slice(0, 300)}` });
    return undefined;
  }
}

/**
 * `npm run bench`: every scenario this build supports (README, "Benchmarks"), one after
 * another on 127.0.0.1, then bench/results/<date>-<commit>.json and bench/results/latest.md.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  const root = projectRoot();
  const machine = describeMachine();
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-bench-'));
  const bodies = reportBodies(loadAreaPack('si'));
  const load = new LoadGenerator();
  const notMeasured: NotMeasured = [];
  try {
    const ingest = await runIngest(load, options, dir, bodies[0]!);
    log('rounds: service, bare Hono and node:http interleaved');
    const rounds = await runRounds(load, options, dir, bodies[0]!);
    const coreRps = ingest.targets.find((t) => t.name === 'service')!.points[options.connections.indexOf(50)]!.saturation.requestsPerSecond;

    const ingestWithPow = await optional('pow', options.pow ? undefined : '--no-pow', notMeasured, () =>
      runPow(load, bodies, options.seconds, dir, coreRps),
    );
    let profile: IngestProfile | undefined;
    if (options.profile === 'always' || (options.profile === 'auto' && ingestSpeedMissed(rounds))) {
      log('profile: service under --cpu-prof');
      profile = await profileIngest(load, options.seconds, dir);
    }
    const read = await optional('read', options.read ? undefined : '--no-read', notMeasured, () =>
      runRead(load, options.seconds, dir, coreRps),
    );
    const growth = await optional('growth', options.growth ? undefined : '--no-growth', notMeasured, () =>
      runGrowth(load, options.seconds, dir),
    );

    const frontend = measureFrontend(root);
    const results: BenchResults = {
      schema: 1,
      machine,
      settings: {
        secondsPerRun: options.seconds,
        connections: options.connections,
        rateFractions: RATE_FRACTIONS,
        warmupRequests: WARMUP_REQUESTS,
        bodyMix: describeMix(bodies),
      },
      ingest,
      rounds,
      ...(ingestWithPow ? { ingestWithPow } : {}),
      ...(profile ? { profile } : {}),
      ...(read ? { read } : {}),
      ...(growth ? { growth } : {}),
      frontend,
      notMeasured,
      targets: [
        ...ingestChecks(ingest, rounds),
        ...growthChecks(growth),
        ...readChecks(read),
        ...frontendChecks(frontend),
        ...unmeasuredChecks(notMeasured),
      ],
      durationSeconds: (performance.now() - started) / 1000,
    };
    const resultsDir = join(root, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const jsonName = `${machine.date.slice(0, 10)}-${machine.commit}.json`;
    writeFileSync(join(resultsDir, jsonName), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(resultsDir, 'latest.md'), resultsMarkdown(results, jsonName, recentRuns(resultsDir)));
    log(`wrote bench/results/${jsonName} and bench/results/latest.md in ${Math.round(results.durationSeconds)} s`);
    for (const t of results.targets) log(`  ${t.status.padEnd(12)} ${t.target}: ${t.measured}`);
  } finally {
    load.close();
    if (options.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
