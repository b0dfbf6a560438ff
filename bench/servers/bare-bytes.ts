import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { serveBare } from './serve-bare.js';

/**
 * Baseline for a cached read: the same framework and adapter as the service, answering GET
 * `BARE_PATH` with the bytes in `BARE_BODY_FILE` and the headers in `BARE_HEADERS` (JSON), as
 * the service sent them for one request. Nothing else: no middleware, no look-up, no
 * negotiation. Run as its own process by the bench.
 */
const body = new Uint8Array(readFileSync(process.env.BARE_BODY_FILE!));
const headers = JSON.parse(process.env.BARE_HEADERS ?? '{}') as Record<string, string>;

const app = new Hono();
app.get(process.env.BARE_PATH!, function bareBytes(c) {
  return c.body(body, 200, headers);
});

serveBare(app);
