/** A deterministic pseudo-random source (mulberry32): the same seed gives the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `values`, each as likely as its weight. */
export function weighted<T>(random: () => number, values: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let x = random() * total;
  for (let i = 0; i < values.length; i++) {
    x -= weights[i]!;
    if (x < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** Above this mean, a Poisson count is drawn from its normal approximation, which is then close. */
const POISSON_EXACT_UP_TO = 30;

/**
 * A Poisson count with the given mean: how many of many independent people report on a day.
 * Knuth's product of uniforms for small means; rounded normal (Box-Muller) for large ones.
 */
export function poisson(random: () => number, mean: number): number {
  if (mean <= POISSON_EXACT_UP_TO) {
    const limit = Math.exp(-mean);
    let n = 0;
    for (let p = random(); p > limit; p *= random()) n++;
    return n;
  }
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
}
