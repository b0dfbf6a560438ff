import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AreaPack } from '../../aggregator/areas/index.js';
import { problemContent } from '../problem.js';
import { MAX_ROWS } from '../stats.contract.js';
import { EPIDATA_ALIASES, epidataQueryShape } from './epidata-query.js';
import { EPIDATA_BASE } from './epidata.routes.js';

const number = z.number().nullable();
const missing = z.number().int().openapi({ description: "Delphi's missing code: 0 present, 1 not applicable, 3 withheld (too few published reports)." });

const rowSchema = z
  .object({
    geo_value: z.string(),
    signal: z.string(),
    time_value: z.number().int().openapi({ description: 'YYYYMMDD, or YYYYWW (epiweeks; ISO weeks for municipalities).' }),
    issue: z.number().int().openapi({ description: 'When it was published, in the unit of time_value: the release it stands from.' }),
    lag: z.number().int().openapi({ description: 'issue − time_value, in days or weeks.' }),
    value: number.openapi({ description: 'A percentage, computed from published counts.' }),
    stderr: number.openapi({ description: "Its standard error, the perturbation's variance included." }),
    sample_size: z.number().int().nullable().openapi({ description: 'The published reports it is computed from.' }),
    missing_value: missing,
    missing_stderr: missing,
    missing_sample_size: missing,
    provisional: z.boolean().openapi({ description: 'True while time_value ends on the open day (today): published again later.' }),
  })
  .openapi('EpidataRow');

const metaSchema = z
  .object({
    data_source: z.string(),
    signal: z.string(),
    time_type: z.enum(['day', 'week']),
    geo_type: z.enum(['country', 'region', 'municipality']),
    min_time: z.number().int().nullable(),
    max_time: z.number().int().nullable(),
    num_locations: z.number().int(),
    min_value: number,
    max_value: number,
    mean_value: number,
    stdev_value: number,
    last_update: z.number().int().nullable().openapi({ description: 'Seconds since 1970 of the last change.' }),
    max_issue: z.number().int().nullable(),
    min_lag: z.number().int().nullable(),
    max_lag: z.number().int().nullable(),
    week_system: z.enum(['mmwr', 'iso']).nullable().openapi({ description: 'The weeks of a weekly signal: epiweeks (MMWR) or ISO weeks.' }),
    description: z.string(),
  })
  .openapi('EpidataMetaRow');

const envelope = (row: z.ZodType) =>
  z.union([
    z.object({ result: z.number().int().openapi({ description: '1 success, 2 truncated, −2 no results.' }), epidata: z.array(row), message: z.string() }),
    z.array(row).openapi({ description: 'format=json: the rows alone.' }),
  ]);

/** Registers the Epidata routes (epidata.routes.ts) in the OpenAPI description. */
export function documentEpidata(registry: OpenAPIHono['openAPIRegistry'], pack: AreaPack): void {
  const shape = epidataQueryShape(pack);
  const aliases = Object.fromEntries(
    Object.entries(EPIDATA_ALIASES).map(([alias, name]) => [alias, shape[name as keyof typeof shape].optional().openapi({ description: `The same as ${name} (Delphi accepts both).` })]),
  );
  const bad = { 400: { description: 'Invalid query: a problem document with errors[].pointer, and result −1 and message for Delphi’s clients.', content: problemContent } };
  registry.registerPath({
    method: 'get',
    path: `${EPIDATA_BASE}/covidcast/`,
    summary: "The signals, in Delphi's Epidata format (COVIDcast endpoint)",
    description:
      `Wire-compatible with Delphi's covidcast endpoint for these parameters: epidatr and epidatpy work with the base URL ${EPIDATA_BASE}/. ` +
      `Values now, as of an earlier moment (as_of), or as (re)issued (issues, lag), from the publication history; at most ${MAX_ROWS} rows (result 2 beyond).`,
    request: { query: z.object({ ...shape, ...aliases }) },
    responses: { 200: { description: 'The rows.', content: { 'application/json': { schema: envelope(rowSchema) } } }, ...bad },
  });
  registry.registerPath({
    method: 'get',
    path: `${EPIDATA_BASE}/covidcast_meta/`,
    summary: 'Every signal served, by level and time type, with a summary of its values',
    request: { query: z.object({ format: shape.format, fields: z.string().optional().openapi({ description: 'Only these fields, or all but those named with a leading -.' }) }) },
    responses: { 200: { description: 'One row per signal, geo_type and time_type.', content: { 'application/json': { schema: envelope(metaSchema) } } }, ...bad },
  });
}
