import { Hono } from 'hono';
import { QUESTIONNAIRE_VERSION } from '../aggregator/questionnaire.js';

export interface StatusParts {
  /** Whether reports are accepted now (COLLECTION_ENDS). */
  collecting: () => boolean;
  collectionEnds: Date | null;
  /** Whether a report must carry a solved challenge (X-Altcha). */
  proofOfWork: boolean;
}

/** What the form reads before it offers to send a report. */
export interface StatusDocument {
  collecting: boolean;
  /** The first instant at which reports are refused, as an ISO 8601 UTC date-time; null: no end. */
  collectionEnds: string | null;
  questionnaireVersion: number;
  proofOfWork: boolean;
}

/** `GET /api/v1/status`: whether collection is open, and what a report needs. */
export function statusRoutes(parts: StatusParts): Hono {
  const collectionEnds = parts.collectionEnds?.toISOString() ?? null;
  const app = new Hono();
  app.get('/api/v1/status', function status(c) {
    const body: StatusDocument = {
      collecting: parts.collecting(),
      collectionEnds,
      questionnaireVersion: QUESTIONNAIRE_VERSION,
      proofOfWork: parts.proofOfWork,
    };
    return c.json(body, 200, { 'cache-control': 'no-cache' });
  });
  return app;
}
