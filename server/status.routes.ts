import { Hono } from 'hono';
import { QUESTIONNAIRE_VERSION } from '../aggregator/questionnaire.js';

export interface StatusParts {
  /** Whether reports are accepted now (COLLECTION_ENDS). */
  collecting: () => boolean;
  collectionEnds: Date | null;
  /** Whether a report must carry a solved challenge (X-Altcha). */
  proofOfWork: boolean;
  /** Whether the published numbers are synthetic demonstration data (`npm run demo`). */
  synthetic: boolean;
}

/** What the form reads before it offers to send a report. */
export interface StatusDocument {
  collecting: boolean;
  /** The first instant at which reports are refused, as an ISO 8601 UTC date-time; null: no end. */
  collectionEnds: string | null;
  questionnaireVersion: number;
  proofOfWork: boolean;
  /** True on a demonstration (`npm run demo`): every published number is synthetic, none comes from a report. */
  synthetic: boolean;
}

/** `GET /api/v1/status`: whether collection is open, what a report needs, and whether the numbers are synthetic. */
export function statusRoutes(parts: StatusParts): Hono {
  const collectionEnds = parts.collectionEnds?.toISOString() ?? null;
  const app = new Hono();
  app.get('/api/v1/status', function status(c) {
    const body: StatusDocument = {
      collecting: parts.collecting(),
      collectionEnds,
      questionnaireVersion: QUESTIONNAIRE_VERSION,
      proofOfWork: parts.proofOfWork,
      synthetic: parts.synthetic,
    };
    return c.json(body, 200, { 'cache-control': 'no-cache' });
  });
  return app;
}
