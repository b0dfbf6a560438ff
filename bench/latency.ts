import type { LatencySummary } from './load-protocol.js';

/** Every latency of a run, kept whole (a run is at most a few hundred thousand). */
export class LatencyRecorder {
  private values = new Float64Array(1 << 16);
  private count = 0;

  record(ms: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = ms;
  }

  get size(): number {
    return this.count;
  }

  /** Exact percentiles (nearest rank) of what was recorded. */
  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.count).sort();
    const n = sorted.length;
    if (n === 0) return { p50: Number.NaN, p97_5: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
    const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
    let sum = 0;
    for (const v of sorted) sum += v;
    return { p50: at(0.5), p97_5: at(0.975), p99: at(0.99), max: sorted[n - 1]!, mean: sum / n };
  }
}
