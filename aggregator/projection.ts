import { CASE_DEFINITIONS } from './case-definitions.js';
import { SYMPTOMATIC } from './metrics.js';
import type { MissingReason } from './publication.js';

/**
 * Projection of released shares onto the population, computed from published (perturbed)
 * counts only. Self-reports are a self-selected sample: these are the numbers the sample would
 * give if it were representative. The intervals hold the sampling error and the perturbation's
 * (its variance added to the binomial one), not the bias of self-selection.
 */

/** The indicators projected: reports with any symptom and each case definition. */
export const PROJECTED_METRICS: readonly string[] = [SYMPTOMATIC, ...CASE_DEFINITIONS.map((d) => d.metric)];

/** The 97.5% quantile of the standard normal, for two-sided 95% intervals. */
export const Z_95 = 1.959963984540054;

/** From this relative standard error on an estimate is flagged unreliable (the NCHS and Eurostat convention). */
export const UNRELIABLE_RSE = 0.3;

/** A released count: its value, or why it is not published. */
export type Released = number | MissingReason;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface ShareEstimate {
  readonly share: number;
  readonly stderr: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly rate_per_100k: number;
  readonly unreliable: boolean;
}

export interface ProjectionFields {
  readonly share: number | null;
  readonly stderr: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  /** The share × the area's population, and the interval scaled the same way. */
  readonly projected: number | null;
  readonly projected_low: number | null;
  readonly projected_high: number | null;
  readonly rate_per_100k: number | null;
  readonly unreliable: boolean | null;
  readonly missing_projection: MissingReason | null;
}

/** Country level only: the share directly standardised to the national population by age band. */
export interface StandardisedFields {
  readonly standardised_share: number | null;
  readonly standardised_stderr: number | null;
  readonly standardised_ci_low: number | null;
  readonly standardised_ci_high: number | null;
  readonly standardised_rate_per_100k: number | null;
  readonly standardised_unreliable: boolean | null;
  readonly missing_standardised: MissingReason | null;
}

/**
 * Wilson score interval for a share p observed among n: unlike the normal (Wald) interval it
 * stays inside [0, 1] and keeps its coverage for small n and shares near 0 or 1.
 */
export function wilsonInterval(p: number, n: number, z = Z_95): Interval {
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * A share with its standard error, interval and rate. A zero share has no relative precision at
 * all, so it counts as unreliable too.
 */
function shareEstimate(share: number, stderr: number, ci: Interval): ShareEstimate {
  const unreliable = share === 0 || stderr / share >= UNRELIABLE_RSE;
  return { share, stderr, ci_low: ci.low, ci_high: ci.high, rate_per_100k: share * 100_000, unreliable };
}

/**
 * The variance of a share x / n of perturbed counts: the binomial p(1 − p) / n, plus that of
 * the two deviations (each of variance v) by the delta method, v (1 + p²) / n².
 */
function shareVariance(p: number, n: number, v: number): number {
  return (p * (1 - p)) / n + (v * (1 + p * p)) / (n * n);
}

/**
 * The sample size a binomial share would need for the variance above, for the Wilson interval;
 * with the share shrunk towards ½ (Agresti and Coull's (x + 2) / (n + 4)) so a share of 0 or 1
 * still gets an interval of honest width.
 */
function effectiveSize(x: number, n: number, v: number): number {
  const p = (x + 2) / (n + 4);
  return (p * (1 - p)) / shareVariance(p, n, v);
}

/**
 * The share x / n of published counts with its standard error and 95% Wilson interval, given
 * the perturbation variance v. Perturbed counts need not nest, so a share above 1 is taken as 1.
 */
export function estimateShare(x: number, n: number, v: number): ShareEstimate {
  const share = Math.min(1, x / n);
  const stderr = Math.sqrt(shareVariance(share, n, v));
  return shareEstimate(share, stderr, wilsonInterval(share, effectiveSize(Math.min(x, n), n, v)));
}

/**
 * Direct standardisation: the band shares x_b / n_b weighted by the standard population's band
 * shares w_b, with variance Σ w_b² var_b (each band's share variance, perturbation included).
 * The interval is Wilson's with the effective sample size p (1 − p) / variance, so it behaves
 * like the crude one near 0 and 1; where that is undefined (a share of 0 or 1) the reports
 * themselves are the sample size. Every band needs at least one report.
 */
export function ageStandardisedShare(
  bands: readonly { readonly x: number; readonly n: number }[],
  population: readonly number[],
  v: number,
): ShareEstimate {
  const total = population.reduce((sum, p) => sum + p, 0);
  let share = 0;
  let variance = 0;
  let reports = 0;
  bands.forEach(({ x, n }, i) => {
    const w = population[i]! / total;
    const p = Math.min(1, x / n);
    share += w * p;
    variance += w * w * shareVariance(p, n, v);
    reports += n;
  });
  const stderr = Math.sqrt(variance);
  return shareEstimate(share, stderr, wilsonInterval(share, share > 0 && share < 1 ? (share * (1 - share)) / variance : reports));
}

export const NOT_PROJECTED: ProjectionFields = {
  share: null,
  stderr: null,
  ci_low: null,
  ci_high: null,
  projected: null,
  projected_low: null,
  projected_high: null,
  rate_per_100k: null,
  unreliable: null,
  missing_projection: 'not_applicable',
};

const absentProjection = (reason: MissingReason): ProjectionFields => ({ ...NOT_PROJECTED, missing_projection: reason });

export const NOT_STANDARDISED: StandardisedFields = {
  standardised_share: null,
  standardised_stderr: null,
  standardised_ci_low: null,
  standardised_ci_high: null,
  standardised_rate_per_100k: null,
  standardised_unreliable: null,
  missing_standardised: 'not_applicable',
};

const absentStandardised = (reason: MissingReason): StandardisedFields => ({ ...NOT_STANDARDISED, missing_standardised: reason });

/**
 * The projection of a released count x among the area-period's released reports n onto the
 * area's population, for perturbation variance v; absent, with the reason, where an input is not
 * published or n is below minReports.
 */
export function projectShare(x: Released, n: Released, population: number, minReports: number, v: number): ProjectionFields {
  if (typeof n !== 'number') return absentProjection(n);
  if (n < minReports) return absentProjection('below_minimum');
  if (typeof x !== 'number') return absentProjection(x);
  const e = estimateShare(x, n, v);
  return {
    share: e.share,
    stderr: e.stderr,
    ci_low: e.ci_low,
    ci_high: e.ci_high,
    projected: e.share * population,
    projected_low: e.ci_low * population,
    projected_high: e.ci_high * population,
    rate_per_100k: e.rate_per_100k,
    unreliable: e.unreliable,
    missing_projection: null,
  };
}

/**
 * The age-standardised share from the released age-band counts (x_b among n_b reports) and
 * the standard population by band; n is the area-period's released reports, v the perturbation
 * variance. Absent where n is below minReports, a band count is not published, or a band has
 * no reports.
 */
export function projectStandardised(
  n: Released,
  bands: readonly { readonly x: Released; readonly n: Released }[],
  population: readonly number[],
  minReports: number,
  v: number,
): StandardisedFields {
  if (typeof n !== 'number') return absentStandardised(n);
  if (n < minReports) return absentStandardised('below_minimum');
  const counts: { x: number; n: number }[] = [];
  for (const band of bands) {
    if (typeof band.n !== 'number') return absentStandardised(band.n);
    if (typeof band.x !== 'number') return absentStandardised(band.x);
    if (band.n === 0) return absentStandardised('below_minimum');
    counts.push({ x: band.x, n: band.n });
  }
  return { ...standardised(ageStandardisedShare(counts, population, v)), missing_standardised: null };
}

/** The age-standardised share's fields are the estimate's own, each under the prefix `standardised_`. */
function standardised(e: ShareEstimate): { readonly [K in keyof ShareEstimate as `standardised_${K}`]: ShareEstimate[K] } {
  return Object.fromEntries(Object.entries(e).map(([k, value]) => [`standardised_${k}`, value])) as never;
}
