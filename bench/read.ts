import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AreaPack, si } from '../aggregator/areas/index.js';
import { buildAreaPack } from '../aggregator/areas/pack.js';
import { epochDay, isoDate } from '../aggregator/calendar.js';
import { dayIn } from '../aggregator/day.js';
import { areaDaysOf, longRows } from '../aggregator/area-day.js';
import { tableSpec } from '../aggregator/publication.js';
import { openCountsStore } from '../aggregator/store.js';
import { MAX_ROWS } from '../server/stats.contract.js';
import { reportBodies } from './bodies.js';
import { commitCounters, serviceMetrics } from './commit-stats.js';
import { type DeliveryResult, runDelivery } from './delivery.js';
import { REPORTS_PER_DAY, SYNTHETIC_MUNICIPALITIES } from './growth.js';
import { SERVICE_MAIN } from './ingest.js';
import { LoadGenerator } from './load-client.js';
import type { LoadResult, LoadSpec } from './load-protocol.js';
import { describe, log } from './log.js';
import { type MeasuredRun, measured, preflight } from './measure.js';
import { REPORTS_PATH } from './servers/answer.js';
import { type ServerProcess, startServer } from './server-process.js';
import { ingestCoreEnv } from './service-env.js';
import { syntheticCounts } from './synthetic-counts.js';
import { syntheticPack } from './synthetic-pack.js';

/** The service's time zone, set explicitly so the bench and the service agree on the open day. */
const TIME_ZONE = 'Europe/Ljubljana';
/** Closed days of synthetic counters before the service starts: a year up to yesterday. */
export const READ_DAYS = 365;
/**
 * Days of counters for the 2,000-municipality pack: one, to keep the bench short (30 days
 * would be 1.2 million counters to write and, at all metrics, 4.2 million CSV rows: refused).
 */
export const LARGE_PACK_DAYS = 1;
/** CSV downloads: the ISO weeks within the last N closed days at municipality level (municipalities publish weeks only). */
export const CSV_DAYS = [7, 30, 365] as const;
/** The metrics a CSV falls back to when the service refuses all of them: those of query (a), then one. */
const CSV_SUBSETS = [['reports', 'symptomatic', 'cli', 'ili'], ['reports']] as const;
/** The metrics municipalities publish: every metric of a municipality CSV. */
const MUNICIPALITY_METRICS = tableSpec('municipality', 'week')!.metrics.length;
/** The counters are generated and written this many days at a time, so memory stays bounded. */
const FILL_CHUNK_DAYS = 30;
const FILL_BODIES = 1024;
const FILL_SEED = 11;

export const SMALL_CONNECTIONS = 50;
const SMALL_WARMUP = 2000;
const YEAR_JSON_CONNECTIONS = 10;
const YEAR_JSON_WARMUP = 20;
export const CSV_CONNECTIONS = 2;
const CSV_TIMEOUT_S = 120;
/** The concurrent ingest: this share of the ingest core's saturation at 50 connections, held at a fixed rate. */
export const CONCURRENT_INGEST_FRACTION = 0.5;
const INGEST_CONNECTIONS = 50;
/** The rated ingest run spreads its groups over its first second: reads start after it. */
const INGEST_LEAD_MS = 1000;
/** A service on a year of counters computes its first snapshot before it listens. */
const START_TIMEOUT_MS = 120_000;

/**
 * The year as written: a retention of ten years keeps every day as counters. The default
 * retention is measured apart (after the read runs), since its first start on such a file
 * freezes every week past it, a one-off a service running since launch never meets.
 */
const KEEP_EVERYTHING: Record<string, string> = { RETENTION_DAYS: '3650' };

export type ReadQuery = 'stats-small' | 'stats-year-regions' | 'csv-year-regions';

export interface ServiceStart {
  /** Municipalities in the pack the service ran with. */
  municipalities: number;
  /** Days of counters in its database (0: empty). */
  days: number;
  /** Rows in the `counts` table when the service started. */
  counterRows: number;
  databaseBytes: number;
  /** Generating and writing the counters (the bench's cost, not the service's). */
  fillSeconds: number;
  /** From spawning `node dist/server/main.bundle.js` to its `listening` line (polled every 25 ms). */
  startMs: number;
  /** The first snapshot, computed before listening: counters streamed from SQLite into release() (its /metrics). */
  releaseMs: number;
  rssAfterStartBytes: number;
  /**
   * How the database stood: every day kept as counters (`kept`, RETENTION_DAYS at ten years),
   * the first start at the default retention, which freezes every week past it (`freezing`),
   * or a start after that (`default`): what a service running since launch meets.
   */
  retention: 'kept' | 'freezing' | 'default';
}

/** The ingest load held while a read run ran. */
export interface ConcurrentIngest {
  connections: number;
  targetRate: number;
  /** The ingest run as a whole; its first second and any time after the reads ended are in it too. */
  run: LoadResult;
  /** Reports the service committed per second while the read run ran (its group-commit counters). */
  reportsPerSecondDuringReads: number;
  /** Share of the read run's wall time during which the ingest run was still sending. */
  overlap: number;
}

export interface ReadRun {
  query: ReadQuery;
  path: string;
  connections: number;
  run: MeasuredRun;
  /** Bytes per answer on the wire: status line, headers and chunked-encoding framing included. */
  bytesPerAnswer: number;
  wallSeconds: number;
  /** Present when the run was made while an ingest load ran. */
  ingest?: ConcurrentIngest;
}

export interface CsvDownload {
  /** Municipalities in the pack; the CSV is at municipality level. */
  municipalities: number;
  /** Closed days asked for (`from` = open day − days). */
  days: number;
  path: string;
  /** How many metrics were asked for: all of them, or a subset when all would exceed the row limit. */
  metrics: number;
  /** The metrics asked for, when not all. */
  subset?: string[];
  status: number;
  /** Data rows (lines after the header). */
  rows: number;
  bytes: number;
  /** Until the status and headers arrived: the service counts the rows before it answers. */
  firstByteMs: number;
  totalMs: number;
  /** The problem detail of a refusal. */
  detail?: string;
}

export interface ReadResult {
  /** The whole scenario, pre-filling the databases included. */
  durationSeconds: number;
  reportsPerDay: number;
  days: number;
  firstDay: string;
  openDay: string;
  timeZone: string;
  /** Settings the bench gave the service besides the anti-abuse ones (retention kept at its longest, when the build has it). */
  env: Record<string, string>;
  /** Metrics municipalities publish (the municipality CSV's "all"). */
  metricCount: number;
  limits: { jsonRows: number; csvRows: number };
  /** The concurrent ingest rate: this share of the ingest core's saturation at 50 connections. */
  ingestFraction: number;
  ingestRate: number;
  /** Time to start with an empty database, a year for 212 municipalities, and a day for 2,000. */
  starts: ServiceStart[];
  runs: ReadRun[];
  /** Peak RSS of the year-of-data service over every run and download (sampled every 100 ms). */
  peakRssBytes: number;
  exitCode: number | null;
  csv: CsvDownload[];
  /** Why the 2,000-municipality part is missing, if it failed. */
  largePackError?: string;
  /** Cached answers: statistics against a bare baseline, the Epidata endpoints, compressed CSV sizes. */
  delivery?: DeliveryResult;
  deliveryError?: string;
}

function metricSample(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * Writes `days` days of synthetic counters ending on `lastDay` into a fresh SQLite file, as
 * the service would hold them (bench/synthetic-counts.ts: each report folded as the service folds it).
 */
function fillCounters(path: string, pack: AreaPack, days: number, lastDay: string): Pick<ServiceStart, 'counterRows' | 'databaseBytes' | 'fillSeconds'> {
  const started = performance.now();
  const store = openCountsStore({ path, synchronous: 'NORMAL' });
  let counterRows = 0;
  try {
    const bodies = reportBodies(pack, FILL_BODIES);
    const last = epochDay(lastDay);
    for (let first = last - days + 1; first <= last; first += FILL_CHUNK_DAYS) {
      const end = Math.min(first + FILL_CHUNK_DAYS - 1, last);
      const rows = syntheticCounts(pack, bodies, end - first + 1, isoDate(end), REPORTS_PER_DAY, FILL_SEED + first);
      store.add(areaDaysOf(rows));
      counterRows += rows.length;
    }
  } finally {
    store.close();
  }
  return { counterRows, databaseBytes: statSync(path).size, fillSeconds: (performance.now() - started) / 1000 };
}

/** What a database holds now, counters and frozen values, as its start meets it. */
function storedRows(path: string): Pick<ServiceStart, 'counterRows' | 'databaseBytes' | 'fillSeconds'> {
  const store = openCountsStore({ path, synchronous: 'NORMAL' });
  try {
    let counterRows = 0;
    // Counted in long format, as fillCounters counts what it writes.
    for (const row of store.rows()) for (const _ of longRows(row)) counterRows++;
    return { counterRows, databaseBytes: statSync(path).size, fillSeconds: 0 };
  } finally {
    store.close();
  }
}

/** Starts the service and times it: the spawn, the first snapshot, the listening line. */
async function startTimed(
  dir: string,
  name: string,
  databasePath: string,
  extraEnv: Record<string, string>,
  filled: Pick<ServiceStart, 'counterRows' | 'databaseBytes' | 'fillSeconds'>,
  municipalities: number,
  days: number,
): Promise<{ server: ServerProcess; start: ServiceStart }> {
  const env = ingestCoreEnv(databasePath, { TIME_ZONE, ...extraEnv });
  const started = performance.now();
  const server = await startServer({ name, script: SERVICE_MAIN, env, dir, startTimeoutMs: START_TIMEOUT_MS });
  const startMs = performance.now() - started;
  try {
    const rssAfterStartBytes = (await server.memory()).rss;
    const metrics = await serviceMetrics(server.adminUrl);
    const releaseMs = metricSample(metrics, 'snapshot_release_duration_seconds_sum') * 1000;
    const start = { municipalities, days, ...filled, startMs, releaseMs, rssAfterStartBytes, retention: extraEnv.RETENTION_DAYS ? ('kept' as const) : ('default' as const) };
    log(
      `  ${name}: ${municipalities} municipalities × ${days} days, ${filled.counterRows} counter rows` +
        `${filled.fillSeconds ? ` (written in ${filled.fillSeconds.toFixed(1)} s)` : ''}: listening after ${Math.round(startMs)} ms, first snapshot ${Math.round(releaseMs)} ms`,
    );
    return { server, start };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** One GET, its body streamed and counted, never kept. */
async function download(url: string): Promise<Pick<CsvDownload, 'status' | 'rows' | 'bytes' | 'firstByteMs' | 'totalMs' | 'detail'>> {
  const started = performance.now();
  const response = await fetch(url);
  const firstByteMs = performance.now() - started;
  if (response.status !== 200) {
    const text = await response.text();
    let detail = text.slice(0, 300);
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
    } catch {
      // not a problem document
    }
    return { status: response.status, rows: 0, bytes: Buffer.byteLength(text), firstByteMs, totalMs: performance.now() - started, detail };
  }
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
  }
  // Every record, the header included, ends with CRLF.
  return { status: 200, rows: Math.max(0, lines - 1), bytes, firstByteMs, totalMs: performance.now() - started };
}

/**
 * The largest CSV at municipality level for the last N closed days, for each N: every
 * metric; when the service refuses that (over its row limit), the headline metrics, and
 * failing those one metric. (The largest set of metrics that fits would be a download of
 * about a million rows each time: too long for the bench; its size follows from the bytes
 * per row.)
 */
async function csvSizes(server: ServerProcess, municipalities: number, openDay: string, daysList: readonly number[]): Promise<CsvDownload[]> {
  const downloads: CsvDownload[] = [];
  const get = async (days: number, subset?: readonly string[]) => {
    const from = isoDate(epochDay(openDay) - days);
    const path = `/api/v1/stats.csv?time_type=week&geo_type=municipality&from=${from}${subset ? `&metric=${encodeURIComponent(subset.join(','))}` : ''}`;
    const d = await download(server.url + path);
    const metrics = subset ? subset.length : MUNICIPALITY_METRICS;
    const entry: CsvDownload = { municipalities, days, path, metrics, ...(subset ? { subset: [...subset] } : {}), ...d };
    log(
      `  CSV ${municipalities} municipalities × ${days} days, ${subset ? subset.join(',') : 'all metrics'}: ${d.status}, ${d.rows} rows, ` +
        `${(d.bytes / 1e6).toFixed(1)} MB in ${Math.round(d.totalMs)} ms${d.detail ? ` (${d.detail})` : ''}`,
    );
    downloads.push(entry);
    return entry;
  };
  for (const days of daysList) {
    let outcome = await get(days);
    for (const subset of CSV_SUBSETS) {
      if (outcome.status !== 400) break;
      outcome = await get(days, subset);
    }
  }
  return downloads;
}

/**
 * Runs `read` while a second load process holds an ingest rate against POST /api/v1/reports,
 * and measures what the service committed meanwhile.
 */
async function withIngest(
  server: ServerProcess,
  ingestLoad: LoadGenerator,
  rate: number,
  ingestSeconds: number,
  read: () => Promise<MeasuredRun>,
): Promise<{ run: MeasuredRun; wallSeconds: number; ingest: ConcurrentIngest }> {
  let ingestEnded = Number.POSITIVE_INFINITY;
  const ingestRun = ingestLoad
    .run({ url: server.url, path: REPORTS_PATH, connections: INGEST_CONNECTIONS, rate, seconds: ingestSeconds })
    .then((r) => {
      ingestEnded = performance.now();
      return r;
    });
  ingestRun.catch(() => undefined);
  await sleep(INGEST_LEAD_MS);
  const before = await commitCounters(server.adminUrl);
  const started = performance.now();
  const run = await read();
  const ended = performance.now();
  const after = await commitCounters(server.adminUrl);
  const ingest = await ingestRun;
  const wallSeconds = (ended - started) / 1000;
  return {
    run,
    wallSeconds,
    ingest: {
      connections: INGEST_CONNECTIONS,
      targetRate: rate,
      run: ingest,
      reportsPerSecondDuringReads: (after.reports - before.reports) / wallSeconds,
      overlap: Math.max(0, Math.min(1, (Math.min(ended, ingestEnded) - started) / (ended - started))),
    },
  };
}

function readRun(query: ReadQuery, spec: LoadSpec, run: MeasuredRun, wallSeconds: number, ingest?: ConcurrentIngest): ReadRun {
  const line = `  ${query}, ${spec.connections} conn${ingest ? `, with ingest at ${ingest.targetRate} req/s` : ''}: ${describe(run)}, ` +
    `${Math.round(run.bytes / Math.max(1, run.answered))} bytes/answer` +
    (ingest ? `; ${Math.round(ingest.reportsPerSecondDuringReads)} reports/s committed meanwhile, overlap ${Math.round(ingest.overlap * 100)} %` : '');
  log(line);
  return {
    query,
    path: spec.path,
    connections: spec.connections,
    run,
    bytesPerAnswer: run.bytes / Math.max(1, run.answered),
    wallSeconds,
    ...(ingest ? { ingest } : {}),
  };
}

async function timed(server: ServerProcess, load: LoadGenerator, spec: LoadSpec): Promise<{ run: MeasuredRun; wallSeconds: number }> {
  const started = performance.now();
  const run = await measured(server, load, spec);
  return { run, wallSeconds: (performance.now() - started) / 1000 };
}

function getSpec(url: string, path: string, connections: number, amount: number, timeoutSeconds?: number): LoadSpec {
  return { url, path, method: 'GET', connections, amount, ...(timeoutSeconds ? { timeoutSeconds } : {}) };
}

/** Queries (a) and (b) against the year-of-data service: JSON, served from the per-snapshot cache after the first request. */
async function jsonRuns(server: ServerProcess, load: LoadGenerator, ingestLoad: LoadGenerator, seconds: number, ingestRate: number, firstDay: string): Promise<ReadRun[]> {
  const runs: ReadRun[] = [];
  // (a) A small query: the country, four metrics, the default 28 days.
  const small = `/api/v1/stats?time_type=day&geo_type=country&metric=${CSV_SUBSETS[0].join(',')}`;
  const warm = await measured(server, load, getSpec(server.url, small, SMALL_CONNECTIONS, SMALL_WARMUP));
  log(`  stats-small warm-up: ${describe(warm)}`);
  const smallSpec = getSpec(server.url, small, SMALL_CONNECTIONS, Math.max(SMALL_CONNECTIONS * 10, Math.round(warm.requestsPerSecond * seconds)));
  const smallAlone = await timed(server, load, smallSpec);
  runs.push(readRun('stats-small', smallSpec, smallAlone.run, smallAlone.wallSeconds));
  // With ingest: half the requests, so the run fits in the ingest run even at half the rate.
  const smallBusySpec = { ...smallSpec, amount: Math.max(SMALL_CONNECTIONS * 10, Math.round((smallAlone.run.requestsPerSecond * seconds) / 2)) };
  const smallBusy = await withIngest(server, ingestLoad, ingestRate, seconds + 1, () => measured(server, load, smallBusySpec));
  runs.push(readRun('stats-small', smallBusySpec, smallBusy.run, smallBusy.wallSeconds, smallBusy.ingest));

  // (b) A year of regions, one metric.
  const yearJson = `/api/v1/stats?time_type=day&geo_type=region&from=${firstDay}&metric=cli`;
  const warmYear = await measured(server, load, getSpec(server.url, yearJson, YEAR_JSON_CONNECTIONS, YEAR_JSON_WARMUP));
  log(`  stats-year-regions warm-up: ${describe(warmYear)}`);
  const yearSpec = getSpec(server.url, yearJson, YEAR_JSON_CONNECTIONS, Math.max(YEAR_JSON_CONNECTIONS * 5, Math.round(warmYear.requestsPerSecond * seconds)));
  const year = await timed(server, load, yearSpec);
  runs.push(readRun('stats-year-regions', yearSpec, year.run, year.wallSeconds));
  return runs;
}

/**
 * Query (c): a year of regions by ISO week, every metric they publish, as CSV: built once,
 * then served from the cache. One download per connection, alone and with ingest (the CSV
 * path is warm from the downloads of csvSizes, run before).
 */
async function csvRuns(server: ServerProcess, load: LoadGenerator, ingestLoad: LoadGenerator, ingestRate: number, firstDay: string): Promise<ReadRun[]> {
  const spec = getSpec(server.url, `/api/v1/stats.csv?time_type=week&geo_type=region&from=${firstDay}`, CSV_CONNECTIONS, CSV_CONNECTIONS, CSV_TIMEOUT_S);
  const alone = await timed(server, load, spec);
  const runs = [readRun('csv-year-regions', spec, alone.run, alone.wallSeconds)];
  const busy = await withIngest(server, ingestLoad, ingestRate, Math.ceil(alone.wallSeconds) + 1, () => measured(server, load, spec));
  runs.push(readRun('csv-year-regions', spec, busy.run, busy.wallSeconds, busy.ingest));
  return runs;
}

/**
 * The read path: statistics and CSV downloads, alone and beside ingest. The production
 * service starts on a database pre-filled with a year of synthetic counters for the Slovenian
 * pack (its first snapshot is computed from that file at start, and timed). The load process drives
 * `GET /api/v1/stats` alone and, from a second load process, while reports arrive at a fixed
 * rate; then single CSV downloads of 1, 30 and 365 days at municipality level; then the CSV
 * of a year of regions, alone and with ingest; then the CSV downloads for a synthetic pack of
 * 2,000 municipalities.
 */
export async function runRead(load: LoadGenerator, seconds: number, dir: string, ingestCoreRps: number): Promise<ReadResult> {
  const openDay = dayIn(TIME_ZONE, Date.now());
  const lastDay = isoDate(epochDay(openDay) - 1);
  const firstDay = isoDate(epochDay(openDay) - READ_DAYS);
  const ingestRate = Math.max(1, Math.round(ingestCoreRps * CONCURRENT_INGEST_FRACTION));
  const started = performance.now();
  const pack = buildAreaPack(si);
  const starts: ServiceStart[] = [];

  log('read: service start on an empty database');
  const empty = await startTimed(dir, 'read-empty', join(dir, 'read-empty.db'), {}, { counterRows: 0, databaseBytes: 0, fillSeconds: 0 }, pack.municipalities.length, 0);
  await empty.server.stop();
  starts.push(empty.start);

  log(`read: ${READ_DAYS} days of synthetic counters (${REPORTS_PER_DAY} reports a day) for ${pack.municipalities.length} municipalities`);
  const yearPath = join(dir, 'read-year.db');
  const yearFill = fillCounters(yearPath, pack, READ_DAYS, lastDay);
  const { server, start } = await startTimed(dir, 'read-year', yearPath, KEEP_EVERYTHING, yearFill, pack.municipalities.length, READ_DAYS);
  starts.push(start);
  const csv: CsvDownload[] = [];
  const runs: ReadRun[] = [];
  let peakRssBytes: number;
  let exitCode: number | null;
  let delivery: DeliveryResult | undefined;
  let deliveryError: string | undefined;
  const ingestLoad = new LoadGenerator();
  try {
    await preflight(server, reportBodies(pack, 1)[0]!);
    runs.push(...(await jsonRuns(server, load, ingestLoad, seconds, ingestRate, firstDay)));
    try {
      delivery = await runDelivery(server, load, seconds, dir, openDay);
    } catch (error) {
      deliveryError = String(error).slice(0, 300);
      log(`  delivery: failed: ${deliveryError}`);
    }
    log(`read: CSV size and time, ${pack.municipalities.length} municipalities`);
    csv.push(...(await csvSizes(server, pack.municipalities.length, openDay, CSV_DAYS)));
    runs.push(...(await csvRuns(server, load, ingestLoad, ingestRate, firstDay)));
    peakRssBytes = (await server.memory()).peakRss;
  } finally {
    ingestLoad.close();
    exitCode = await server.stop();
  }

  log('read: the same year at the default retention: the first start freezes the weeks past it, the next one is what a running service meets');
  const freezing = await startTimed(dir, 'read-year-freezing', yearPath, {}, yearFill, pack.municipalities.length, READ_DAYS);
  await freezing.server.stop();
  starts.push({ ...freezing.start, retention: 'freezing' });
  const retained = await startTimed(dir, 'read-year-retained', yearPath, {}, storedRows(yearPath), pack.municipalities.length, READ_DAYS);
  await retained.server.stop();
  starts.push(retained.start);

  let largePackError: string | undefined;
  try {
    log(`read: ${LARGE_PACK_DAYS} day(s) for a synthetic pack of ${SYNTHETIC_MUNICIPALITIES} municipalities`);
    const input = syntheticPack(si, SYNTHETIC_MUNICIPALITIES);
    const packPath = join(dir, `read-pack-${SYNTHETIC_MUNICIPALITIES}.json`);
    writeFileSync(packPath, JSON.stringify(input));
    const largePath = join(dir, `read-${SYNTHETIC_MUNICIPALITIES}.db`);
    const largeFill = fillCounters(largePath, buildAreaPack(input), LARGE_PACK_DAYS, lastDay);
    const large = await startTimed(dir, `read-${SYNTHETIC_MUNICIPALITIES}`, largePath, { AREA_PACK: packPath, ...KEEP_EVERYTHING }, largeFill, SYNTHETIC_MUNICIPALITIES, LARGE_PACK_DAYS);
    starts.push(large.start);
    try {
      csv.push(...(await csvSizes(large.server, SYNTHETIC_MUNICIPALITIES, openDay, CSV_DAYS.filter((d) => d <= LARGE_PACK_DAYS))));
    } finally {
      await large.server.stop();
    }
  } catch (error) {
    largePackError = String(error).slice(0, 300);
    log(`  ${SYNTHETIC_MUNICIPALITIES} municipalities: failed: ${largePackError}`);
  }

  const durationSeconds = (performance.now() - started) / 1000;
  log(`read: ${Math.round(durationSeconds)} s in all`);
  return {
    durationSeconds,
    reportsPerDay: REPORTS_PER_DAY,
    days: READ_DAYS,
    firstDay,
    openDay,
    timeZone: TIME_ZONE,
    env: KEEP_EVERYTHING,
    metricCount: MUNICIPALITY_METRICS,
    limits: { jsonRows: MAX_ROWS, csvRows: MAX_ROWS },
    ingestFraction: CONCURRENT_INGEST_FRACTION,
    ingestRate,
    starts,
    runs,
    peakRssBytes,
    exitCode,
    csv,
    ...(largePackError ? { largePackError } : {}),
    ...(delivery ? { delivery } : {}),
    ...(deliveryError ? { deliveryError } : {}),
  };
}
