export type ReplayVerdict = 'first' | 'replayed' | 'full';

export interface ReplaySetOptions {
  /** The most entries held at once; when reached, new solutions are refused until some expire. */
  maxEntries: number;
  now?: () => number;
}

/**
 * The spent proof-of-work solutions, so each is accepted once. An entry is the challenge's
 * signature (an HMAC of random parameters, not derived from anything about the person) and
 * is kept until its challenge expires, and no longer: by then the challenge is refused as
 * expired anyway. Entries sit in one bucket per expiry second so a sweep drops whole seconds.
 * Memory: at most `maxEntries` strings, dropped within a second of expiry (sweep()).
 */
export class ReplaySet {
  private readonly spent = new Set<string>();
  private readonly byExpiry = new Map<number, string[]>();
  private readonly now: () => number;

  constructor(private readonly options: ReplaySetOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  get size(): number {
    return this.spent.size;
  }

  /** Seconds until the earliest entry expires: when a full set has room again. */
  get secondsUntilRoom(): number {
    let earliest = Infinity;
    for (const second of this.byExpiry.keys()) earliest = Math.min(earliest, second);
    return Number.isFinite(earliest) ? Math.max(1, Math.ceil(earliest - this.now() / 1000)) : 1;
  }

  /** Records a verified solution; `replayed` when it was already spent. */
  spend(key: string, expiresAtS: number): ReplayVerdict {
    if (this.spent.has(key)) return 'replayed';
    if (this.spent.size >= this.options.maxEntries) {
      this.sweep();
      if (this.spent.size >= this.options.maxEntries) return 'full';
    }
    this.spent.add(key);
    const bucket = this.byExpiry.get(expiresAtS);
    if (bucket) bucket.push(key);
    else this.byExpiry.set(expiresAtS, [key]);
    return 'first';
  }

  /** Gives a solution back, when the report it carried could not be stored (503). */
  release(key: string): void {
    this.spent.delete(key);
  }

  /** Forgets every entry whose challenge has expired. */
  sweep(): void {
    const nowS = this.now() / 1000;
    for (const [second, keys] of this.byExpiry) {
      if (second >= nowS) continue;
      for (const key of keys) this.spent.delete(key);
      this.byExpiry.delete(second);
    }
  }
}
