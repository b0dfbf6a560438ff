import { Hono } from 'hono';
import { AnswerCache, send } from './answers.js';
import { snapshotInfo } from './snapshot-info.js';
import { cacheHeaders, entityTag, type StatsParts } from './stats.routes.js';

/**
 * `GET /api/v1/snapshot`: the current snapshot's time, open day and policy, without a row. An
 * open dashboard reads it first, then asks again every release interval with its ETag
 * (If-None-Match), which costs a 304 and no body until a new snapshot is out. Documented with
 * the statistics (stats.contract.ts).
 */
export function snapshotRoutes(parts: Pick<StatsParts, 'snapshot' | 'onCompress'>): Hono {
  const cache = new AnswerCache(parts.onCompress);
  const app = new Hono();
  app.get('/api/v1/snapshot', function snapshot(c) {
    const s = parts.snapshot();
    const info = () => Buffer.from(JSON.stringify(snapshotInfo(s)));
    return send(c, cache.obtain(s, 'snapshot', () => cache.answer(info(), { 'content-type': 'application/json; charset=utf-8', ...cacheHeaders(s) }, entityTag(s, 'snapshot'))));
  });
  return app;
}
