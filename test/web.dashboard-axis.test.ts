import { describe, expect, it } from 'vitest';
import { niceTicks, tickLabels } from '../web/dashboard/axis-ticks.js';
import { trendOf } from '../web/dashboard/trend.js';

describe('the value axis of the dashboard charts', () => {
  it('ticks start at zero, reach the largest value, and step by 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceTicks(1649, 4, true)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(441, 4, true)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(0.26, 4)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0.9, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // Counts have no ticks between whole numbers, even on an empty chart.
    expect(niceTicks(3, 4, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 4, true)).toEqual([0, 1]);
    for (const max of [7, 44, 2600, 31_000, 130_000]) {
      const ticks = niceTicks(max, 4, true);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });

  it('labels tell every tick apart, in compact notation (not "1 tis., 2 tis., 2 tis.")', () => {
    const nb = (labels: string[]) => labels.map((l) => l.replace(/\s/g, ' '));
    expect(nb(tickLabels([0, 500, 1000, 1500, 2000], 'sl-SI', 'count'))).toEqual(['0', '500', '1 tis.', '1,5 tis.', '2 tis.']);
    expect(tickLabels([0, 500, 1000, 1500, 2000], 'en-GB', 'count')).toEqual(['0', '500', '1k', '1.5k', '2k']);
    expect(nb(tickLabels([1000, 1500, 2000, 2500], 'sl-SI', 'count'))).toEqual(['1 tis.', '1,5 tis.', '2 tis.', '2,5 tis.']);
    expect(nb(tickLabels([0, 0.025, 0.05, 0.075], 'sl-SI', 'percent'))).toEqual(['0 %', '2,5 %', '5 %', '7,5 %']);
    expect(tickLabels([0, 0.25, 0.5, 0.75, 1], 'en-GB', 'percent')).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });
});

describe('the trend against a week earlier', () => {
  it('is higher or lower only beyond what chance and the perturbation explain', () => {
    expect(trendOf({ value: 0.3, stderr: 0.02 }, { value: 0.2, stderr: 0.02 })).toBe('higher');
    expect(trendOf({ value: 0.2, stderr: 0.02 }, { value: 0.3, stderr: 0.02 })).toBe('lower');
    // A difference of 1.9 standard errors of the difference is not told as a change.
    const se = 0.02;
    const spread = Math.hypot(se, se);
    expect(trendOf({ value: 0.2 + 1.9 * spread, stderr: se }, { value: 0.2, stderr: se })).toBe('similar');
    expect(trendOf({ value: 0.2 + 2 * spread, stderr: se }, { value: 0.2, stderr: se })).toBe('higher');
  });
});
