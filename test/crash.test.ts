import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { dayIn } from '../aggregator/day.js';
import { fold, metricNames } from '../aggregator/fold.js';
import { guide } from '../aggregator/guidance.js';
import type { Report } from '../aggregator/questionnaire.js';
import { pick, seededRandom } from '../aggregator/synthetic/random.js';
import { syntheticReport } from '../aggregator/synthetic/report.js';
import { countsByAreaMetric, integrityCheck, readCounts } from './support/counts.js';
import { type ServerProcess, spawnServer } from './support/process.js';
import { expectPrivateLogs } from './support/service.js';
import { WaitableCount } from './support/waitable-count.js';

/** Kills per run; the last stop is a SIGTERM under the same load. */
const KILLS = 4;
const SENDERS = 12;
/** Bounds of one round, so a server that stops answering fails the test instead of hanging it. */
const MAX_REPORTS_PER_ROUND = 3000;
const ANSWER_TIMEOUT_MS = 15_000;
const TIME_ZONE = 'Europe/Ljubljana';

// A new seed each run, so runs explore different kill moments; CRASH_SEED replays one.
const seed = Number(process.env.CRASH_SEED ?? randomInt(2 ** 31));
console.info(`crash test seed ${seed} (CRASH_SEED=${seed} replays it)`);
const random = seededRandom(seed);
const pack = loadAreaPack('si');
const areas = [...pack.municipalityByCode.keys()].slice(0, 12);

const randomReport = (): Report => syntheticReport(random, pack, pick(random, areas));

/** `area|metric` → how many reports added one to it; the day is the server's to choose. */
type Tally = Map<string, number>;

function add(tally: Tally, report: Report): void {
  for (const metric of metricNames(fold(report, 'any-day', guide(report), 0))) {
    const key = `${report.area}|${metric}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
}

/**
 * The counter checker: for every counter, what was acknowledged (201) is stored, and
 * nothing is stored that was not sent. Returns the counters that break it.
 */
function violations(acknowledged: Tally, attempted: Tally, stored: Tally): string[] {
  const keys = new Set([...acknowledged.keys(), ...attempted.keys(), ...stored.keys()]);
  const broken: string[] = [];
  for (const key of keys) {
    const low = acknowledged.get(key) ?? 0;
    const value = stored.get(key) ?? 0;
    const high = attempted.get(key) ?? 0;
    if (!(low <= value && value <= high)) broken.push(`${key}: acknowledged ${low} ≤ stored ${value} ≤ attempted ${high}`);
  }
  return broken;
}

describe('crash safety of the built server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`loses no acknowledged report and invents none across ${KILLS} SIGKILLs and a SIGTERM under load (seed ${seed})`, async () => {
    const databasePath = join(dir, 'reports.db');
    const acknowledged: Tally = new Map();
    const attempted: Tally = new Map();
    // The days of the server's clock (its Date header) on which it acknowledged a report.
    const days = new Set<string>();
    const start = (round: number) =>
      spawnServer({
        DATABASE_PATH: databasePath,
        TIME_ZONE,
        // Every other round checkpoints the WAL constantly, so some kills land in a checkpoint.
        WAL_TRUNCATE_INTERVAL_S: round % 2 === 0 ? '0.02' : '3600',
      });

    let server: ServerProcess = await start(0);
    for (let round = 0; round <= KILLS; round++) {
      const graceful = round === KILLS;
      let stopped = false;
      const ackedThisRound = new WaitableCount();
      const unexpected: string[] = [];
      const send = async () => {
        for (let i = 0; !stopped && i < MAX_REPORTS_PER_ROUND / SENDERS; i++) {
          const report = randomReport();
          add(attempted, report);
          let res: Response;
          try {
            res = await fetch(`${server.url}/api/v1/reports`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(report),
              signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
            });
            await res.arrayBuffer();
          } catch {
            return; // Killed, or closed after SIGTERM: no answer, so only attempted.
          }
          if (res.status === 201) {
            add(acknowledged, report);
            days.add(dayIn(TIME_ZONE, Date.parse(res.headers.get('date')!)));
            ackedThisRound.increment();
          } else {
            unexpected.push(String(res.status));
          }
        }
      };
      const senders = Array.from({ length: SENDERS }, send);

      // A random moment: after a random number of acknowledgements, with twelve requests in flight.
      const target = 20 + Math.floor(random() * 400);
      await Promise.race([ackedThisRound.reached(target), Promise.all(senders)]);
      expect(ackedThisRound.value, `round ${round}: acknowledgements before the senders gave up (seed ${seed})`).toBeGreaterThanOrEqual(target);
      server.child.kill(graceful ? 'SIGTERM' : 'SIGKILL');
      if (!graceful) stopped = true;
      await Promise.all(senders);
      stopped = true;
      const exitCode = await server.exited;
      if (graceful) expect(exitCode, 'exit code after SIGTERM').toBe(0);
      expectPrivateLogs(server.stdout);
      // Every request answered before the stop was counted; a SIGTERM refuses none with an error status.
      expect(unexpected, `round ${round}: answers other than 201 (seed ${seed})`).toEqual([]);

      // Restart on the same database, as an operator would, and check it as a counter checker would.
      server = await start(round + 1);
      const rows = readCounts(databasePath);
      expect(violations(acknowledged, attempted, countsByAreaMetric(rows)), `round ${round} (seed ${seed})`).toEqual([]);
      for (const row of rows) expect(days, `day of ${row.area}|${row.metric}`).toContain(row.day);
      expect(integrityCheck(databasePath)).toEqual(['ok']);
    }
    // The restarted server still takes reports.
    const report = randomReport();
    add(attempted, report);
    const res = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
    expect(res.status).toBe(201);
    add(acknowledged, report);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(violations(acknowledged, attempted, countsByAreaMetric(readCounts(databasePath)))).toEqual([]);
    expect(integrityCheck(databasePath)).toEqual(['ok']);
    // Several counters moved, not just one.
    expect(acknowledged.size).toBeGreaterThan(100);
  }, 120_000);
});
