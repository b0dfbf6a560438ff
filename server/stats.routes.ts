import { stringify, type Options as CsvOptions } from 'csv-stringify/sync';
import { Hono, type Context } from 'hono';
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AreaPack } from '../aggregator/areas/index.js';
import { COLUMNS } from '../aggregator/dictionary.js';
import { type ReleasedRow, rows } from '../aggregator/released-rows.js';
import type { ReleasedSnapshot } from '../aggregator/snapshot.js';
import { type Answer, AnswerCache, type Coding, send } from './answers.js';
import { dataPackage } from './data-package.js';
import { ProblemError } from './problem.js';
import { parseQuery, readQuery } from './query-params.js';
import { snapshotInfo } from './snapshot-info.js';
import { MAX_ROWS, SYNTHETIC_HEADER } from './stats.contract.js';
import { rowQuery, STATS_ALIASES, statsQuerySchema } from './stats-query.js';

/**
 * CSV rows written per chunk: the event loop is given back between chunks, so a large
 * download does not hold back reports.
 */
const CSV_BATCH = 2000;

const CSV_OPTIONS: CsvOptions = {
  columns: COLUMNS.map((column) => column.name),
  record_delimiter: 'windows',
  escape_formulas: true,
  cast: { boolean: (value) => (value ? 'true' : 'false') },
};

/** RFC 4180 with a BOM and a header row, built a chunk at a time. */
async function csvBody(all: readonly ReleasedRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i === 0 || i < all.length; i += CSV_BATCH) {
    chunks.push(Buffer.from(stringify(all.slice(i, i + CSV_BATCH), { ...CSV_OPTIONS, header: i === 0, bom: i === 0 })));
    if (i + CSV_BATCH < all.length) await nextTurn();
  }
  return Buffer.concat(chunks);
}

/** The selected rows, refusing more than MAX_ROWS. */
function selected(all: Iterable<ReleasedRow>): ReleasedRow[] {
  const out: ReleasedRow[] = [];
  for (const row of all) {
    if (out.length === MAX_ROWS) throw new ProblemError(400, { detail: `the query selects more than ${MAX_ROWS} rows: narrow it by geo_type, geo_value, metric or dates` });
    out.push(row);
  }
  return out;
}

export function cacheHeaders(s: ReleasedSnapshot): Record<string, string> {
  return {
    'last-modified': new Date(s.time).toUTCString(),
    // Short enough that a new snapshot reaches readers soon after its release.
    'cache-control': 'public, max-age=60',
  };
}

/** The query string of a request as it was sent: the cache key of its answer. */
export function rawQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

export function entityTag(s: ReleasedSnapshot, key: string): string {
  return `${s.time.toString(36)}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}`;
}

export interface StatsParts {
  areaPack: AreaPack;
  /** The current released snapshot, held in memory. */
  snapshot: () => ReleasedSnapshot;
  /** Hears of each compression of an answer. */
  onCompress?: (coding: Coding) => void;
}

/**
 * The public statistics: JSON, CSV and the data package, all read from the in-memory snapshot.
 * An answer is built once per snapshot and query string, and kept with its compressed forms; a
 * request for it then skips validation too (its query string was valid when it was built). On a
 * demonstration (`synthetic`) the CSV's name and headers and the data package say the numbers
 * are synthetic.
 */
export function statsRoutes(parts: StatsParts, synthetic = false): Hono {
  const schema = statsQuerySchema(parts.areaPack);
  const cache = new AnswerCache(parts.onCompress);

  function build(c: Context, s: ReleasedSnapshot, kind: 'json' | 'csv', key: string): Answer | Promise<Answer> {
    const q = rowQuery(parseQuery(schema, readQuery(c.req.url, STATS_ALIASES)), s.openDay.day);
    const found = selected(rows(s, q));
    const tag = entityTag(s, key);
    if (kind === 'json') {
      return cache.answer(Buffer.from(JSON.stringify({ snapshot: snapshotInfo(s), rows: found })), { 'content-type': 'application/json; charset=utf-8', ...cacheHeaders(s) }, tag);
    }
    const scope = [q.level ?? 'all-levels', q.areas?.join('+'), q.timeType, `${q.from}_${q.to}`].filter(Boolean).join('_');
    const released = new Date(s.time).toISOString().slice(0, 16).replace(':', '');
    const headers = {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${synthetic ? 'synthetic-demo_' : ''}symptoms_${scope}_released-${released}Z.csv"`,
      ...(synthetic ? { [SYNTHETIC_HEADER]: 'true' } : {}),
      ...cacheHeaders(s),
    };
    return csvBody(found).then((body) => cache.answer(body, headers, tag));
  }

  function answer(c: Context, kind: 'json' | 'csv') {
    const s = parts.snapshot();
    const key = `${kind}?${rawQuery(c.req.url)}`;
    const found = cache.obtain(s, key, () => build(c, s, kind, key));
    return send(c, found);
  }

  const app = new Hono();
  app.get('/api/v1/stats', function stats(c) {
    return answer(c, 'json');
  });
  app.get('/api/v1/stats.csv', function statsCsv(c) {
    return answer(c, 'csv');
  });
  const pkgBody = Buffer.from(JSON.stringify(dataPackage(parts.areaPack, synthetic)));
  const pkg = cache.answer(pkgBody, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=3600' }, createHash('sha1').update(pkgBody).digest('base64url').slice(0, 16));
  app.get('/api/v1/datapackage.json', function datapackage(c) {
    return send(c, pkg);
  });
  return app;
}
