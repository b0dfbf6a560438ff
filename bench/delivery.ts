import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { epochDay, isoDate } from '../aggregator/calendar.js';
import { DATA_SOURCE } from '../aggregator/signals.js';
import type { LoadGenerator } from './load-client.js';
import type { LoadSpec } from './load-protocol.js';
import { describe, log } from './log.js';
import { type MeasuredRun, measured } from './measure.js';
import { rawGet } from './raw-get.js';
import { type ServerProcess, startServer } from './server-process.js';

const BARE_BYTES = fileURLToPath(new URL('./servers/bare-bytes.js', import.meta.url));

/** Where the cached-read targets are judged. */
const DELIVERY_CONNECTIONS = 50;
const WARMUP = 2000;
/** What a browser sends, and what epidatr sends. */
const BROWSER_ENCODING = 'gzip, deflate, br';
const EPIDATR_ENCODING = 'gzip';
/** Response headers a server sets for the connection, not for the answer. */
const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export interface CachedRead {
  path: string;
  acceptEncoding: string;
  /** The coding the service chose, if any. */
  contentEncoding: string | null;
  /** Body bytes of one answer as sent. */
  bytes: number;
  run: MeasuredRun;
}

export interface DeliveryResult {
  /** `GET /api/v1/stats`, a cached query, and a bare Hono endpoint sending the same bytes and headers. */
  stats: CachedRead & { bare: MeasuredRun; ratio: number };
  /** The Epidata endpoints, cached queries. */
  epidata: CachedRead[];
  /** The municipality CSV of the last 28 days (its ISO weeks): its size as sent in each coding. */
  csv: { path: string; rows: number; bytes: Record<'identity' | 'gzip' | 'br', number> };
}

const spec = (url: string, path: string, acceptEncoding: string, amount: number): LoadSpec => ({
  url,
  path,
  method: 'GET',
  connections: DELIVERY_CONNECTIONS,
  amount,
  requests: [{ headers: { 'accept-encoding': acceptEncoding } }],
});

/** A warm-up, then a run of about `seconds` at the rate the warm-up reached. */
async function saturate(server: ServerProcess, load: LoadGenerator, path: string, acceptEncoding: string, seconds: number): Promise<MeasuredRun> {
  const warm = await measured(server, load, spec(server.url, path, acceptEncoding, WARMUP));
  return measured(server, load, spec(server.url, path, acceptEncoding, Math.max(DELIVERY_CONNECTIONS * 10, Math.round(warm.requestsPerSecond * seconds))));
}

async function cachedRead(server: ServerProcess, load: LoadGenerator, path: string, acceptEncoding: string, seconds: number): Promise<CachedRead> {
  const first = await rawGet(server.url + path, { 'accept-encoding': acceptEncoding });
  if (first.status !== 200) throw new Error(`${path}: ${first.status} ${first.body.toString().slice(0, 300)}`);
  const run = await saturate(server, load, path, acceptEncoding, seconds);
  log(`  ${path} (${acceptEncoding}): ${describe(run)}, ${first.body.length} bytes`);
  return { path, acceptEncoding, contentEncoding: (first.headers['content-encoding'] as string | undefined) ?? null, bytes: first.body.length, run };
}

/** The cached statistics query against a bare Hono endpoint that sends the very bytes and headers the service sent. */
async function statsAgainstBare(server: ServerProcess, load: LoadGenerator, seconds: number, dir: string): Promise<DeliveryResult['stats']> {
  const path = '/api/v1/stats?time_type=day&geo_type=country&metric=reports,symptomatic,cli,ili';
  const answer = await rawGet(server.url + path, { 'accept-encoding': BROWSER_ENCODING });
  const bodyFile = join(dir, 'stats-answer.bin');
  writeFileSync(bodyFile, answer.body);
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name, value]) => !HOP_BY_HOP.has(name) && typeof value === 'string'));
  const bare = await startServer({
    name: 'bare-bytes',
    script: BARE_BYTES,
    env: { BARE_PATH: path.slice(0, path.indexOf('?')), BARE_BODY_FILE: bodyFile, BARE_HEADERS: JSON.stringify(headers) },
    dir,
  });
  try {
    // The bare endpoint first, then the service, each warmed up, at the same connections and headers.
    const bareRun = await saturate(bare, load, path, BROWSER_ENCODING, seconds);
    const read = await cachedRead(server, load, path, BROWSER_ENCODING, seconds);
    log(`  bare Hono, same bytes: ${describe(bareRun)}`);
    return { ...read, bare: bareRun, ratio: read.run.requestsPerSecond / bareRun.requestsPerSecond };
  } finally {
    await bare.stop();
  }
}

/**
 * Cached reads on the year-of-data service: the statistics query against a bare Hono
 * endpoint returning the same pre-built bytes, the Epidata endpoints' throughput, and the
 * compressed sizes of a 28-day municipality CSV.
 */
export async function runDelivery(server: ServerProcess, load: LoadGenerator, seconds: number, dir: string, openDay: string): Promise<DeliveryResult> {
  log('delivery: cached answers');
  const stats = await statsAgainstBare(server, load, seconds, dir);
  const day = (back: number) => isoDate(epochDay(openDay) - back).replace(/-/g, '');
  const covidcast = `/api/epidata/covidcast/?data_source=${DATA_SOURCE}&signals=smoothed_cli&geo_type=region&time_type=day&geo_values=%2A&time_values=${day(28)}-${day(0)}`;
  const epidata: CachedRead[] = [];
  // The history begins with this service's first release, so as_of the end of today is the
  // earliest moment that holds every value: the same rows, read through the history's versions.
  for (const path of [covidcast, `${covidcast}&as_of=${day(0)}`, '/api/epidata/covidcast_meta/']) {
    epidata.push(await cachedRead(server, load, path, EPIDATR_ENCODING, seconds));
  }
  const csvPath = `/api/v1/stats.csv?time_type=week&geo_type=municipality&from=${isoDate(epochDay(openDay) - 28)}&to=${isoDate(epochDay(openDay) - 1)}`;
  const [identity, gzip, br] = await Promise.all(['identity', 'gzip', 'br'].map((coding) => rawGet(server.url + csvPath, { 'accept-encoding': coding })));
  const csv = {
    path: csvPath,
    rows: identity!.body.toString('utf8').split('\r\n').length - 2,
    bytes: { identity: identity!.body.length, gzip: gzip!.body.length, br: br!.body.length },
  };
  log(`  28-day municipality CSV: ${csv.rows} rows, ${csv.bytes.identity} bytes, gzip ${csv.bytes.gzip}, br ${csv.bytes.br}`);
  return { stats, epidata, csv };
}
