import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { stringify, type Options as CsvOptions } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Context } from 'hono';
import type { AreaPack } from '../aggregator/areas/index.js';
import { COLUMNS } from '../aggregator/dictionary.js';
import { type ReleasedRow, rows } from '../aggregator/released-rows.js';
import type { ReleasedSnapshot } from '../aggregator/snapshot.js';
import { ProblemError } from './problem.js';
import { rowQuery, statsQuerySchema } from './stats-query.js';
import { dataPackage } from './data-package.js';
import { snapshotInfo, snapshotSchema } from './snapshot-info.js';

/** A JSON answer larger than this is refused: narrow the query. */
export const MAX_JSON_ROWS = 100_000;
/** The CSV streams, so it may be larger. */
export const MAX_CSV_ROWS = 1_000_000;
/** How many distinct JSON answers are kept per snapshot. */
const CACHE_ENTRIES = 256;
/**
 * CSV rows written per chunk: the event loop is given back between chunks, so a large
 * download neither blocks reports nor goes out as one HTTP chunk per row.
 */
const CSV_BATCH = 2000;

const CSV_OPTIONS: CsvOptions = {
  columns: COLUMNS.map((column) => column.name),
  record_delimiter: 'windows',
  escape_formulas: true,
  cast: { boolean: (value) => (value ? 'true' : 'false') },
};

function tooMany(max: number): ProblemError {
  return new ProblemError(400, { detail: `the query selects more than ${max} rows: narrow it by level, area, metrics or dates` });
}

/** Counts the rows without holding the event loop, refusing more than `max`. */
async function ensureAtMost(all: Iterable<ReleasedRow>, max: number): Promise<void> {
  let n = 0;
  for (const _ of all) {
    if (++n > max) {
      throw tooMany(max);
    }
    if (n % CSV_BATCH === 0) await nextTurn();
  }
}

/** RFC 4180 with a BOM and a header row, in chunks of CSV_BATCH rows. */
async function* csvChunks(all: Iterable<ReleasedRow>): AsyncGenerator<string> {
  let batch: ReleasedRow[] = [];
  let first = true;
  const flush = () => {
    const chunk = stringify(batch, { ...CSV_OPTIONS, header: first, bom: first });
    first = false;
    batch = [];
    return chunk;
  };
  for (const row of all) {
    batch.push(row);
    if (batch.length === CSV_BATCH) {
      yield flush();
      await nextTurn();
    }
  }
  if (batch.length > 0 || first) yield flush();
}

export interface StatsParts {
  areaPack: AreaPack;
  /** The current released snapshot, held in memory. */
  snapshot: () => ReleasedSnapshot;
}

const columnSchema = (type: (typeof COLUMNS)[number]['type']) =>
  type === 'string' ? z.string() : type === 'boolean' ? z.boolean() : type === 'integer' ? z.number().int() : z.number();

export const rowSchema = z
  .object(Object.fromEntries(COLUMNS.map((c) => [c.name, columnSchema(c.type).nullable().openapi({ description: c.description })])))
  .openapi('Row');

const problemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string() })
  .openapi('Problem');

function etagOf(s: ReleasedSnapshot, kind: string, key: string): string {
  return `"${s.time.toString(36)}-${createHash('sha1').update(kind + key).digest('base64url').slice(0, 16)}"`;
}

export function cacheHeaders(s: ReleasedSnapshot, etag: string): Record<string, string> {
  return {
    etag,
    'last-modified': new Date(s.time).toUTCString(),
    // Short enough that a new snapshot reaches readers soon after its release.
    'cache-control': 'public, max-age=60',
  };
}

interface Conditional {
  s: ReleasedSnapshot;
  /** The query string, as the cache key. */
  key: string;
  etag: string;
  /** The 304 answer when the client already holds this representation. */
  unchanged: Response | undefined;
}

/** The snapshot a request is answered from, its ETag, and a 304 when If-None-Match matches. */
export function conditional(c: Context, s: ReleasedSnapshot, kind: 'json' | 'csv' | 'snapshot'): Conditional {
  const key = c.req.url.slice(c.req.url.indexOf('?') + 1 || c.req.url.length);
  const etag = etagOf(s, kind, key);
  const asked = c.req.header('if-none-match');
  const matches = asked?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*') ?? false;
  return { s, key, etag, unchanged: matches ? c.body(null, 304, cacheHeaders(s, etag)) : undefined };
}

function* limited(all: Iterable<ReleasedRow>, max: number): Generator<ReleasedRow> {
  let n = 0;
  for (const row of all) {
    if (++n > max) {
      throw tooMany(max);
    }
    yield row;
  }
}

/**
 * Says a download holds synthetic demonstration data (`npm run demo`), where a program sees it
 * without opening the file; the CSV itself stays as any other, so it loads the same.
 */
const SYNTHETIC_HEADER = 'synthetic-data';

/**
 * The public statistics: JSON, CSV and the data package, all read from the in-memory
 * snapshot. On a demonstration (`synthetic`) the CSV's name and headers and the data package
 * say the numbers are synthetic.
 */
export function statsRoutes(parts: StatsParts, synthetic = false): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = result.error.issues.map((issue) => ({
          field: String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(query)')),
          pointer: '',
          detail: issue.message,
        }));
        throw new ProblemError(400, { detail: `invalid query: ${errors.map((e) => e.field).join(', ')}`, errors });
      }
      return undefined;
    },
  });
  const query = statsQuerySchema(parts.areaPack);
  const errors = { 400: { description: 'Invalid query', content: { 'application/problem+json': { schema: problemSchema } } } };

  let cachedFor: ReleasedSnapshot | undefined;
  const cache = new Map<string, string>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/stats',
      summary: 'Released statistics as JSON rows',
      request: { query },
      responses: {
        200: {
          description: 'Rows in long format (period × area × metric) with the snapshot they come from.',
          content: { 'application/json': { schema: z.object({ snapshot: snapshotSchema, rows: z.array(rowSchema) }) } },
        },
        304: { description: 'Not modified since the ETag given in If-None-Match.' },
        ...errors,
      },
    }),
    function stats(c) {
      const { s, key, etag, unchanged } = conditional(c, parts.snapshot(), 'json');
      if (unchanged) return unchanged;
      if (cachedFor !== s) {
        cachedFor = s;
        cache.clear();
      }
      let body = cache.get(key);
      if (body === undefined) {
        const selected = [...limited(rows(s, rowQuery(c.req.valid('query'), s.openDay.day)), MAX_JSON_ROWS)];
        body = JSON.stringify({ snapshot: snapshotInfo(s), rows: selected });
        if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
        cache.set(key, body);
      }
      return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8', ...cacheHeaders(s, etag) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/stats.csv',
      summary: 'Released statistics as CSV (RFC 4180, UTF-8 with BOM)',
      request: { query },
      responses: {
        200: {
          description: 'The same rows as /api/v1/stats, one per line; the data package describes the columns.',
          headers: {
            [SYNTHETIC_HEADER]: {
              description: 'Present, `true`, only on a demonstration: the rows are synthetic, generated from a fixed seed, and the file name starts with `synthetic-demo_`.',
              schema: { type: 'string', enum: ['true'] },
            },
          },
          content: { 'text/csv': { schema: z.string() } },
        },
        304: { description: 'Not modified since the ETag given in If-None-Match.' },
        ...errors,
      },
    }),
    async function statsCsv(c) {
      const { s, etag, unchanged } = conditional(c, parts.snapshot(), 'csv');
      if (unchanged) return unchanged;
      const q = rowQuery(c.req.valid('query'), s.openDay.day);
      // Count first, so a too-large query is refused with a problem document, not a cut-off file.
      await ensureAtMost(rows(s, q), MAX_CSV_ROWS);
      const csv = Readable.from(csvChunks(rows(s, q)));
      const scope = [q.level ?? 'all-levels', q.areas?.join('+'), q.timeType, `${q.from}_${q.to}`].filter(Boolean).join('_');
      const released = new Date(s.time).toISOString().slice(0, 16).replace(':', '');
      return c.body(Readable.toWeb(csv) as ReadableStream, 200, {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="${synthetic ? 'synthetic-demo_' : ''}symptoms_${scope}_released-${released}Z.csv"`,
        ...(synthetic ? { [SYNTHETIC_HEADER]: 'true' } : {}),
        ...cacheHeaders(s, etag),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/datapackage.json',
      summary: 'Frictionless Data Package describing the CSV: the data dictionary',
      responses: { 200: { description: 'A tabular data package.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
    }),
    function datapackage(c) {
      return c.json(dataPackage(parts.areaPack, synthetic), 200, { 'cache-control': 'public, max-age=3600' });
    },
  );
  return app;
}
