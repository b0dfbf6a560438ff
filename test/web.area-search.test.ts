import { describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { exactArea, matchAreas, searchKey } from '../web/area-search.js';

const options = loadAreaPack('si').municipalities.map(({ code, name }) => ({ code, name }));
const names = (typed: string) => matchAreas(options, typed).map((o) => o.name);

describe('finding a municipality as it is typed', () => {
  it('ignores diacritics and case', () => {
    expect(names('crnomelj')).toEqual(['Črnomelj']);
    expect(names('ČRNOMELJ')).toEqual(['Črnomelj']);
    expect(names('zalec')).toContain('Žalec');
    expect(names('skofja')).toContain('Škofja Loka');
  });

  it('ignores punctuation and extra spaces', () => {
    expect(names('dobrova  polhov')).toEqual(['Dobrova - Polhov Gradec']);
    expect(searchKey('Koper/Capodistria')).toBe('koper capodistria');
  });

  it('lists names that start with the text first, then names with a word that starts with it', () => {
    expect(names('bistrica')).toEqual(['Bistrica ob Sotli', 'Ilirska Bistrica', 'Slovenska Bistrica']);
    expect(names('lj')[0]).toBe('Ljubljana');
  });

  it('finds nothing for text no name contains', () => {
    expect(names('xyz')).toEqual([]);
  });

  it('takes a name typed in full as the choice', () => {
    expect(exactArea(options, 'crnomelj')?.code).toBe('SI-017');
    expect(exactArea(options, 'crnom')).toBeUndefined();
    expect(exactArea(options, '  ')).toBeUndefined();
  });
});
