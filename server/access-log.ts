import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';

/**
 * One metric sample and one log line per request, holding the method, the route pattern
 * (never the URL: a query string could carry anything), the status and the duration (I2).
 * The line is at debug level: its timestamp would tell when each report arrived, finer
 * than the day the database keeps (I1); the metrics give operators the counts.
 */
export function accessLog(logger: Logger, metrics: ServiceMetrics): MiddlewareHandler {
  return async function accessLog(c, next) {
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    const route = routePath(c) || '(unmatched)';
    const status = c.res.status;
    metrics.request(c.req.method, route, status, ms / 1000);
    if (logger.isLevelEnabled('debug')) {
      logger.debug({ method: c.req.method, route, status, ms: Math.round(ms * 100) / 100 }, 'request');
    }
  };
}
