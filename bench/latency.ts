import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './load-protocol.js';

/** Latencies are recorded in microseconds: three significant digits keep a 0.1 ms answer exact to 0.1 µs. */
const US_PER_MS = 1000;

/** The latencies of a run, in an HDR histogram: constant memory however long the run, 0.1 % resolution. */
export class LatencyRecorder {
  private readonly histogram: Histogram = build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 });

  record(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * US_PER_MS)));
  }

  get size(): number {
    return this.histogram.totalCount;
  }

  summary(): LatencySummary {
    const h = this.histogram;
    if (h.totalCount === 0) return { p50: Number.NaN, p97_5: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
    const at = (percentile: number) => h.getValueAtPercentile(percentile) / US_PER_MS;
    return { p50: at(50), p97_5: at(97.5), p99: at(99), max: h.maxValue / US_PER_MS, mean: h.mean / US_PER_MS };
  }
}
