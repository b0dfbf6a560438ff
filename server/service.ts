import { serve } from '@hono/node-server';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { DestinationStream } from 'pino';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { cellKeys } from '../aggregator/cell-key.js';
import { dayClock, dayIn } from '../aggregator/day.js';
import { GroupCommit } from '../aggregator/group-commit.js';
import { createHistory } from '../aggregator/history.js';
import { openCountsStore } from '../aggregator/store.js';
import type { Hono } from 'hono';
import { createAbuseGuard } from './abuse/abuse-guard.js';
import { createAdminApp } from './admin.js';
import { createApp } from './app.js';
import { createClockGuard } from './clock-guard.js';
import { collectionOpen } from './collection-end.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { readiness } from './readiness.js';
import { recordKeys } from './record-key.js';
import { pageInstance } from './page-instance.js';
import { projectRoot } from './project-root.js';
import { createReleaser } from './releaser.js';

export interface ServiceOptions {
  config: Config;
  /** Where log lines go; standard output when absent. */
  logDestination?: DestinationStream;
  now?: () => number;
  /** The built web folder; by default `dist/web` of the project this module belongs to. */
  webRoot?: string;
  /** The database holds synthetic demonstration data (demo.ts), and everything the service serves says so. */
  synthetic?: boolean;
}

export interface RunningService {
  url: string;
  /** The admin listener (/metrics, /readyz); absent when ADMIN_PORT is off. */
  adminUrl: string | undefined;
  logger: Logger;
  /** Every route the app registered (hono's `app.routes`), so tests can cover each one. */
  routes: readonly { method: string; path: string }[];
  /** Recomputes the public snapshot now instead of waiting for the release cadence. */
  releaseNow(): void;
  /** Stops accepting, answers what is in flight, commits what is pending, closes the database. */
  close(): Promise<void>;
}

interface Listener {
  server: Server;
  url: string;
  port: number;
}

/** Serves an app on a port and host; resolves once it listens. */
async function listen(app: Hono, port: number, hostname: string): Promise<Listener> {
  const server = serve({ fetch: app.fetch, port, hostname }) as Server;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('listening', () => resolve(server.address() as AddressInfo));
    server.once('error', reject);
  });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${host}:${address.port}`, port: address.port };
}

/** How often a stopping server closes the keep-alive connections that have gone idle since. */
const IDLE_SWEEP_MS = 50;

function closed(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    // A connection answering when the stop began goes idle afterwards; close it then, instead
    // of waiting for the client's keep-alive timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** `dist/web` under the project root, when the pages have been built. */
function builtWebRoot(): string | undefined {
  const webRoot = join(projectRoot(), 'dist', 'web');
  return existsSync(join(webRoot, 'index.html')) ? webRoot : undefined;
}

/** Assembles the service from its configuration and starts serving. */
export async function startService({ config, logDestination, now, webRoot, synthetic = false }: ServiceOptions): Promise<RunningService> {
  const logger = createLogger(config.logLevel, logDestination);
  const pages = webRoot ?? builtWebRoot();
  if (!pages) logger.warn('web pages not built (npm run build:web); serving the API only');
  const areaPack = loadAreaPack(config.areaPack);
  if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true, mode: 0o700 });
  const store = openCountsStore({ path: config.databasePath, synchronous: config.synchronous });
  const history = createHistory(areaPack, store.history());
  const metrics = createMetrics();
  let lastCommitOk = true;
  const groupCommit = new GroupCommit({
    commit: store.add,
    durable: store.durable,
    maxBatch: config.commitMaxBatch,
    onBatch: (stats) => {
      metrics.batch(stats);
      lastCommitOk = stats.ok;
      if (!stats.ok) logger.error({ reports: stats.reports }, 'group commit failed');
    },
  });
  const walTimer = setInterval(() => {
    if (!store.truncateWal()) logger.warn('the WAL could not be truncated: another connection is reading the database');
  }, config.walTruncateIntervalMs);
  walTimer.unref();
  const clock = now ?? Date.now;
  const clockGuard = createClockGuard({
    newestDay: store.lastDay(),
    frozenWeeks: store.frozenWeeks(),
    logger,
    now: clock,
  });
  const clockWarning = clockGuard.startWarning(dayIn(config.timeZone, clock()));
  if (clockWarning) logger.warn(clockWarning);
  const releaser = createReleaser({
    counts: () => {
      metrics.countsRead();
      return store.rows();
    },
    countsSince: (day) => {
      metrics.countsRead();
      return store.rowsSince(day);
    },
    firstDay: store.firstDay,
    commitPending: () => groupCommit.commitNow(),
    pack: areaPack,
    timeZone: config.timeZone,
    policy: config.releasePolicy,
    keys: cellKeys(store.releaseSecret(JSON.stringify(config.releasePolicy.perturbation))),
    now: clock,
    onRelease: (ms) => metrics.release(ms / 1000),
    record: (snapshot) => {
      const changes = history.changes(snapshot);
      try {
        if (changes.rows.length > 0) store.addHistory(changes.rows);
        history.commit(changes);
      } catch (error) {
        // The history keeps what it held; the next release records the changes again.
        logger.error({ error: error instanceof Error ? error.message : String(error) }, 'the publication history could not be stored');
      }
    },
    retentionDays: config.retentionDays,
    frozenWeeks: store.frozenWeeks,
    replacePeriods: (periods, rows) => {
      if (!store.replacePeriods(periods, rows)) logger.warn('the database could not be rewritten or its WAL truncated after retention: another connection is using it');
    },
    onRetention: (weeks) => {
      clockGuard.frozen(weeks);
      logger.info(`retention: the counters of ${weeks.join(', ')} were replaced by their released values`);
    },
    onRetentionError: (error) => logger.error({ error: error instanceof Error ? error.message : String(error) }, 'retention failed; it is retried at the next release'),
  });
  releaser.releaseNow();
  const releaseTimer = setInterval(() => releaser.releaseNow(), config.releaseIntervalMs);
  releaseTimer.unref();
  const abuse = createAbuseGuard(config, {
    ...(now ? { now } : {}),
    onRateLimitFull: () => logger.warn('rate-limit table full; new senders pass uncounted until the window ends'),
  });

  const app = createApp({
    areaPack,
    today: dayClock(config.timeZone, now),
    submit: (increments) => groupCommit.submit(increments),
    recordKey: recordKeys(),
    logger,
    metrics,
    webRoot: pages,
    instance: pageInstance(config, synthetic),
    snapshot: releaser.current,
    history,
    collecting: collectionOpen(config.collectionEnds, now),
    acceptsDay: clockGuard.accepts,
    collectionEnds: config.collectionEnds,
    proofOfWork: abuse.proofOfWork,
    rateLimit: abuse.rateLimit,
    challengeLimit: abuse.challengeLimit,
    hsts: config.hsts,
  });
  // The admin listener starts first: whoever waits for the "listening" line (a test, the
  // benchmark) then finds the admin port already logged.
  let admin: Listener | undefined;
  if (config.adminPort === null) {
    logger.info('admin listener off (ADMIN_PORT=off): no /metrics, no /readyz');
  } else {
    const adminApp = createAdminApp({
      logger,
      metrics,
      readiness: readiness({
        databasePath: config.databasePath,
        lastCommitOk: () => lastCommitOk,
        snapshotTime: () => releaser.current().time,
        now: clock,
        maxSnapshotAgeMs: 2 * config.releaseIntervalMs,
      }),
    });
    admin = await listen(adminApp, config.adminPort, config.adminHost);
    logger.info({ port: admin.port }, 'admin listening');
  }
  const api = await listen(app, config.port, config.host);
  // While stopping, every answer closes its connection, so clients on keep-alive connections
  // (a proxy, a load test) move on instead of being cut off when the shutdown timeout ends.
  let draining = false;
  api.server.prependListener('request', (_req, res) => {
    if (draining) res.setHeader('connection', 'close');
  });
  logger.info({ port: api.port, areaPack: areaPack.id }, 'listening');

  let closing: Promise<void> | undefined;
  return {
    url: api.url,
    adminUrl: admin?.url,
    logger,
    routes: app.routes.map(({ method, path }) => ({ method, path })),
    releaseNow: () => void releaser.releaseNow(),
    close() {
      closing ??= (async () => {
        draining = true;
        await Promise.all([api, admin].map((listener) => listener && closed(listener.server, config.shutdownTimeoutMs)));
        await groupCommit.drain();
        clearInterval(walTimer);
        clearInterval(releaseTimer);
        abuse.close();
        store.close();
        logger.info('stopped');
        logger.flush();
      })();
      return closing;
    },
  };
}
