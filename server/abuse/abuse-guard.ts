import type { Context } from 'hono';
import type { Config } from '../config.js';
import { ProblemError } from '../problem.js';
import { clientAddress, rateLimitSubject } from './client-address.js';
import { createProofOfWork, type ProofOfWork } from './proof-of-work.js';
import { RateLimiter, type RateVerdict } from './rate-limit.js';

/**
 * Spent solutions held at once, about 145 bytes each (≤ ~75 MB): room for ~830 reports a
 * second sustained over a 10-minute TTL; beyond it reports get 503 until entries expire.
 */
export const MAX_SPENT_SOLUTIONS = 500_000;
/** Senders counted per rate-limit window, about 70 bytes each (≤ ~35 MB); beyond it new ones pass uncounted. */
export const MAX_RATE_LIMIT_SUBJECTS = 500_000;
/** How often expired solutions and ended rate-limit windows are dropped. */
export const SWEEP_INTERVAL_MS = 1000;

/**
 * Challenges a sender may fetch per report it may send: a challenge can expire or be
 * refused while a person answers, and each costs the server a key derivation.
 */
export const CHALLENGES_PER_REPORT = 2;

export interface AbuseGuard {
  proofOfWork: ProofOfWork | undefined;
  rateLimit: ((c: Context) => RateVerdict) | undefined;
  /** The same limit, counted apart, on fetching challenges. */
  challengeLimit: ((c: Context) => RateVerdict) | undefined;
  /** Stops the sweep timer. */
  close(): void;
}

/** Counts the request against its sender's budget (`limit`, absent: none) and answers 429 with Retry-After past it. */
export function enforceBudget(limit: ((c: Context) => RateVerdict) | undefined, c: Context, detail: string): void {
  const verdict = limit?.(c);
  if (verdict && !verdict.ok) throw new ProblemError(429, { detail, headers: { 'retry-after': String(verdict.retryAfterS) } });
}

/** The proof of work and the rate limit as configured, each absent when switched off. */
export function createAbuseGuard(
  config: Pick<Config, 'powMaxNumber' | 'powCost' | 'powChallengeTtlMs' | 'rateLimitMax' | 'rateLimitWindowMs' | 'trustProxy'>,
  options: { now?: () => number; onRateLimitFull?: () => void } = {},
): AbuseGuard {
  const proofOfWork =
    config.powMaxNumber > 0
      ? createProofOfWork({
          maxNumber: config.powMaxNumber,
          cost: config.powCost,
          ttlMs: config.powChallengeTtlMs,
          maxSpent: MAX_SPENT_SOLUTIONS,
          ...(options.now ? { now: options.now } : {}),
        })
      : undefined;
  const rateLimiter = (max: number) =>
    config.rateLimitWindowMs > 0
      ? new RateLimiter({
          max,
          windowMs: config.rateLimitWindowMs,
          maxSubjects: MAX_RATE_LIMIT_SUBJECTS,
          ...(options.now ? { now: options.now } : {}),
          ...(options.onRateLimitFull ? { onFull: options.onRateLimitFull } : {}),
        })
      : undefined;
  const limiter = rateLimiter(config.rateLimitMax);
  const challengeLimiter = proofOfWork && rateLimiter(config.rateLimitMax * CHALLENGES_PER_REPORT);
  const timer = setInterval(() => {
    proofOfWork?.sweep();
    limiter?.sweep();
    challengeLimiter?.sweep();
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  const hitter = (l: RateLimiter | undefined) => l && ((c: Context) => l.hit(rateLimitSubject(clientAddress(c, config.trustProxy))));
  return {
    proofOfWork,
    rateLimit: hitter(limiter),
    challengeLimit: hitter(challengeLimiter),
    close: () => clearInterval(timer),
  };
}
