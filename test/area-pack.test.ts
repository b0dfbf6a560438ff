import { describe, expect, it } from 'vitest';
import { loadAreaPack, si } from '../aggregator/areas/index.js';
import { buildAreaPack } from '../aggregator/areas/pack.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('area packs', () => {
  it('loads Slovenia: 12 regions, 212 municipalities, 2,108,977 people', () => {
    const pack = loadAreaPack('si');
    expect(pack.regions).toHaveLength(12);
    expect(pack.municipalities).toHaveLength(212);
    expect(pack.population).toBe(2108977);
    expect(pack.municipalityByCode.get('SI-017')).toEqual({ code: 'SI-017', name: 'Črnomelj', region: 'SI037', population: 14308 });
    expect(pack.regionByCode.get('SI041')?.name).toBe('Osrednjeslovenska');
  });

  it('loads a pack from a JSON file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pack-')), 'xx.json');
    writeFileSync(path, JSON.stringify({ ...si, id: 'copy' }));
    expect(loadAreaPack(path).id).toBe('copy');
  });

  it('refuses an unknown pack name', () => {
    expect(() => loadAreaPack('atlantis')).toThrow(/unknown area pack "atlantis"/);
  });

  it.each([
    ['a municipality in an unknown region', { municipalities: [{ ...si.municipalities[0]!, region: 'XX1' }, ...si.municipalities.slice(1)] }, /unknown region XX1/],
    ['a duplicate municipality code', { municipalities: [...si.municipalities, si.municipalities[0]!] }, /duplicate code SI-001/],
    ['populations that do not add up', { populationByAgeBand: { ...si.populationByAgeBand, '75+': 1 } }, /differs from the municipalities' sum/],
    ['a missing age band', { populationByAgeBand: { ...si.populationByAgeBand, '75+': undefined } }, /75\+/],
    ['an unknown field', { capital: 'Ljubljana' }, /capital/],
  ])('refuses %s', (_name, change, message) => {
    expect(() => buildAreaPack({ ...si, ...change })).toThrow(message);
  });
});
