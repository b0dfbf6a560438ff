import { type AreaPack, buildAreaPack } from '../../aggregator/areas/pack.js';
import { AGE_BANDS } from '../../aggregator/questionnaire.js';

/** A region of a made-up country: its name, and its municipalities by code, each with its name and population. */
interface MadeUpRegion {
  readonly name: string;
  readonly municipalities: Readonly<Record<string, readonly [name: string, population: number]>>;
}

/**
 * A made-up country for tests, written as its regions (by code) holding their municipalities,
 * so that each municipality's region is where it stands; the national population by age band
 * in the order of AGE_BANDS. The pack is validated as a real one is.
 */
export function madeUpPack(
  id: string,
  country: { readonly code: string; readonly name: string },
  regions: Readonly<Record<string, MadeUpRegion>>,
  byAgeBand: readonly number[],
): AreaPack {
  const entries = Object.entries(regions);
  return buildAreaPack({
    id,
    country,
    populationDate: '2020-01-01',
    source: 'made up for tests',
    regions: entries.map(([code, region]) => ({ code, name: region.name })),
    municipalities: entries.flatMap(([region, { municipalities }]) =>
      Object.entries(municipalities).map(([code, [name, population]]) => ({ code, name, region, population })),
    ),
    populationByAgeBand: Object.fromEntries(AGE_BANDS.map((band, i) => [band, byAgeBand[i]])),
  });
}
