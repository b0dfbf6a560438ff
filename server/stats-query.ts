import { z } from '@hono/zod-openapi';
import type { AreaPack } from '../aggregator/areas/index.js';
import { epochDay, isoDate } from '../aggregator/calendar.js';
import { METRIC_NAMES } from '../aggregator/metrics.js';
import { type GeoType, tableSpec, type TimeType } from '../aggregator/publication.js';
import { snapshotAreas } from '../aggregator/release.js';
import type { RowQuery } from '../aggregator/released-rows.js';
import { choice } from './query-params.js';

/** Without dates, a query covers the 28 days up to the open day. */
export const DEFAULT_DAYS = 28;

/**
 * The parameters' former names, accepted for one more version of the API: each is now named
 * after the column it filters.
 */
export const STATS_ALIASES: Readonly<Record<string, string>> = { level: 'geo_type', area: 'geo_value', period: 'time_type', metrics: 'metric' };

const GEO_TYPES = ['country', 'region', 'municipality'] as const;
const TIME_TYPES = ['day', 'week'] as const;

/** A comma-separated list of known values, each once; an error points at the item. */
const list = (known: ReadonlySet<string>, what: string) =>
  z.string().transform((value, ctx) => {
    const items = value.split(',');
    items.forEach((item, i) => {
      const message = item === '' ? `empty ${what}` : !known.has(item) ? `unknown ${what}: ${item}` : items.indexOf(item) < i ? `${item} is listed twice` : undefined;
      if (message) ctx.addIssue({ code: 'custom', message, path: [i] });
    });
    return items;
  });

/** The filters' documentation, shared by the validating schema and the OpenAPI description. */
export function statsQueryShape(pack: AreaPack) {
  const areaCodes = new Set([pack.country.code, ...pack.regionByCode.keys(), ...pack.municipalityByCode.keys()]);
  return {
    time_type: choice(TIME_TYPES).openapi({ description: 'Days or ISO weeks (a week is included when all its days are). Required.' }),
    geo_type: choice(GEO_TYPES).optional().openapi({ description: 'Only areas of this level; municipalities publish ISO weeks only.' }),
    geo_value: list(areaCodes, 'area')
      .optional()
      .openapi({ type: 'string', description: 'Comma-separated area codes (country, NUTS-3 region, ISO 3166-2 municipality), of geo_type when it is given.' }),
    metric: list(METRIC_NAMES, 'metric').optional().openapi({ type: 'string', description: 'Comma-separated metric names (see the data package), published at the chosen level.' }),
    from: z.iso.date().optional().openapi({ description: `First day, inclusive (ISO 8601 date). Default: ${DEFAULT_DAYS - 1} days before \`to\`.` }),
    to: z.iso.date().optional().openapi({ description: 'Last day, inclusive (ISO 8601 date). Default: the open day.' }),
  };
}

/**
 * The filters of /api/v1/stats and /api/v1/stats.csv, under their current names: unknown
 * parameters, values and combinations that select what is never published (a region code with
 * geo_type=municipality, municipalities by day, a metric a level does not publish) are refused.
 */
export function statsQuerySchema(pack: AreaPack) {
  const levelOf = new Map(snapshotAreas(pack).map((a) => [a.code, a.level]));
  return z.strictObject(statsQueryShape(pack)).superRefine((q, ctx) => {
    const codes = q.geo_value ?? [];
    codes.forEach((code, i) => {
      const level = levelOf.get(code);
      if (!level) return;
      if (q.geo_type && level !== q.geo_type) ctx.addIssue({ code: 'custom', path: ['geo_value', i], message: `${code} is a ${level}, not a ${q.geo_type}` });
      else if (!q.geo_type && !tableSpec(level, q.time_type)) ctx.addIssue({ code: 'custom', path: ['geo_value', i], message: `${code}: a ${level} publishes no ${q.time_type}s` });
    });
    if (q.geo_type && !tableSpec(q.geo_type, q.time_type)) {
      ctx.addIssue({ code: 'custom', path: ['time_type'], message: `a ${q.geo_type} publishes no ${q.time_type}s` });
    }
    const levels = q.geo_type ? [q.geo_type] : codes.length > 0 ? [...new Set(codes.flatMap((c) => levelOf.get(c) ?? []))] : GEO_TYPES;
    const published = new Set(levels.flatMap((level) => tableSpec(level, q.time_type)?.metrics ?? []));
    q.metric?.forEach((metric, i) => {
      if (METRIC_NAMES.has(metric) && !published.has(metric)) {
        ctx.addIssue({ code: 'custom', path: ['metric', i], message: `${metric} is not published by ${q.time_type} for ${levels.join(' or ')}` });
      }
    });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: '`from` is after `to`' });
  });
}

export type StatsQuery = z.output<ReturnType<typeof statsQuerySchema>>;

/** The row filter for a query against a snapshot whose open day is `openDay`. */
export function rowQuery(q: StatsQuery, openDay: string): RowQuery & { from: string; to: string } {
  const to = q.to ?? openDay;
  const from = q.from ?? isoDate(epochDay(to) - (DEFAULT_DAYS - 1));
  return {
    from,
    to,
    timeType: q.time_type as TimeType,
    ...(q.geo_type ? { level: q.geo_type as GeoType } : {}),
    ...(q.geo_value ? { areas: q.geo_value } : {}),
    ...(q.metric ? { metrics: q.metric } : {}),
  };
}
