import { Hono } from 'hono';
import type { AreaPack } from '../aggregator/areas/index.js';

export interface AreasParts {
  areaPack: AreaPack;
}

/** The active area pack as the public sees it: names, codes, hierarchy and populations. */
export interface AreasDocument {
  country: { code: string; name: string; population: number };
  regions: { code: string; name: string; population: number }[];
  municipalities: { code: string; name: string; region: string; population: number }[];
}

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
