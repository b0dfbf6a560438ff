import { type Challenge, createChallenge, randomInt } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { randomBytes } from 'node:crypto';
import { ReplaySet } from './replay-set.js';
import { verifyIssuedSolution } from './verify-solution.js';

/** The request header carrying the ALTCHA payload: base64 of `{ challenge, solution }`. */
export const POW_HEADER = 'x-altcha';
export const POW_ALGORITHM = 'PBKDF2/SHA-256';

export interface ProofOfWorkOptions {
  /** The secret counter a client must find is drawn uniformly from [⌈max/2⌉, max]. */
  maxNumber: number;
  /** PBKDF2 iterations per attempt. */
  cost: number;
  ttlMs: number;
  /** Spent solutions held at once (ReplaySet). */
  maxSpent: number;
  /** The clock challenges expire by; the service's clock. */
  now?: () => number;
}

export type PowRefusal = 'missing' | 'malformed' | 'invalid' | 'expired' | 'replayed' | 'full';
export type PowVerdict =
  | { ok: true; settle: (counted: boolean) => void }
  /** The same solution carries a report still being checked or committed: ask again once `settled`. */
  | { ok: false; reason: 'pending'; settled: Promise<void> }
  | { ok: false; reason: PowRefusal; retryAfterS?: number };

export interface ProofOfWork {
  issue(): Promise<Challenge>;
  /**
   * Checks the header's payload and spends it. `settle(true)` once its report is committed;
   * `settle(false)` gives it back (the report was refused or its commit failed), so that a
   * solution is refused as `replayed` only when a report it carried was counted.
   */
  verify(header: string | undefined): PowVerdict;
  /** Forgets spent solutions whose challenges have expired. */
  sweep(): void;
  /** Spent solutions held now. */
  readonly spent: number;
}

function decode(header: string): { challenge: Challenge; solution: { counter: number; derivedKey: string } } | undefined {
  try {
    const payload = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as unknown;
    if (typeof payload !== 'object' || payload === null) return undefined;
    const { challenge, solution } = payload as Record<string, unknown>;
    if (typeof challenge !== 'object' || challenge === null || typeof solution !== 'object' || solution === null) return undefined;
    const { parameters, signature } = challenge as Record<string, unknown>;
    if (typeof parameters !== 'object' || parameters === null || typeof signature !== 'string') return undefined;
    return payload as ReturnType<typeof decode>;
  } catch {
    return undefined;
  }
}

/**
 * ALTCHA proof of work (altcha-lib, PoW v2, deterministic mode): the server draws a secret
 * counter, derives its key once and signs the challenge and the key; the client searches
 * counters from zero until it finds the one whose derived key has the signed prefix, which
 * costs it about ¾ × maxNumber derivations, and the server checks two HMACs
 * (verify-solution.ts).
 *
 * Both HMAC secrets are random bytes drawn at start, held in memory only and never written:
 * a restart invalidates every outstanding challenge. Challenges carry their expiry in their
 * signed parameters, so the server keeps nothing per issued challenge; it keeps only the
 * spent ones, until they expire (ReplaySet).
 */
export function createProofOfWork(options: ProofOfWorkOptions): ProofOfWork {
  const hmacSignatureSecret = randomBytes(32).toString('hex');
  const hmacKeySignatureSecret = randomBytes(32).toString('hex');
  const now = options.now ?? Date.now;
  const spent = new ReplaySet({ maxEntries: options.maxSpent, now });
  // Solutions whose report is not settled yet, with whoever waits to learn whether it counted.
  const inFlight = new Map<string, (() => void)[] | undefined>();
  const lowest = Math.ceil(options.maxNumber / 2);

  return {
    issue() {
      return createChallenge({
        algorithm: POW_ALGORITHM,
        cost: options.cost,
        counter: randomInt(options.maxNumber, lowest),
        deriveKey,
        expiresAt: new Date(now() + options.ttlMs),
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
    },
    verify(header) {
      if (!header) return { ok: false, reason: 'missing' };
      const payload = decode(header);
      if (!payload) return { ok: false, reason: 'malformed' };
      const result = verifyIssuedSolution(payload, { hmacSignatureSecret, hmacKeySignatureSecret }, now());
      if (result.expired) return { ok: false, reason: 'expired' };
      if (!result.verified) return { ok: false, reason: 'invalid' };
      // 128 bits of the signature identify the challenge; half the memory of the whole.
      const key = payload.challenge.signature!.slice(0, 32);
      if (inFlight.has(key)) {
        const settled = new Promise<void>((resolve) => {
          const waiters = inFlight.get(key) ?? [];
          waiters.push(resolve);
          inFlight.set(key, waiters);
        });
        return { ok: false, reason: 'pending', settled };
      }
      const verdict = spent.spend(key, payload.challenge.parameters.expiresAt ?? 0);
      if (verdict === 'replayed') return { ok: false, reason: 'replayed' };
      if (verdict === 'full') return { ok: false, reason: 'full', retryAfterS: spent.secondsUntilRoom };
      inFlight.set(key, undefined);
      return {
        ok: true,
        settle(counted) {
          if (!counted) spent.release(key);
          const waiters = inFlight.get(key);
          inFlight.delete(key);
          for (const wake of waiters ?? []) wake();
        },
      };
    },
    sweep: () => spent.sweep(),
    get spent() {
      return spent.size;
    },
  };
}
