import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { snapshotInfo, snapshotSchema } from './snapshot-info.js';
import { cacheHeaders, conditional, type StatsParts } from './stats.routes.js';

/**
 * `GET /api/v1/snapshot`: the current snapshot's time, open day and policy, without a row. An
 * open dashboard reads it first, then asks again every release interval with its ETag
 * (If-None-Match), which costs a 304 and no body until a new snapshot is out.
 */
export function snapshotRoutes(parts: Pick<StatsParts, 'snapshot'>): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/snapshot',
      summary: 'The current snapshot: when it was released, the open day and the release policy',
      responses: {
        200: {
          description: 'The snapshot every answer of /api/v1/stats is read from now; its ETag changes with each release.',
          content: { 'application/json': { schema: snapshotSchema } },
        },
        304: { description: 'Not modified since the ETag given in If-None-Match.' },
      },
    }),
    function snapshot(c) {
      const { s, etag, unchanged } = conditional(c, parts.snapshot(), 'snapshot');
      if (unchanged) return unchanged;
      return c.json(snapshotInfo(s), 200, cacheHeaders(s, etag));
    },
  );
  return app;
}
