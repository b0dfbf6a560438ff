import { z } from '@hono/zod-openapi';
import type { AreaPack } from '../aggregator/areas/index.js';
import { epochDay, isoDate } from '../aggregator/calendar.js';
import { METRIC_NAMES } from '../aggregator/metrics.js';
import type { GeoType, TimeType } from '../aggregator/publication.js';
import type { RowQuery } from '../aggregator/released-rows.js';

/** Without dates, a query covers the 28 days up to the open day. */
export const DEFAULT_DAYS = 28;

const list = (description: string, known: ReadonlySet<string>, what: string) =>
  z
    .string()
    .transform((value) => value.split(',').filter((item) => item !== ''))
    .superRefine((items, ctx) => {
      const unknown = items.filter((item) => !known.has(item));
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown ${what}: ${unknown.slice(0, 5).join(', ')}` });
    })
    .optional()
    .openapi({ type: 'string', description });

/** The filters of /api/v1/stats and /api/v1/stats.csv; unknown parameters are refused. */
export function statsQuerySchema(pack: AreaPack) {
  const areaCodes = new Set([pack.country.code, ...pack.regionByCode.keys(), ...pack.municipalityByCode.keys()]);
  return z
    .strictObject({
      level: z
        .enum(['country', 'region', 'municipality'])
        .optional()
        .openapi({ description: 'Only areas of this level.' }),
      area: list('Comma-separated area codes (country, NUTS-3 region, ISO 3166-2 municipality).', areaCodes, 'area'),
      from: z.iso.date().optional().openapi({ description: `First day, inclusive (ISO 8601 date). Default: ${DEFAULT_DAYS - 1} days before \`to\`.` }),
      to: z.iso.date().optional().openapi({ description: 'Last day, inclusive (ISO 8601 date). Default: the open day.' }),
      period: z.enum(['day', 'week']).optional().openapi({ description: 'Only days or only ISO weeks (a week is included when all its days are).' }),
      metrics: list('Comma-separated metric names (see the data package).', METRIC_NAMES, 'metric'),
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` is after `to`', path: ['from'] });
}

export type StatsQuery = z.output<ReturnType<typeof statsQuerySchema>>;

/** The row filter for a query against a snapshot whose open day is `openDay`. */
export function rowQuery(q: StatsQuery, openDay: string): RowQuery & { from: string; to: string } {
  const to = q.to ?? openDay;
  const from = q.from ?? isoDate(epochDay(to) - (DEFAULT_DAYS - 1));
  return {
    from,
    to,
    ...(q.level ? { level: q.level as GeoType } : {}),
    ...(q.period ? { timeType: q.period as TimeType } : {}),
    ...(q.area ? { areas: q.area } : {}),
    ...(q.metrics ? { metrics: q.metrics } : {}),
  };
}
