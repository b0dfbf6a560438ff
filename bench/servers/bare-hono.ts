import { Hono } from 'hono';
import { ANSWER_BODY, REPORTS_PATH } from './answer.js';
import { serveBare } from './serve-bare.js';

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

serveBare(app);
