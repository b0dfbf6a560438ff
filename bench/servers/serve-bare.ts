import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Server } from 'node:http';
import { announceListening, portFromEnv } from './answer.js';

/** Serves a bare Hono baseline on 127.0.0.1 as the bench expects: its port logged, SIGTERM closing it. */
export function serveBare(app: Hono): void {
  const server = serve({ fetch: app.fetch, port: portFromEnv(), hostname: '127.0.0.1' }, (info) => announceListening(info.port)) as Server;
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
