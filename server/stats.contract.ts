import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AreaPack } from '../aggregator/areas/index.js';
import { COLUMNS } from '../aggregator/dictionary.js';
import { problemContent } from './problem.js';
import { STATS_ALIASES, statsQueryShape } from './stats-query.js';
import { snapshotSchema } from './snapshot-info.js';

/** A JSON or CSV answer larger than this is refused: narrow the query. */
export const MAX_ROWS = 100_000;

/**
 * Says a download holds synthetic demonstration data (`npm run demo`), where a program sees it
 * without opening the file; the CSV itself stays as any other, so it loads the same.
 */
export const SYNTHETIC_HEADER = 'synthetic-data';

const columnSchema = (type: (typeof COLUMNS)[number]['type']) =>
  type === 'string' ? z.string() : type === 'boolean' ? z.boolean() : type === 'integer' ? z.number().int() : z.number();

const rowSchema = z
  .object(Object.fromEntries(COLUMNS.map((c) => [c.name, columnSchema(c.type).nullable().openapi({ description: c.description })])))
  .openapi('Row');

/** The query parameters as documented: the current names, then the former ones, deprecated. */
function documentedQuery(pack: AreaPack) {
  const shape = statsQueryShape(pack);
  const former = Object.fromEntries(
    Object.entries(STATS_ALIASES).map(([old, name]) => [
      old,
      (name === 'time_type' ? shape.time_type.optional() : shape[name as keyof typeof shape]).openapi({
        param: { deprecated: true },
        description: `Former name of ${name}, accepted until the next version of the API.`,
      }),
    ]),
  );
  return z.object({ ...shape, ...former });
}

const compressed = 'Compressed with br or gzip when Accept-Encoding allows (compressed once per snapshot); ETag, Last-Modified and Cache-Control given, 304 to a matching If-None-Match.';

/** Registers the statistics routes (server/stats.routes.ts) in the OpenAPI description. */
export function documentStats(registry: OpenAPIHono['openAPIRegistry'], pack: AreaPack): void {
  const query = documentedQuery(pack);
  const errors = {
    304: { description: 'Not modified since the ETag given in If-None-Match.' },
    400: { description: `Invalid query, or more than ${MAX_ROWS} rows; errors[].pointer names each parameter (\`/geo_value/1\`).`, content: problemContent },
  };
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stats',
    summary: 'Released statistics as JSON rows',
    description: compressed,
    request: { query },
    responses: {
      200: {
        description: 'Rows in long format (period × area × metric) with the snapshot they come from.',
        content: { 'application/json': { schema: z.object({ snapshot: snapshotSchema, rows: z.array(rowSchema) }) } },
      },
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stats.csv',
    summary: 'Released statistics as CSV (RFC 4180, UTF-8 with BOM)',
    description: compressed,
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
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/snapshot',
    summary: 'The current snapshot: when it was released, the open day and the release policy',
    description: 'An open page asks again with If-None-Match every release interval: a 304 and no body until a new snapshot is out.',
    responses: {
      200: {
        description: 'The snapshot every answer of /api/v1/stats is read from now; its ETag changes with each release.',
        content: { 'application/json': { schema: snapshotSchema } },
      },
      304: errors[304],
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/datapackage.json',
    summary: 'Frictionless Data Package describing the CSV: the data dictionary',
    responses: { 200: { description: 'A tabular data package.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
  });
}
