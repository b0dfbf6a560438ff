import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { join } from 'node:path';
import { POW_HEADER } from '../server/abuse/proof-of-work.js';
import { parseConfig } from '../server/config.js';
import { checkCounters, type CounterCheck } from './counters.js';
import { SERVICE_MAIN } from './ingest.js';
import type { LoadGenerator } from './load-client.js';
import type { LoadBody } from './load-protocol.js';
import { describe, log } from './log.js';
import { type MeasuredRun, measured, preflight } from './measure.js';
import { REPORTS_PATH } from './servers/answer.js';
import { type ServerProcess, withServer } from './server-process.js';

const CHALLENGE_PATH = '/api/v1/challenge';
const CONNECTIONS = 50;
const RATE_FRACTION = 0.75;
/**
 * The difficulty the report-path runs use. The server's check of a solution does not
 * depend on it (altcha-lib v2 deterministic mode: two HMACs against the signed key), so a
 * trivial difficulty lets the bench solve thousands of single-use challenges in seconds.
 * The default difficulty is measured apart: what issuing a challenge costs the server and
 * what solving one costs a client.
 */
const BENCH_DIFFICULTY = { maxNumber: 2, cost: 1 };
/** Default-difficulty solves timed for the client's cost. */
const CLIENT_SOLVES = 2;

export interface PowResult {
  /** The difficulty of the report-path runs (see BENCH_DIFFICULTY). */
  benchDifficulty: { maxNumber: number; cost: number };
  /** Challenges fetched and solved before the runs, and how long that took. */
  prepared: { challenges: number; seconds: number };
  saturation: MeasuredRun;
  rated: { fraction: number; run: MeasuredRun };
  /** Saturation with proof of work over the ingest core's at the same connections. */
  ratioToCore: number;
  peakRssBytes: number;
  counters: CounterCheck;
  /** At the default difficulty: GET /api/v1/challenge at saturation (one key derivation each). */
  challengeIssue: { maxNumber: number; cost: number; run: MeasuredRun };
  /** At the default difficulty: a client's solve in Node on this machine (a phone is slower). */
  clientSolve: { msPerAttempt: number; expectedMs: number; attempts: number; ms: number };
}

async function fetchChallenge(url: string): Promise<Challenge> {
  const response = await fetch(url + CHALLENGE_PATH);
  if (response.status !== 200) throw new Error(`GET ${CHALLENGE_PATH} answered ${response.status}`);
  return (await response.json()) as Challenge;
}

/** Fetches and solves `count` challenges, as the form does: each an X-Altcha header value. */
async function solvedPayloads(url: string, count: number): Promise<string[]> {
  const payloads: string[] = [];
  const worker = async () => {
    while (payloads.length < count) {
      payloads.push('');
      const i = payloads.length - 1;
      const challenge = await fetchChallenge(url);
      const solution = await solveChallenge({ challenge, deriveKey, timeout: 10_000 });
      if (!solution) throw new Error('a challenge was not solved within 10 s');
      payloads[i] = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return payloads;
}

async function prepare(url: string, bodies: readonly string[], count: number): Promise<LoadBody[]> {
  const payloads = await solvedPayloads(url, count);
  return payloads.map((payload, i) => ({ body: bodies[i % bodies.length]!, headers: { [POW_HEADER]: payload } }));
}

/** Requests a rated unique run needs: every connection sends `seconds + 1` of its quotas (bench/load.ts). */
function ratedNeed(rate: number, seconds: number): number {
  return CONNECTIONS * (Math.floor(rate / CONNECTIONS) + 1) * (Math.ceil(seconds) + 1);
}

async function reportPath(server: ServerProcess, load: LoadGenerator, bodies: readonly string[], seconds: number) {
  const url = server.url;
  let started = performance.now();
  const [first] = await prepare(url, bodies, 1);
  await preflight(server, first!.body!, first!.headers);
  const warmupRequests = await prepare(url, bodies, 2000);
  const warmup = await measured(server, load, {
    url,
    path: REPORTS_PATH,
    connections: CONNECTIONS,
    amount: warmupRequests.length,
    requests: warmupRequests,
    unique: true,
  }, true);
  const amount = CONNECTIONS * Math.ceil((warmup.requestsPerSecond * seconds) / CONNECTIONS);
  const saturationRequests = await prepare(url, bodies, amount);
  let prepareSeconds = (performance.now() - started) / 1000;
  const saturation = await measured(server, load, {
    url,
    path: REPORTS_PATH,
    connections: CONNECTIONS,
    amount,
    requests: saturationRequests,
    unique: true,
  }, true);
  log(`  pow ${CONNECTIONS} conn, saturation: ${describe(saturation)}`);
  const rate = Math.max(1, Math.round(saturation.requestsPerSecond * RATE_FRACTION));
  started = performance.now();
  const ratedRequests = await prepare(url, bodies, ratedNeed(rate, seconds));
  prepareSeconds += (performance.now() - started) / 1000;
  const rated = await measured(server, load, {
    url,
    path: REPORTS_PATH,
    connections: CONNECTIONS,
    rate,
    seconds,
    requests: ratedRequests,
    unique: true,
  }, true);
  log(`  pow ${CONNECTIONS} conn, ${RATE_FRACTION * 100}% (${rate} req/s): ${describe(rated)}`);
  const runs = [warmup, saturation, rated];
  return {
    prepared: { challenges: 1 + warmupRequests.length + saturationRequests.length + ratedRequests.length, seconds: prepareSeconds },
    saturation,
    rated: { fraction: RATE_FRACTION, run: rated },
    peakRssBytes: (await server.memory()).peakRss,
    // The preflight's report and every run's: the counters hold them all.
    acknowledged: 1 + runs.reduce((n, r) => n + (r.statusCounts['201'] ?? 0), 0),
    unanswered: runs.reduce((n, r) => n + r.unanswered, 0),
  };
}

/**
 * The service as deployed: proof of work on, each report carrying a solved single-use
 * challenge fetched and solved before the run; the rate limit off (every request comes
 * from 127.0.0.1). Then, at the default difficulty, the challenge endpoint at saturation
 * and a client's solve.
 */
export async function runPow(load: LoadGenerator, bodies: readonly string[], seconds: number, dir: string, coreRps: number): Promise<PowResult> {
  const databasePath = join(dir, 'pow.db');
  const env = {
    DATABASE_PATH: databasePath,
    POW_MAX_NUMBER: String(BENCH_DIFFICULTY.maxNumber),
    POW_COST: String(BENCH_DIFFICULTY.cost),
    RATE_LIMIT_WINDOW_S: '0',
  };
  log('pow: service with proof of work');
  const { value: path } = await withServer({ name: 'service-pow', script: SERVICE_MAIN, env, dir }, (server) =>
    reportPath(server, load, bodies, seconds),
  );
  const counters = checkCounters(databasePath, path.acknowledged, path.unanswered);
  const defaults = parseConfig({});
  log('pow: challenge endpoint and client solve at the default difficulty');
  const { value: challengeIssue } = await withServer(
    { name: 'service-pow-default', script: SERVICE_MAIN, env: { DATABASE_PATH: join(dir, 'pow-default.db'), RATE_LIMIT_WINDOW_S: '0' }, dir },
    async (server) => {
      const url = server.url;
      const warmup = await measured(server, load, { url, path: CHALLENGE_PATH, method: 'GET', connections: CONNECTIONS, amount: 500 });
      const run = await measured(server, load, {
        url,
        path: CHALLENGE_PATH,
        method: 'GET',
        connections: CONNECTIONS,
        amount: Math.max(CONNECTIONS, Math.round(warmup.requestsPerSecond * seconds)),
      });
      log(`  GET ${CHALLENGE_PATH} ${CONNECTIONS} conn, saturation: ${describe(run)}`);
      let attempts = 0;
      const started = performance.now();
      for (let i = 0; i < CLIENT_SOLVES; i++) {
        const solution = await solveChallenge({ challenge: await fetchChallenge(url), deriveKey });
        attempts += solution!.counter + 1;
      }
      const ms = performance.now() - started;
      return { run, clientSolve: { attempts, ms, msPerAttempt: ms / attempts, expectedMs: (ms / attempts) * 0.75 * defaults.powMaxNumber } };
    },
  );
  return {
    benchDifficulty: BENCH_DIFFICULTY,
    prepared: path.prepared,
    saturation: path.saturation,
    rated: path.rated,
    ratioToCore: path.saturation.requestsPerSecond / coreRps,
    peakRssBytes: path.peakRssBytes,
    counters,
    challengeIssue: { maxNumber: defaults.powMaxNumber, cost: defaults.powCost, run: challengeIssue.run },
    clientSolve: challengeIssue.clientSolve,
  };
}
