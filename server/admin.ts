import { Hono } from 'hono';
import { accessLog } from './access-log.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import { answerProblems } from './problem.js';
import type { Readiness } from './readiness.js';
import { securityHeaders } from './security-headers.js';

export interface AdminParts {
  logger: Logger;
  metrics: ServiceMetrics;
  readiness: () => Readiness;
}

/**
 * The admin listener's surface (ADMIN_HOST, ADMIN_PORT): Prometheus metrics and the readiness
 * probe, for the host and the monitoring network only. Polling /metrics dates accepted
 * reports to the polling interval, so the public port does not serve it.
 */
export function createAdminApp(parts: AdminParts): Hono {
  const app = new Hono();
  app.use(securityHeaders({ hsts: false }));
  app.use(accessLog(parts.logger, parts.metrics));
  app.get('/metrics', async (c) =>
    c.body(await parts.metrics.registry.metrics(), 200, { 'content-type': parts.metrics.registry.contentType }),
  );
  app.get('/readyz', (c) => {
    const answer = parts.readiness();
    return c.json(answer, answer.status === 'ready' ? 200 : 503, { 'cache-control': 'no-store' });
  });
  answerProblems(app, parts.logger);
  return app;
}
