import { z } from 'zod';
import { AGE_BANDS, type AgeBand } from '../questionnaire.js';

const code = z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'codes are 1-16 letters, digits or hyphens');
const population = z.number().int().nonnegative();

const populationByAgeBand = z.strictObject(
  Object.fromEntries(AGE_BANDS.map((band) => [band, population])) as Record<AgeBand, typeof population>,
);

/**
 * An area pack: one country, its regions (NUTS-3 or equivalent) and municipalities with
 * populations, and the national population by the questionnaire's age bands.
 */
export const areaPackSchema = z
  .strictObject({
    id: z.string().min(1),
    country: z.strictObject({ code, name: z.string().min(1) }),
    populationDate: z.iso.date(),
    source: z.string().min(1),
    regions: z.array(z.strictObject({ code, name: z.string().min(1) })).min(1),
    municipalities: z
      .array(z.strictObject({ code, name: z.string().min(1), region: code, population: population.positive() }))
      .min(1),
    populationByAgeBand,
  })
  .superRefine((pack, ctx) => {
    const regions = new Set(pack.regions.map((r) => r.code));
    const codes = new Set<string>();
    for (const [i, m] of pack.municipalities.entries()) {
      if (!regions.has(m.region)) {
        ctx.addIssue({ code: 'custom', path: ['municipalities', i, 'region'], message: `unknown region ${m.region}` });
      }
      if (codes.has(m.code) || regions.has(m.code) || m.code === pack.country.code) {
        ctx.addIssue({ code: 'custom', path: ['municipalities', i, 'code'], message: `duplicate code ${m.code}` });
      }
      codes.add(m.code);
    }
    if (regions.size !== pack.regions.length) {
      ctx.addIssue({ code: 'custom', path: ['regions'], message: 'duplicate region code' });
    }
    const byMunicipality = pack.municipalities.reduce((sum, m) => sum + m.population, 0);
    const byAge = Object.values(pack.populationByAgeBand).reduce((sum, n) => sum + n, 0);
    if (byMunicipality !== byAge) {
      ctx.addIssue({
        code: 'custom',
        path: ['populationByAgeBand'],
        message: `national population by age band (${byAge}) differs from the municipalities' sum (${byMunicipality})`,
      });
    }
  });

export type AreaPackInput = z.input<typeof areaPackSchema>;
export type Municipality = AreaPackInput['municipalities'][number];
export type Region = AreaPackInput['regions'][number];

/** A validated pack with the look-ups every consumer needs. */
export interface AreaPack extends Readonly<z.output<typeof areaPackSchema>> {
  readonly municipalityByCode: ReadonlyMap<string, Municipality>;
  readonly regionByCode: ReadonlyMap<string, Region>;
  /** The country's population: the sum of its municipalities'. */
  readonly population: number;
  /** Each region's population: the sum of its municipalities'. */
  readonly regionPopulation: ReadonlyMap<string, number>;
}

export function buildAreaPack(input: unknown): AreaPack {
  const pack = areaPackSchema.parse(input);
  return {
    ...pack,
    municipalityByCode: new Map(pack.municipalities.map((m) => [m.code, m])),
    regionByCode: new Map(pack.regions.map((r) => [r.code, r])),
    population: pack.municipalities.reduce((sum, m) => sum + m.population, 0),
    regionPopulation: pack.municipalities.reduce((sums, m) => sums.set(m.region, (sums.get(m.region) ?? 0) + m.population), new Map<string, number>()),
  };
}
