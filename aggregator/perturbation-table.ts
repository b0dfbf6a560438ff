/**
 * The perturbation table of the cell key method (ABS TableBuilder; ONS and NISRA, Census 2021):
 * for each true count n, the probabilities with which n is published as n + d. A cell's key
 * (uniform on [0, 1)) picks d from the row of its count, so the same cell always gets the same
 * deviation.
 *
 * Each row is the distribution of greatest entropy over the published values the row allows,
 * with mean n (unbiased) and a fixed variance: the construction of Giessing (2016), as in the
 * `ptable` package of Destatis. Published values lie within `maxDeviation` of n, are never
 * negative, and never from 1 to `smallestPublished − 1`, so no 1s or 2s are published with the
 * default. Empty cells are perturbed too (up to D + 1, like a cell of one): an attacker who knew that a zero is always published
 * as 0 could tell, from any other published value, that someone is counted in the cell.
 */

export interface PerturbationParameters {
  /** The largest difference between a published count and the true one (D). */
  readonly maxDeviation: number;
  /** The variance of that difference (V), for every count it does not constrain. */
  readonly variance: number;
  /** The smallest non-zero count that may be published; 3 means no 1s and 2s. */
  readonly smallestPublished: number;
  /** How often an empty cell is published as a positive count (the rest as 0). */
  readonly emptyPublishedShare: number;
}

export const DEFAULT_PERTURBATION: PerturbationParameters = {
  maxDeviation: 5,
  variance: 1.5,
  smallestPublished: 3,
  emptyPublishedShare: 0.1,
};

/** One row: the published values a count may get and their probabilities. */
export interface PerturbationRow {
  readonly count: number;
  readonly values: readonly number[];
  readonly probabilities: readonly number[];
  /** Cumulative probabilities, for the look-up by cell key. */
  readonly cumulative: Float64Array;
}

export interface PerturbationTable {
  readonly parameters: PerturbationParameters;
  /** Rows 0 to `rows.length − 1`; every larger count uses the last row, shifted. */
  readonly rows: readonly PerturbationRow[];
}

/** Why a set of parameters cannot give a table, or undefined when it can. */
export function invalidParameters(p: PerturbationParameters): string | undefined {
  if (!Number.isInteger(p.maxDeviation) || p.maxDeviation < 1) return 'the largest deviation must be a whole number of at least 1';
  if (!Number.isInteger(p.smallestPublished) || p.smallestPublished < 1) return 'the smallest published count must be a whole number of at least 1';
  if (p.maxDeviation < p.smallestPublished) return 'the largest deviation must reach the smallest published count';
  // The unconstrained row allows −D..D: its variance lies strictly between 0 and D².
  if (!(p.variance > 0 && p.variance < p.maxDeviation ** 2)) return `the variance must lie between 0 and ${p.maxDeviation ** 2} (the largest deviation squared)`;
  if (!(p.emptyPublishedShare >= 0 && p.emptyPublishedShare < 1)) return 'the share of empty cells published as positive must be at least 0 and below 1';
  return undefined;
}

/**
 * The maximum-entropy distribution over `deviations` with mean 0 and the given variance:
 * p(d) ∝ exp(a·d + b·d²), with (a, b) found by Newton's method on the two moment equations.
 */
function maximumEntropy(deviations: readonly number[], variance: number): number[] {
  let a = 0;
  let b = -1 / (2 * variance);
  const weights = (x: number, y: number) => deviations.map((d) => Math.exp(x * d + y * d * d));
  for (let iteration = 0; iteration < 200; iteration++) {
    const w = weights(a, b);
    const z = w.reduce((s, v) => s + v, 0);
    const p = w.map((v) => v / z);
    const m1 = deviations.reduce((s, d, i) => s + p[i]! * d, 0);
    const m2 = deviations.reduce((s, d, i) => s + p[i]! * d * d, 0);
    const m3 = deviations.reduce((s, d, i) => s + p[i]! * d ** 3, 0);
    const m4 = deviations.reduce((s, d, i) => s + p[i]! * d ** 4, 0);
    const f1 = m1;
    const f2 = m2 - variance;
    if (Math.abs(f1) < 1e-13 && Math.abs(f2) < 1e-12) return p;
    // Jacobian of (E[d], E[d²]) in (a, b): the covariances of d and d².
    const j11 = m2 - m1 * m1;
    const j12 = m3 - m1 * m2;
    const j22 = m4 - m2 * m2;
    const det = j11 * j22 - j12 * j12;
    let da = (j22 * f1 - j12 * f2) / det;
    let db = (j11 * f2 - j12 * f1) / det;
    // Damped steps keep the exponent from overshooting when a target is far out.
    const scale = Math.min(1, 1 / Math.max(Math.abs(da), Math.abs(db)));
    da *= scale;
    db *= scale;
    a -= da;
    b -= db;
  }
  throw new Error(`no maximum-entropy distribution with variance ${variance} over deviations ${deviations.join(', ')}`);
}

function row(count: number, values: number[], probabilities: number[]): PerturbationRow {
  const cumulative = new Float64Array(probabilities.length);
  probabilities.reduce((sum, p, i) => (cumulative[i] = sum + p), 0);
  cumulative[cumulative.length - 1] = 1;
  return { count, values, probabilities, cumulative };
}

/**
 * How much more than the least variance it could have a row gets whose own count may not be
 * published (1 and 2 by default): such a count can only move to 0 or upwards, and with the least
 * variance it would only ever move to 0 or to the smallest published count.
 */
const HIDDEN_ROW_SPREAD = 0.5;

/**
 * Builds the table. Rows 1 to D + smallestPublished − 1 are constrained by the floor at 0 and
 * the hidden counts. Row 0 publishes 0, or, with probability `emptyPublishedShare`, a positive
 * value drawn like row 1's positive values (up to D + 1): an empty cell and a cell of one person
 * can then publish exactly the same numbers, so no published number tells them apart for sure.
 */
export function perturbationTable(p: PerturbationParameters = DEFAULT_PERTURBATION): PerturbationTable {
  const problem = invalidParameters(p);
  if (problem) throw new Error(problem);
  const D = p.maxDeviation;
  const hidden = p.smallestPublished - 1;
  const allowed = (v: number) => v === 0 || v > hidden;
  const rows: PerturbationRow[] = [];
  for (let n = 1; n <= D + hidden + 1; n++) {
    const values: number[] = [];
    for (let v = Math.max(0, n - D); v <= n + D; v++) if (allowed(v)) values.push(v);
    // The least variance with mean n: all weight on the two allowed values around n.
    const below = Math.max(...values.filter((v) => v <= n));
    const above = Math.min(...values.filter((v) => v >= n));
    const least = (n - below) * (above - n);
    const variance = allowed(n) ? p.variance : Math.max(p.variance, least + HIDDEN_ROW_SPREAD);
    rows.push(row(n, values, maximumEntropy(values.map((v) => v - n), variance)));
  }
  const one = rows[0]!;
  const positive = one.values.flatMap((v, i) => (v > 0 ? [{ v, p: one.probabilities[i]! }] : []));
  const mass = positive.reduce((s, x) => s + x.p, 0);
  const empty = [{ v: 0, p: 1 - p.emptyPublishedShare }, ...positive.map((x) => ({ v: x.v, p: (p.emptyPublishedShare * x.p) / mass }))].filter(
    (x) => x.p > 0,
  );
  rows.unshift(row(0, empty.map((x) => x.v), empty.map((x) => x.p)));
  return { parameters: p, rows };
}

/** The published value of a true count whose cell key, as a fraction of 2³², is `key`. */
export function perturb(t: PerturbationTable, count: number, key: number): number {
  const last = t.rows.length - 1;
  const r = t.rows[Math.min(count, last)]!;
  const u = key / 4294967296;
  let i = 0;
  while (r.cumulative[i]! <= u) i++;
  return r.values[i]! + (count > last ? count - last : 0);
}

/** The true counts that can be published as `value`: what a published number tells. */
export function preimage(t: PerturbationTable, value: number): { min: number; max: number } {
  const last = t.rows.length - 1;
  let min = Infinity;
  let max = -Infinity;
  t.rows.forEach((r, n) => {
    if (r.values.some((v, i) => v === value && r.probabilities[i]! > 0)) {
      min = Math.min(min, n);
      max = Math.max(max, n);
    }
  });
  // Shifted copies of the last row reach value from counts value − D to value + D.
  const D = t.parameters.maxDeviation;
  for (let n = Math.max(last + 1, value - D); n <= value + D; n++) {
    min = Math.min(min, n);
    max = Math.max(max, n);
  }
  return { min, max };
}
