import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AreaPack } from '../aggregator/areas/index.js';
import { GUIDANCE_OUTCOMES } from '../aggregator/guidance.js';
import { QUESTIONNAIRE_TITLE, QUESTIONNAIRE_VERSION } from '../aggregator/questionnaire.js';
import { reportSchema } from '../aggregator/report-schema.js';
import { POW_HEADER } from './abuse/proof-of-work.js';
import { challengeSchema } from './abuse/challenge.routes.js';
import { areasSchema } from './areas.routes.js';
import { documentEpidata } from './epidata/epidata.contract.js';
import { problemContent } from './problem.js';
import { MAX_REPORT_BYTES } from './reports.routes.js';
import { documentStats } from './stats.contract.js';
import { statusSchema } from './status.routes.js';

const problem = (description: string) => ({ description, content: problemContent });

/**
 * Serves `GET /api/v1/openapi.json`, describing every public route from the same schemas the
 * routes validate with (their contracts beside them: stats.contract.ts, epidata.contract.ts).
 */
export function apiDocument(pack: AreaPack): OpenAPIHono {
  const app = new OpenAPIHono();
  const registry = app.openAPIRegistry;
  documentStats(registry, pack);
  documentEpidata(registry, pack);
  registry.registerPath({
    method: 'post',
    path: '/api/v1/reports',
    summary: `Send a report (questionnaire version ${QUESTIONNAIRE_VERSION}: ${QUESTIONNAIRE_TITLE})`,
    description:
      `At most ${MAX_REPORT_BYTES} bytes of application/json. The report is folded into counters at once and not kept; ` +
      'the answer is sent only after the counters are committed.',
    request: {
      headers: z.object({ [POW_HEADER]: z.string().optional().openapi({ description: 'A solved proof-of-work challenge from /api/v1/challenge, when /api/v1/status says proofOfWork.' }) }),
      body: { required: true, content: { 'application/json': { schema: reportSchema(new Set(pack.municipalityByCode.keys())) } } },
    },
    responses: {
      201: {
        description: 'Counted; the self-guidance outcome for the answers.',
        content: { 'application/json': { schema: z.object({ outcome: z.enum(GUIDANCE_OUTCOMES), questionnaireVersion: z.number().int() }) } },
      },
      400: problem('Invalid JSON, an invalid report, or a missing, invalid or expired proof of work; `errors` names each field.'),
      409: problem('The proof of work was already used by a report that was counted: a retry of that report learns here that it counted.'),
      405: problem('Another method.'),
      410: problem('Collection has ended.'),
      413: problem(`A body over ${MAX_REPORT_BYTES} bytes.`),
      415: problem('Not application/json.'),
      429: problem('Too many reports from one address; see Retry-After.'),
      503: problem("The commit failed, too many reports are arriving, or the service's clock is set back behind its counters; nothing was counted: send the report again (see Retry-After)."),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/areas',
    summary: 'The country, its regions and municipalities with populations',
    responses: { 200: { description: 'The area tree of the pack the service runs with.', content: { 'application/json': { schema: areasSchema } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/status',
    summary: 'Whether collection is open and whether a report needs proof of work',
    responses: { 200: { description: 'The status the form reads before it offers to send.', content: { 'application/json': { schema: statusSchema } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/challenge',
    summary: 'A signed proof-of-work challenge (ALTCHA); 404 when proof of work is off',
    responses: {
      200: { description: "An ALTCHA challenge, as altcha-lib's solver reads it.", content: { 'application/json': { schema: challengeSchema } } },
      404: problem('Proof of work is off.'),
      429: problem('Too many challenges from one address; see Retry-After.'),
    },
  });
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Symptom self-report service',
      version: String(QUESTIONNAIRE_VERSION),
      description: 'Symptom self-reports, folded at once into counters and not kept; public statistics released under a disclosure-control policy.',
    },
  });
  return app;
}
