import type { Report } from '../../aggregator/questionnaire.js';

// One seeded generator for the tests and the benchmark, so a failing run can be replayed.
export { pick, seededRandom } from '../../aggregator/synthetic/random.js';

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
