import { z } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import { ProblemError } from '../problem.js';
import { enforceBudget } from './abuse-guard.js';
import type { ProofOfWork } from './proof-of-work.js';
import type { RateVerdict } from './rate-limit.js';

export interface ChallengeParts {
  /** Absent when proof of work is off (POW_MAX_NUMBER=0). */
  proofOfWork?: ProofOfWork | undefined;
  /** Each challenge costs a key derivation, so fetching them is limited per sender too. */
  challengeLimit?: ((c: Context) => RateVerdict) | undefined;
}

/** The challenge as altcha-lib issues it (its v2 `Challenge`), for the API description. */
export const challengeSchema = z
  .object({
    parameters: z.object({
      algorithm: z.string(),
      nonce: z.string(),
      salt: z.string(),
      cost: z.number().int(),
      keyLength: z.number().int(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      expiresAt: z.number().int().optional().openapi({ description: 'Seconds since the epoch after which a solution is refused.' }),
    }),
    signature: z.string(),
  })
  .openapi('Challenge');

/**
 * `GET /api/v1/challenge`: a fresh signed ALTCHA challenge (`{ parameters, signature }`, the
 * JSON the widget and altcha-lib's solver read). Nothing is kept per challenge; each is
 * single-use once solved. 404 when proof of work is off; 429 past the sender's budget
 * (CHALLENGES_PER_REPORT × RATE_LIMIT_MAX per window).
 */
export function challengeRoutes(parts: ChallengeParts): Hono {
  const app = new Hono();
  app.get('/api/v1/challenge', async function challenge(c) {
    if (!parts.proofOfWork) throw new ProblemError(404, { detail: 'this service does not ask for proof of work' });
    enforceBudget(parts.challengeLimit, c, 'too many challenges from this network; please try again later');
    return c.json(await parts.proofOfWork.issue(), 200, { 'cache-control': 'no-store' });
  });
  return app;
}
