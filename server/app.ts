import { Hono } from 'hono';
import { type ChallengeParts, challengeRoutes } from './abuse/challenge.routes.js';
import { accessLog } from './access-log.js';
import { areasRoutes } from './areas.routes.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import { answerProblems } from './problem.js';
import type { PageInstance } from './page-instance.js';
import { type ReportsParts, reportsRoutes } from './reports.routes.js';
import { securityHeaders } from './security-headers.js';
import { snapshotRoutes } from './snapshot.routes.js';
import { type EpidataParts, epidataRoutes } from './epidata/epidata.routes.js';
import { apiDocument } from './openapi.js';
import { type StatsParts, statsRoutes } from './stats.routes.js';
import { statusRoutes } from './status.routes.js';
import { webRoutes } from './web.routes.js';

export interface AppParts extends ReportsParts, StatsParts, EpidataParts, ChallengeParts {
  logger: Logger;
  metrics: ServiceMetrics;
  /** The configured end of collection, shown by /api/v1/status; absent or null: no end. */
  collectionEnds?: Date | null;
  /** Send Strict-Transport-Security (HSTS): only behind TLS. */
  hsts?: boolean;
  /** The built web folder; without it the app serves the API only. */
  webRoot?: string;
  /** What the pages, the status and the downloads say about this instance; absent: a demonstration instance of real reports. */
  instance?: PageInstance;
}

/** The public HTTP surface, built from injected parts so a test builds one in a line. */
export function createApp(parts: AppParts): Hono {
  const instance = parts.instance ?? { operator: null, collectionEnds: null, timeZone: 'UTC', synthetic: false };
  const app = new Hono();
  app.use(securityHeaders({ hsts: parts.hsts ?? false }));
  app.use(accessLog(parts.logger, parts.metrics));

  app.route('/', reportsRoutes(parts));
  app.route('/', challengeRoutes(parts));
  app.route('/', statusRoutes({
    collecting: parts.collecting ?? (() => true),
    collectionEnds: parts.collectionEnds ?? null,
    proofOfWork: parts.proofOfWork !== undefined,
    synthetic: instance.synthetic,
  }));
  app.route('/', areasRoutes(parts));
  const onCompress = (coding: string) => parts.metrics.compressed(coding);
  app.route('/', snapshotRoutes({ ...parts, onCompress }));
  app.route('/', statsRoutes({ ...parts, onCompress }, instance.synthetic));
  app.route('/', epidataRoutes({ ...parts, onCompress }, instance.synthetic));
  app.route('/', apiDocument(parts.areaPack));
  if (parts.webRoot) {
    app.route('/', webRoutes({ webRoot: parts.webRoot, instance }));
  }
  // For load balancers: no detail. Metrics and readiness are on the admin listener (admin.ts).
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  answerProblems(app, parts.logger);
  return app;
}
