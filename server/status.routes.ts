import { z } from '@hono/zod-openapi';
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
export const statusSchema = z
  .object({
    collecting: z.boolean().openapi({ description: 'Whether reports are accepted now.' }),
    collectionEnds: z.iso.datetime().nullable().openapi({ description: 'The first instant at which reports are refused (UTC); null: no end.' }),
    questionnaireVersion: z.number().int(),
    proofOfWork: z.boolean().openapi({ description: 'Whether a report must carry a solved challenge from /api/v1/challenge (X-Altcha).' }),
    synthetic: z.boolean().openapi({ description: 'True on a demonstration (`npm run demo`): every published number is synthetic, none comes from a report.' }),
  })
  .openapi('Status');

/** The status as the API gives it; the form reads it by this type. */
export type StatusDocument = z.output<typeof statusSchema>;

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
