import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import type { Increments } from '../aggregator/fold.js';
import { createHistory } from '../aggregator/history.js';
import { release } from '../aggregator/release.js';
import { createAbuseGuard } from '../server/abuse/abuse-guard.js';
import { type AppParts, createApp } from '../server/app.js';
import { parseConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { createMetrics } from '../server/metrics.js';
import { TEST_KEYS } from './support/release-fixtures.js';
import { VALID_REPORT } from './support/reports.js';
import { expectSecurityHeaders } from './support/security-headers.js';
import { expectPrivateLogs } from './support/service.js';

const PACK = loadAreaPack('si');
const CLOCK = Date.UTC(2026, 10, 25, 12);
const SNAPSHOT = release({ counts: [], pack: PACK, now: CLOCK, timeZone: 'Europe/Ljubljana', keys: TEST_KEYS });

/**
 * The public app in this process, as `createApp` builds it from its parts, answering
 * `app.request` without a socket: the routes' own behaviour, in milliseconds. Reports go to
 * `submitted` instead of a store; the service tests cover the store.
 */
function inProcess(overrides: Partial<AppParts> = {}) {
  const logs: string[] = [];
  const submitted: Increments[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = createApp({
    areaPack: PACK,
    today: () => '2026-11-25',
    submit: async (increments) => void submitted.push(increments),
    recordKey: () => 1,
    logger: createLogger('debug', destination),
    metrics: createMetrics(),
    snapshot: () => SNAPSHOT,
    history: createHistory(PACK),
    ...overrides,
  });
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    app.request('/api/v1/reports', { method: 'POST', headers, body });
  return { app, submitted, logs, post };
}

describe('the app in process (createApp, app.request)', () => {
  it('counts a report, and refuses a bad one with a problem document without submitting it', async () => {
    const { submitted, post, logs } = inProcess();
    const counted = await post(JSON.stringify(VALID_REPORT));
    expect(counted.status).toBe(201);
    expect(await counted.json()).toMatchObject({ outcome: 'isolate_and_test' });
    expect(submitted.map((i) => [i.day, i.area])).toEqual([['2026-11-25', 'SI-061']]);

    const refused = await post(JSON.stringify({ ...VALID_REPORT, ageBand: '200+' }));
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(((await refused.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['ageBand']);
    expect(submitted).toHaveLength(1);
    expectPrivateLogs(logs, ['SI-061', 'fever']);
  });

  it('sets the security headers through the context when there is no Node response', async () => {
    const { app, post } = inProcess();
    expectSecurityHeaders(await app.request('/api/v1/status'), 'status', { api: true });
    expectSecurityHeaders(await post('{"not json'), 'a refused report', { api: true });
    expectSecurityHeaders(await app.request('/nowhere'), '404', { api: false });
    const { app: behindTls } = inProcess({ hsts: true });
    expectSecurityHeaders(await behindTls.request('/api/v1/status'), 'status behind TLS', { hsts: true, api: true });
  });

  it('by default collects without end, asks no proof of work and says the numbers are real', async () => {
    const { app } = inProcess();
    expect(await (await app.request('/api/v1/status')).json()).toMatchObject({
      collecting: true,
      collectionEnds: null,
      proofOfWork: false,
      synthetic: false,
    });
    expect((await app.request('/api/v1/challenge')).status).toBe(404);
  });

  it('counts requests without a socket as one sender, so the rate limit still holds', async () => {
    const config = { ...parseConfig({}), rateLimitMax: 2, rateLimitWindowMs: 60_000, powMaxNumber: 0 };
    const abuse = createAbuseGuard(config, { now: () => CLOCK });
    try {
      const { submitted, post } = inProcess({ rateLimit: abuse.rateLimit });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(JSON.stringify(VALID_REPORT))).status);
      expect(statuses).toEqual([201, 201, 429]);
      const limited = await post(JSON.stringify(VALID_REPORT));
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(limited.headers.get('content-type')).toBe('application/problem+json');
      expect(submitted).toHaveLength(2);
    } finally {
      abuse.close();
    }
  });
});
