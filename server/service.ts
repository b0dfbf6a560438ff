import { serve } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { DestinationStream } from 'pino';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { dayClock } from '../aggregator/day.js';
import { GroupCommit } from '../aggregator/group-commit.js';
import { openCountsStore } from '../aggregator/store.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';

export interface ServiceOptions {
  config: Config;
  /** Where log lines go; standard output when absent. */
  logDestination?: DestinationStream;
  now?: () => number;
}

export interface RunningService {
  url: string;
  logger: Logger;
  /** Stops accepting, answers what is in flight, commits what is pending, closes the database. */
  close(): Promise<void>;
}

function listening(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server.address() as AddressInfo));
    server.once('error', reject);
  });
}

function closed(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Assembles the service from its configuration and starts serving. */
export async function startService({ config, logDestination, now }: ServiceOptions): Promise<RunningService> {
  const logger = createLogger(config.logLevel, logDestination);
  const areaPack = loadAreaPack(config.areaPack);
  if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
  const store = openCountsStore({ path: config.databasePath, synchronous: config.synchronous });
  const metrics = createMetrics();
  const groupCommit = new GroupCommit({
    commit: store.add,
    maxBatch: config.commitMaxBatch,
    onBatch: (stats) => {
      metrics.batch(stats);
      if (!stats.ok) logger.error({ reports: stats.reports }, 'group commit failed');
    },
  });
  const walTimer = setInterval(() => store.truncateWal(), config.walTruncateIntervalMs);
  walTimer.unref();

  const app = createApp({
    areaPack,
    today: dayClock(config.timeZone, now),
    submit: (increments) => groupCommit.submit(increments),
    logger,
    metrics,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
  const address = await listening(server);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info({ port: address.port, areaPack: areaPack.id }, 'listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    logger,
    close() {
      closing ??= (async () => {
        await closed(server, config.shutdownTimeoutMs);
        groupCommit.commitNow();
        clearInterval(walTimer);
        store.close();
        logger.info('stopped');
        logger.flush();
      })();
      return closing;
    },
  };
}
