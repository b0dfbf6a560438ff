import { type Challenge, solveChallengeWorkers } from 'altcha-lib';

/** Long enough for a slow phone; the challenge itself expires later (POW_CHALLENGE_TTL_S). */
const SOLVE_TIMEOUT_MS = 120_000;

/**
 * Solves the service's ALTCHA challenge (GET /api/v1/challenge) in workers and returns the
 * X-Altcha header value. The challenge and its solution say nothing about the person; they
 * only make mass fake reports expensive.
 */
export async function solveProofOfWork(challenge: Challenge): Promise<string> {
  const solution = await solveChallengeWorkers({
    challenge,
    concurrency: Math.min(4, navigator.hardwareConcurrency || 1),
    timeout: SOLVE_TIMEOUT_MS,
    createWorker: () => new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' }),
  });
  if (!solution) throw new Error('proof of work not solved in time');
  return btoa(JSON.stringify({ challenge, solution }));
}
