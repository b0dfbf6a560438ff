import type { AreaPackInput } from '../aggregator/areas/pack.js';
import { AGE_BANDS } from '../aggregator/questionnaire.js';

/**
 * A made-up country of `municipalities` municipalities in `regions` regions, cloned from a
 * real pack: municipality i has the population of the real pack's municipality i mod n, and
 * the national population by age band keeps the real pack's proportions (summing exactly to
 * the municipalities, as the pack schema requires).
 */
export function syntheticPack(base: AreaPackInput, municipalities: number, regions = 40): AreaPackInput {
  const code = (prefix: string, i: number, width: number) => `${prefix}${String(i + 1).padStart(width, '0')}`;
  const regionList = Array.from({ length: regions }, (_, r) => ({ code: code('XR', r, 3), name: `Region ${r + 1}` }));
  const municipalityList = Array.from({ length: municipalities }, (_, i) => ({
    code: code('XM-', i, 5),
    name: `Municipality ${i + 1}`,
    region: regionList[i % regions]!.code,
    population: base.municipalities[i % base.municipalities.length]!.population,
  }));
  const total = municipalityList.reduce((sum, m) => sum + m.population, 0);
  const baseTotal = AGE_BANDS.reduce((sum, band) => sum + base.populationByAgeBand[band], 0);
  const byAge = Object.fromEntries(AGE_BANDS.map((band) => [band, Math.floor((base.populationByAgeBand[band] * total) / baseTotal)]));
  const last = AGE_BANDS[AGE_BANDS.length - 1]!;
  byAge[last] = total - AGE_BANDS.slice(0, -1).reduce((sum, band) => sum + byAge[band]!, 0);
  return {
    id: `synthetic-${municipalities}`,
    country: { code: 'XX', name: 'Synthetic' },
    populationDate: base.populationDate,
    source: `synthetic, cloned from the ${base.id} pack by bench/synthetic-pack.ts`,
    regions: regionList,
    municipalities: municipalityList,
    populationByAgeBand: byAge as AreaPackInput['populationByAgeBand'],
  };
}
