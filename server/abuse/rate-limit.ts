import { createHmac, randomBytes } from 'node:crypto';

export interface RateLimitOptions {
  /** Requests allowed per subject and window. */
  max: number;
  /** Window length; at most a day, so the key rotates at least daily. */
  windowMs: number;
  /** The most subjects tracked in one window; beyond it new subjects pass untracked. */
  maxSubjects: number;
  now?: () => number;
  /** Called once per window when the table is full (no argument: nothing about anyone). */
  onFull?: () => void;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterS: number };

/**
 * A fixed-window request counter per subject (a client address or IPv6 /64, see
 * client-address.ts), keyed by HMAC-SHA-256(subject) under a random key that lives for one
 * window only. When the window ends the key and every counter are dropped together, so a
 * counter can never be linked to an address after its window, not even by this process.
 * Neither the key nor the counters are ever written anywhere.
 */
export class RateLimiter {
  private readonly now: () => number;
  private window = -1;
  private key: Buffer = Buffer.alloc(0);
  private counts = new Map<string, number>();
  private warned = false;

  constructor(private readonly options: RateLimitOptions) {
    if (options.windowMs <= 0 || options.windowMs > 86_400_000) throw new RangeError('windowMs must be in (0, 1 day]');
    this.now = options.now ?? (() => Date.now());
  }

  /** Subjects tracked in the current window. */
  get size(): number {
    this.rotate();
    return this.counts.size;
  }

  /** Counts one request of `subject`; refuses it when the subject's window budget is spent. */
  hit(subject: string): RateVerdict {
    const now = this.rotate();
    const tag = createHmac('sha256', this.key).update(subject).digest().toString('base64url', 0, 16);
    const used = this.counts.get(tag);
    if (used === undefined) {
      if (this.counts.size >= this.options.maxSubjects) {
        if (!this.warned) this.options.onFull?.();
        this.warned = true;
        return { ok: true };
      }
      this.counts.set(tag, 1);
      return { ok: true };
    }
    if (used >= this.options.max) {
      const windowEnd = (this.window + 1) * this.options.windowMs;
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
    }
    this.counts.set(tag, used + 1);
    return { ok: true };
  }

  /** Drops the key and the counters once their window has ended, even without traffic. */
  sweep(): void {
    this.rotate();
  }

  private rotate(): number {
    const now = this.now();
    const window = Math.floor(now / this.options.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.key = randomBytes(32);
      this.counts = new Map();
      this.warned = false;
    }
    return now;
  }
}
