import { describe, expect, it } from 'vitest';
import {
  ageStandardisedShare,
  estimateShare,
  PROJECTED_METRICS,
  projectShare,
  projectStandardised,
  wilsonInterval,
} from '../aggregator/projection.js';
import { AGE_BANDS } from '../aggregator/questionnaire.js';
import { release } from '../aggregator/release.js';
import { DEFAULT_RELEASE_POLICY } from '../aggregator/release-policy.js';
import { type Group, PACK, row, storedCounters, TEST_KEYS } from './support/release-fixtures.js';

const DAY = '2026-11-24';
const NOW = Date.UTC(2026, 10, 25, 10);
const snapshot = (groups: readonly Group[]) => release({ counts: storedCounters(groups), pack: PACK, now: NOW, timeZone: 'Europe/Ljubljana', keys: TEST_KEYS });
const RUNNY_NOSE = { symptoms: ['runny_nose' as const], onset: 'today' as const };
/** The perturbation's variance, which the intervals carry. */
const V = DEFAULT_RELEASE_POLICY.perturbation.variance;

describe('Wilson score interval', () => {
  it("matches Newcombe's (1998) worked examples", () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, low, high] of cases) {
      const ci = wilsonInterval(x / n, n);
      expect(ci.low).toBeCloseTo(low, 4);
      expect(ci.high).toBeCloseTo(high, 4);
    }
  });
});

describe('a share', () => {
  it('has its binomial standard error and Wilson interval when nothing is perturbed', () => {
    // 12 of 40: p = 0.3, se = √(0.3 · 0.7 / 40); Wilson by hand: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
    expect(estimateShare(12, 40, 0)).toEqual({
      share: 0.3,
      stderr: expect.closeTo(0.0724569, 6),
      ci_low: expect.closeTo(0.1807485, 6),
      ci_high: expect.closeTo(0.4543002, 6),
      rate_per_100k: 30_000,
      unreliable: false,
    });
  });

  it("widens with the perturbation's variance, added by the delta method", () => {
    // 12 of 40 perturbed with variance 1.5: p(1 − p)/n + v(1 + p²)/n² = 0.00525 + 1.5 · 1.09 / 1600.
    const e = estimateShare(12, 40, 1.5);
    expect(e.share).toBe(0.3);
    expect(e.stderr).toBeCloseTo(Math.sqrt(0.00525 + (1.5 * 1.09) / 1600), 12);
    // Wilson over the effective sample: (x + 2)/(n + 4) = 14/44 shrunk share, its variance as above.
    const p = 14 / 44;
    const effective = (p * (1 - p)) / ((p * (1 - p)) / 40 + (1.5 * (1 + p * p)) / 1600);
    expect(e.ci_low).toBeCloseTo(wilsonInterval(0.3, effective).low, 12);
    expect(e.ci_high - e.ci_low).toBeGreaterThan(estimateShare(12, 40, 0).ci_high - estimateShare(12, 40, 0).ci_low);
  });

  it('is at most 1, as perturbed counts need not nest', () => {
    expect(estimateShare(43, 40, V)).toMatchObject({ share: 1, ci_high: expect.closeTo(1, 12) });
  });

  it('is unreliable from a relative standard error of 30%, and at zero', () => {
    // 5 of 40: se 0.0523, 42% of 0.125.
    expect(estimateShare(5, 40, 0).unreliable).toBe(true);
    // 12 of 40: 24%.
    expect(estimateShare(12, 40, 0).unreliable).toBe(false);
    expect(estimateShare(0, 40, 0)).toMatchObject({ share: 0, stderr: 0, ci_low: 0, unreliable: true });
    // A zero among perturbed counts still has an interval of honest width.
    expect(estimateShare(0, 40, V).ci_high).toBeGreaterThan(estimateShare(0, 40, 0).ci_high);
  });

  it('projects onto the population with the interval scaled', () => {
    expect(projectShare(12, 40, 50_000, 30, 0)).toEqual({
      share: 0.3,
      stderr: expect.closeTo(0.0724569, 6),
      ci_low: expect.closeTo(0.1807485, 6),
      ci_high: expect.closeTo(0.4543002, 6),
      projected: expect.closeTo(15_000, 6),
      projected_low: expect.closeTo(9037.42, 2),
      projected_high: expect.closeTo(22_715.01, 2),
      rate_per_100k: expect.closeTo(30_000, 6),
      unreliable: false,
      missing_projection: null,
    });
  });

  it('is absent, with the reason, where an input is missing or the sample too small', () => {
    expect(projectShare(12, 29, 50_000, 30, V)).toMatchObject({ share: null, projected: null, missing_projection: 'below_minimum' });
    expect(projectShare(12, 'below_minimum', 50_000, 30, V)).toMatchObject({ share: null, missing_projection: 'below_minimum' });
    expect(projectShare('below_minimum', 40, 50_000, 30, V)).toMatchObject({ share: null, missing_projection: 'below_minimum' });
  });
});

describe('age standardisation', () => {
  it('weights band shares by the standard population', () => {
    // Bands 10/50 and 30/50, standard population 3:1. Crude share 0.4; standardised
    // 0.75 · 0.2 + 0.25 · 0.6 = 0.3; variance 0.75² · 0.2 · 0.8/50 + 0.25² · 0.6 · 0.4/50 = 0.0021,
    // so an effective sample of 0.3 · 0.7 / 0.0021 = 100: Wilson for 30 of 100.
    const e = ageStandardisedShare([{ x: 10, n: 50 }, { x: 30, n: 50 }], [3000, 1000], 0);
    expect(e.share).toBeCloseTo(0.3, 12);
    expect(e.stderr).toBeCloseTo(0.0458258, 6);
    expect(e.ci_low).toBeCloseTo(0.2189489, 6);
    expect(e.ci_high).toBeCloseTo(0.3958485, 6);
    expect(e.unreliable).toBe(false);
    // With perturbed counts each band's variance grows by v(1 + p²)/n².
    const perturbed = ageStandardisedShare([{ x: 10, n: 50 }, { x: 30, n: 50 }], [3000, 1000], V);
    expect(perturbed.stderr).toBeCloseTo(Math.sqrt(0.0021 + 0.75 ** 2 * ((V * 1.04) / 2500) + 0.25 ** 2 * ((V * 1.36) / 2500)), 12);
  });

  it('is absent where a band has no reports or too few reports are published', () => {
    const bands = [{ x: 5, n: 10 }, { x: 0, n: 10 }];
    expect(projectStandardised(40, bands, [1, 1], 30, V).standardised_share).toBeCloseTo(0.25, 12);
    expect(projectStandardised(40, [{ x: 'below_minimum', n: 10 }, bands[1]!], [1, 1], 30, V).missing_standardised).toBe('below_minimum');
    expect(projectStandardised(40, [{ x: 0, n: 0 }, bands[1]!], [1, 1], 30, V).missing_standardised).toBe('below_minimum');
    expect(projectStandardised(20, bands, [1, 1], 30, V).missing_standardised).toBe('below_minimum');
  });
});

describe('projection in released rows', () => {
  // M3: 10 reports in each age band, symptomatic 5, 0, 5, 10, 0, 5, 10, 0 by band; M1: 40 without symptoms.
  const symptomatic = [5, 0, 5, 10, 0, 5, 10, 0];
  const groups: Group[] = [
    ...AGE_BANDS.flatMap((ageBand, b) => [
      { day: DAY, area: 'M3', n: 10 - symptomatic[b]!, answers: { ageBand } },
      { day: DAY, area: 'M3', n: symptomatic[b]!, answers: { ageBand, ...RUNNY_NOSE } },
    ]),
    { day: DAY, area: 'M1', n: 40 },
  ];
  const s = snapshot(groups);

  it('computes every share from the published counts, with the perturbation in its interval', () => {
    for (const area of ['XX', 'R1']) {
      const r = row(s, DAY, area, 'symptomatic')!;
      expect(r.value).not.toBeNull();
      const e = estimateShare(r.value!, r.sample_size!, V);
      const population = area === 'XX' ? PACK.population : 60_000;
      expect(r).toMatchObject({ share: e.share, stderr: e.stderr, ci_low: e.ci_low, ci_high: e.ci_high, projected: e.share * population, unreliable: e.unreliable });
      expect(r.share).toBeCloseTo(35 / 120, 1);
    }
  });

  it('standardises by age at country and region level from the published band counts', () => {
    for (const area of ['XX', 'R1']) {
      const r = row(s, DAY, area, 'symptomatic')!;
      const bands = AGE_BANDS.map((band) => ({ x: row(s, DAY, area, `age:${band}:symptomatic`)!.value!, n: row(s, DAY, area, `age:${band}`)!.value! }));
      const e = ageStandardisedShare(bands, s.standardPopulation, V);
      expect(r).toMatchObject({ standardised_share: e.share, standardised_stderr: e.stderr, missing_standardised: null });
    }
  });

  it('projects only the symptomatic and the case definitions, and standardises only those broken down by age', () => {
    expect(PROJECTED_METRICS).toEqual(['symptomatic', 'cli', 'ili', 'covid_criteria']);
    expect(row(s, DAY, 'XX', 'ili')).toMatchObject({ missing_projection: null, missing_standardised: 'not_applicable' });
    expect(row(s, DAY, 'XX', 'symptom:runny_nose')).toMatchObject({ share: null, missing_projection: 'not_applicable', missing_standardised: 'not_applicable' });
  });

  it('is absent with a reason where too few reports are published', () => {
    const small = snapshot([
      { day: DAY, area: 'M1', n: 20 },
      { day: DAY, area: 'M4', n: 3 },
    ]);
    expect(row(small, DAY, 'R1', 'symptomatic')).toMatchObject({ share: null, missing_projection: 'below_minimum' });
    expect(row(small, DAY, 'R2', 'symptomatic')).toMatchObject({ value: null, share: null, missing_projection: 'below_minimum' });
  });
});
