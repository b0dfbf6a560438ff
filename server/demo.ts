import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { dayIn, minuteOfDay } from '../aggregator/day.js';
import { openCountsStore } from '../aggregator/store.js';
import { fillWithOutbreak } from '../aggregator/synthetic/fill.js';
import { configFromEnvironment, refuseToStart, stopOnSignal } from './entry.js';
import { recordKeys } from './record-key.js';
import { type RunningService, startService } from './service.js';

/** The outbreak every demonstration shows: eight ISO weeks up to today, from one seed. */
const OUTBREAK = { weeks: 8, seed: 20_200_316 };

/** How much of today has gone in the time zone, 0 to 1: today holds only the reports of its hours so far. */
function shareOfDayGone(timeZone: string, epochMs: number): number {
  return minuteOfDay(timeZone, epochMs) / (24 * 60);
}

/*
 * `npm run demo`: the service on a throwaway database, filled with a synthetic outbreak,
 * in a temporary folder that goes when the process ends; DATABASE_PATH is never opened. It
 * is a demonstration instance (no operator) whose pages, status and downloads say the
 * numbers are synthetic. Every other setting comes from the environment, as for main.ts.
 */
const config = configFromEnvironment();
if (config.production) {
  refuseToStart('npm run demo refuses NODE_ENV=production: the demonstration never runs on a production host');
}
let service: RunningService | undefined;
stopOnSignal(() => service);
const dir = mkdtempSync(join(tmpdir(), 'symptoms-demo-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

const databasePath = join(dir, 'reports.db');
const now = Date.now();
const started = performance.now();
const store = openCountsStore({ path: databasePath, synchronous: config.synchronous });
let reports: number;
try {
  const today = { lastDay: dayIn(config.timeZone, now), lastDayShare: shareOfDayGone(config.timeZone, now) };
  reports = await fillWithOutbreak(store, loadAreaPack(config.areaPack), { ...OUTBREAK, ...today }, recordKeys());
} finally {
  store.close();
}
service = await startService({ config: { ...config, databasePath, operator: null }, synthetic: true });
service.logger.info(
  { reports, ms: Math.round(performance.now() - started) },
  'demonstration: synthetic reports counted into a throwaway database, removed when this process ends',
);
