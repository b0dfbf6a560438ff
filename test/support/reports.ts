import type { Report } from '../../aggregator/questionnaire.js';

/** A deterministic pseudo-random source (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

export function subset<T>(random: () => number, values: readonly T[], p: number): T[] {
  return values.filter(() => random() < p);
}

/** A valid report; the tests pass literal value lists so they do not lean on the code under test. */
export const VALID_REPORT: Report = {
  area: 'SI-061',
  ageBand: '25-34',
  symptoms: ['fever', 'cough'],
  warningSigns: [],
  onset: '1-3d',
  contact: 'no',
  test: 'not_tested',
  consent: true,
};
