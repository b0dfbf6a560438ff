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
import { countRows, type Group, PACK, row } from './support/release-fixtures.js';

const DAY = '2026-11-24';
const NOW = Date.UTC(2026, 10, 25, 10);
const snapshot = (groups: readonly Group[]) => release({ counts: countRows(groups), pack: PACK, now: NOW, timeZone: 'Europe/Ljubljana' });
const RUNNY_NOSE = { symptoms: ['runny_nose' as const], onset: 'today' as const };

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
  it('has its binomial standard error and Wilson interval', () => {
    // 12 of 40: p = 0.3, se = √(0.3 · 0.7 / 40); Wilson by hand: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
    expect(estimateShare(12, 40)).toEqual({
      share: 0.3,
      stderr: expect.closeTo(0.0724569, 6),
      ci_low: expect.closeTo(0.1807485, 6),
      ci_high: expect.closeTo(0.4543002, 6),
      unreliable: false,
    });
  });

  it('is unreliable from a relative standard error of 30%, and at zero', () => {
    // 5 of 40: se 0.0523, 42% of 0.125.
    expect(estimateShare(5, 40).unreliable).toBe(true);
    // 12 of 40: 24%.
    expect(estimateShare(12, 40).unreliable).toBe(false);
    expect(estimateShare(0, 40)).toMatchObject({ share: 0, stderr: 0, ci_low: 0, unreliable: true });
  });

  it('projects onto the population with the interval scaled', () => {
    expect(projectShare(12, 40, 50_000, 30)).toEqual({
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
    expect(projectShare(12, 29, 50_000, 30)).toMatchObject({ share: null, projected: null, missing_projection: 'below_minimum' });
    expect(projectShare(12, 'suppressed', 50_000, 30)).toMatchObject({ share: null, missing_projection: 'suppressed' });
    expect(projectShare(12, 'below_minimum', 50_000, 30)).toMatchObject({ share: null, missing_projection: 'below_minimum' });
    expect(projectShare('suppressed', 40, 50_000, 30)).toMatchObject({ share: null, missing_projection: 'suppressed' });
  });
});

describe('age standardisation', () => {
  it('weights band shares by the standard population', () => {
    // Bands 10/50 and 30/50, standard population 3:1. Crude share 0.4; standardised
    // 0.75 · 0.2 + 0.25 · 0.6 = 0.3; variance 0.75² · 0.2 · 0.8/50 + 0.25² · 0.6 · 0.4/50 = 0.0021,
    // so an effective sample of 0.3 · 0.7 / 0.0021 = 100: Wilson for 30 of 100.
    const e = ageStandardisedShare([{ x: 10, n: 50 }, { x: 30, n: 50 }], [3000, 1000]);
    expect(e.share).toBeCloseTo(0.3, 12);
    expect(e.stderr).toBeCloseTo(0.0458258, 6);
    expect(e.ci_low).toBeCloseTo(0.2189489, 6);
    expect(e.ci_high).toBeCloseTo(0.3958485, 6);
    expect(e.unreliable).toBe(false);
  });

  it('is absent where a band count is not published or a band has no reports', () => {
    const bands = [{ x: 5, n: 10 }, { x: 0, n: 10 }];
    expect(projectStandardised(40, bands, [1, 1], 30).standardised_share).toBeCloseTo(0.25, 12);
    expect(projectStandardised(40, [{ x: 'suppressed', n: 10 }, bands[1]!], [1, 1], 30).missing_standardised).toBe('suppressed');
    expect(projectStandardised(40, [{ x: 0, n: 0 }, bands[1]!], [1, 1], 30).missing_standardised).toBe('below_minimum');
    expect(projectStandardised(20, bands, [1, 1], 30).missing_standardised).toBe('below_minimum');
  });
});

describe('projection in released rows', () => {
  // All in M3: 10 reports in each age band; symptomatic 5, 0, 5, 10, 0, 5, 10, 0 by band (35 of 80).
  const symptomatic = [5, 0, 5, 10, 0, 5, 10, 0];
  const groups: Group[] = AGE_BANDS.flatMap((ageBand, b) => [
    { day: DAY, area: 'M3', n: 10 - symptomatic[b]!, answers: { ageBand } },
    { day: DAY, area: 'M3', n: symptomatic[b]!, answers: { ageBand, ...RUNNY_NOSE } },
  ]);
  const s = snapshot(groups);

  it('projects the crude share onto each area and standardises it at country level', () => {
    // Standard weights 20, 10, 15, 15, 15, 15, 20, 15 (of 125 thousand): 0.16 · 0.5 + 0.12 · 0.5
    // + 0.12 · 1 + 0.12 · 0.5 + 0.16 · 1 = 0.48. Variance 0.16² · 0.025 + 2 · 0.12² · 0.025 = 0.00136,
    // effective sample 0.48 · 0.52 / 0.00136 = 183.53.
    expect(row(s, DAY, 'XX', 'symptomatic')).toMatchObject({
      value: 35,
      sample_size: 80,
      share: 0.4375,
      stderr: expect.closeTo(0.0554632, 6),
      ci_low: expect.closeTo(0.3341386, 6),
      ci_high: expect.closeTo(0.5465887, 6),
      projected: expect.closeTo(54_687.5, 6),
      rate_per_100k: expect.closeTo(43_750, 6),
      unreliable: false,
      missing_projection: null,
      standardised_share: expect.closeTo(0.48, 12),
      standardised_stderr: expect.closeTo(0.0368782, 6),
      standardised_ci_low: expect.closeTo(0.4088737, 6),
      standardised_ci_high: expect.closeTo(0.5519463, 6),
      standardised_rate_per_100k: expect.closeTo(48_000, 6),
      standardised_unreliable: false,
      missing_standardised: null,
    });
    // The same share, onto M3's 30 thousand people; standardised only for the country.
    expect(row(s, DAY, 'M3', 'symptomatic')).toMatchObject({
      share: 0.4375,
      projected: expect.closeTo(13_125, 6),
      projected_low: expect.closeTo(0.3341386 * 30_000, 2),
      standardised_share: null,
      missing_standardised: 'not_applicable',
    });
  });

  it('flags a zero share unreliable and standardises it with the reports as the sample', () => {
    expect(row(s, DAY, 'XX', 'cli')).toMatchObject({
      share: 0,
      ci_high: expect.closeTo(0.0458181, 6),
      unreliable: true,
      standardised_share: 0,
      standardised_ci_high: expect.closeTo(0.0458181, 6),
      standardised_unreliable: true,
    });
  });

  it('projects only the symptomatic and the case definitions, and standardises only those broken down by age', () => {
    expect(PROJECTED_METRICS).toEqual(['symptomatic', 'cli', 'ili', 'covid_criteria']);
    expect(row(s, DAY, 'XX', 'ili')).toMatchObject({ share: 0, missing_projection: null, missing_standardised: 'not_applicable' });
    expect(row(s, DAY, 'XX', 'symptom:runny_nose')).toMatchObject({
      value: 35,
      share: null,
      missing_projection: 'not_applicable',
      missing_standardised: 'not_applicable',
    });
  });

  it('is absent with a reason where its inputs are not published', () => {
    const small = snapshot([
      { day: DAY, area: 'M1', n: 20 },
      { day: DAY, area: 'M3', n: 37 },
      { day: DAY, area: 'M3', n: 3, answers: RUNNY_NOSE },
    ]);
    // 20 reports: too few to project.
    expect(row(small, DAY, 'M1', 'symptomatic')).toMatchObject({ value: 0, share: null, missing_projection: 'below_minimum' });
    // 40 reports, but 3 symptomatic: suppressed, so no share either (not a share of zero).
    expect(row(small, DAY, 'M3', 'symptomatic')).toMatchObject({ value: null, share: null, missing_projection: 'suppressed' });

    // M4 (9 reports) is withheld; to protect it R2, R1 and then M1's reports are suppressed.
    const withheld = snapshot([
      { day: DAY, area: 'M1', n: 40 },
      { day: DAY, area: 'M3', n: 40 },
      { day: DAY, area: 'M4', n: 9 },
    ]);
    expect(row(withheld, DAY, 'M4', 'symptomatic')).toMatchObject({ share: null, missing_projection: 'below_minimum' });
    expect(row(withheld, DAY, 'M1', 'symptomatic')).toMatchObject({
      value: 0,
      sample_size: null,
      missing_sample_size: 'suppressed',
      share: null,
      missing_projection: 'suppressed',
    });
    expect(row(withheld, DAY, 'M3', 'symptomatic')).toMatchObject({ sample_size: 40, share: 0 });
  });

  it('is not standardised where an age band count is suppressed', () => {
    const oldestThree = snapshot([...groups, { day: DAY, area: 'M3', n: 3, answers: { ageBand: '75+', ...RUNNY_NOSE } }]);
    expect(row(oldestThree, DAY, 'XX', 'age:75+:symptomatic')?.missing_value).toBe('suppressed');
    expect(row(oldestThree, DAY, 'XX', 'symptomatic')).toMatchObject({ value: 38, missing_standardised: 'suppressed' });
  });

  it('is not standardised where an age band has no reports', () => {
    const noOldest = snapshot(groups.filter((g) => g.answers?.ageBand !== '75+'));
    expect(row(noOldest, DAY, 'XX', 'symptomatic')).toMatchObject({ share: 0.5, missing_standardised: 'below_minimum' });
  });
});
