import { Z_95 } from '../../aggregator/projection.js';

/** How a share compares with the same share a week earlier. */
export type Trend = 'higher' | 'lower' | 'similar';

/**
 * Higher or lower only where the difference is larger than chance and the perturbation explain
 * (a two-sided test at 5%, with both standard errors, which hold the perturbation's variance);
 * "similar" otherwise, so that noise is never told as a rise or a fall.
 */
export function trendOf(now: { value: number; stderr: number }, before: { value: number; stderr: number }): Trend {
  const spread = Math.hypot(now.stderr, before.stderr);
  if (spread === 0) return now.value === before.value ? 'similar' : now.value > before.value ? 'higher' : 'lower';
  const z = (now.value - before.value) / spread;
  return z >= Z_95 ? 'higher' : z <= -Z_95 ? 'lower' : 'similar';
}
