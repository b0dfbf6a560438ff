import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type ChallengeParts, challengeRoutes } from './abuse/challenge.routes.js';
import { accessLog } from './access-log.js';
import { areasRoutes } from './areas.routes.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import type { PageInstance } from './page-instance.js';
import { ProblemError, problemResponse } from './problem.js';
import { type ReportsParts, reportsRoutes } from './reports.routes.js';
import { securityHeaders } from './security-headers.js';
import { documentApi } from './openapi.js';
import { type StatsParts, statsRoutes } from './stats.routes.js';
import { statusRoutes } from './status.routes.js';
import { webRoutes } from './web.routes.js';

export interface AppParts extends ReportsParts, StatsParts, ChallengeParts {
  logger: Logger;
  metrics: ServiceMetrics;
  /** The configured end of collection, shown by /api/v1/status; absent or null: no end. */
  collectionEnds?: Date | null;
  /** Send Strict-Transport-Security (HSTS): only behind TLS. */
  hsts?: boolean;
  /** The built web folder; without it the app serves the API only. */
  webRoot?: string;
  /** What the pages say about this instance; absent: a demonstration instance. */
  instance?: PageInstance;
}

/** Answers 405 with `Allow` for every known path asked with a method it does not serve. */
function refuseOtherMethods(app: Hono): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { path, method } of app.routes) {
    if (method === 'ALL') continue;
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method);
    if (method === 'GET') methods.add('HEAD');
    methodsByPath.set(path, methods);
  }
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods].join(', ');
    app.all(path, function methodNotAllowed() {
      throw new ProblemError(405, { detail: `this resource answers ${allow}`, headers: { allow } });
    });
  }
}

/** The whole HTTP surface, built from injected parts so a test builds one in a line. */
export function createApp(parts: AppParts): Hono {
  const app = new Hono();
  app.use(securityHeaders({ hsts: parts.hsts ?? false }));
  app.use(accessLog(parts.logger, parts.metrics));

  app.route('/', reportsRoutes(parts));
  app.route('/', challengeRoutes(parts));
  app.route('/', statusRoutes({
    collecting: parts.collecting ?? (() => true),
    collectionEnds: parts.collectionEnds ?? null,
    proofOfWork: parts.proofOfWork !== undefined,
  }));
  app.route('/', areasRoutes(parts));
  const stats = statsRoutes(parts);
  documentApi(stats, parts.areaPack);
  app.route('/', stats);
  if (parts.webRoot) {
    const instance = parts.instance ?? { operator: null, collectionEnds: null, timeZone: 'UTC' };
    app.route('/', webRoutes({ webRoot: parts.webRoot, instance }));
  }
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', async (c) =>
    c.body(await parts.metrics.registry.metrics(), 200, { 'content-type': parts.metrics.registry.contentType }),
  );
  refuseOtherMethods(app);

  app.notFound((c) => problemResponse(c, 404, { detail: 'no such resource' }));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.status, error.init);
    if (error instanceof HTTPException) return problemResponse(c, error.status, { detail: error.message });
    // The name only: messages of unexpected errors may quote request content (I2).
    parts.logger.error({ error: error.name }, 'unexpected error');
    return problemResponse(c, 500, { detail: 'internal error' });
  });
  return app;
}
