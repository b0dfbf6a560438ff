import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import { ANSWER_BODY, announceListening, portFromEnv, REPORTS_PATH } from './answer.js';

/**
 * Baseline: the same framework and adapter as the service, with nothing between parsing
 * the JSON body and answering 201. Run as its own process by the bench.
 */
const app = new Hono();
app.post(REPORTS_PATH, async function bareReport(c) {
  try {
    await c.req.json();
  } catch {
    return c.body('{"status":400}', 400, { 'content-type': 'application/problem+json' });
  }
  return c.json(ANSWER_BODY, 201);
});

const server = serve({ fetch: app.fetch, port: portFromEnv(), hostname: '127.0.0.1' }, (info) =>
  announceListening(info.port),
) as Server;

process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
