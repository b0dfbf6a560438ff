import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { AreaPack } from '../aggregator/areas/index.js';

export interface AreasParts {
  areaPack: AreaPack;
}

const area = { code: z.string(), name: z.string(), population: z.number().int() };

/** The active area pack as the public sees it: names, codes, hierarchy and populations. */
export const areasSchema = z
  .object({
    country: z.object(area).openapi({ description: 'The population is the sum of the municipalities’.' }),
    regions: z.array(z.object(area)),
    municipalities: z.array(z.object({ ...area, region: z.string().openapi({ description: 'The code of its region.' }) })),
  })
  .openapi('Areas');

export type AreasDocument = z.infer<typeof areasSchema>;

export function areasDocument(pack: AreaPack): AreasDocument {
  return {
    country: { code: pack.country.code, name: pack.country.name, population: pack.population },
    regions: pack.regions.map((r) => ({ code: r.code, name: r.name, population: pack.regionPopulation.get(r.code) ?? 0 })),
    municipalities: pack.municipalities.map((m) => ({ code: m.code, name: m.name, region: m.region, population: m.population })),
  };
}

/**
 * `GET /api/v1/areas`: the country, its regions and municipalities of the pack chosen at
 * start (AREA_PACK). The form's municipality combobox reads it; it changes only with a restart.
 */
export function areasRoutes(parts: AreasParts): Hono {
  const body = JSON.stringify(areasDocument(parts.areaPack));
  const app = new Hono();
  app.get('/api/v1/areas', function areas(c) {
    return c.body(body, 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    });
  });
  return app;
}
