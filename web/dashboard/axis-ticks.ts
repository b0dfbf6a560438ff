/**
 * The value axis of a chart: round ticks from zero, and labels that tell every tick apart.
 * Pure (the locale is given), so it is tested without a browser.
 */

/** The steps a tick may take, × 10ⁿ: each reads as a round number. */
const STEPS = [1, 2, 2.5, 5, 10];

/**
 * Ticks from 0 to the first round value at or above `max`, at most `count + 1` of them, at a
 * step of 1, 2, 2.5 or 5 × 10ⁿ; whole steps only for an axis of counts.
 */
export function niceTicks(max: number, count = 4, whole = false): number[] {
  const top = Math.max(max, whole ? 1 : Number.MIN_VALUE);
  const raw = top / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const steps = STEPS.map((m) => m * power).filter((s) => !whole || (s >= 1 && Number.isInteger(s)));
  const step = steps.find((s) => s * count >= top * (1 - 1e-9)) ?? steps.at(-1)!;
  const n = Math.ceil(top / step - 1e-9);
  // Sums of steps in binary floating point drift (0.1 + 0.2); rounding to the step's decimals does not.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
}

/**
 * The ticks written exactly, with the fewest decimals that do: a count axis in compact notation
 * (`1 tis.`, `1,5 tis.`, `2 tis.`, not `1 tis.`, `2 tis.`, `2 tis.`), a share axis in percent
 * (`2,5 %`, not `3 %`). Exact labels of distinct ticks are distinct.
 */
export function tickLabels(ticks: readonly number[], locale: string, kind: 'count' | 'percent'): string[] {
  const written = (digits: number) => {
    const format = new Intl.NumberFormat(
      locale,
      kind === 'percent' ? { style: 'percent', maximumFractionDigits: digits } : { notation: 'compact', maximumFractionDigits: digits },
    );
    return ticks.map((v) => format.format(v));
  };
  let digits = 0;
  // One more decimal changes nothing once no tick is rounded.
  while (digits < 3 && written(digits).join('|') !== written(digits + 1).join('|')) digits++;
  return written(digits);
}
