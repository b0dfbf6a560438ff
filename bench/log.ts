import type { LoadResult } from './load-protocol.js';

/** Progress on standard error; standard output stays free. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function describe(run: LoadResult): string {
  const l = run.latencyMs;
  return `${Math.round(run.requestsPerSecond)} req/s, p50 ${l.p50.toFixed(2)} p99 ${l.p99.toFixed(2)} ms, non-2xx ${run.non2xx}, errors ${run.errors}`;
}
