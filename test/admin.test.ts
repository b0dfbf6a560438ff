import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALID_REPORT } from './support/reports.js';
import { startTestService, type TestService } from './support/service.js';

const RELEASE_INTERVAL_MS = 60_000;

/** Listening TCP servers of this process (public API, admin, any other a test left open). */
const tcpServers = () => process.getActiveResourcesInfo().filter((type) => type === 'TCPServerWrap').length;

const readyz = async (service: TestService) => {
  const res = await fetch(`${service.adminUrl}/readyz`);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

// Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
describe('the admin listener', { shuffle: false }, () => {
  let service: TestService;
  let clock = Date.UTC(2026, 10, 25, 11);

  beforeAll(async () => {
    service = await startTestService({ releaseIntervalMs: RELEASE_INTERVAL_MS }, { now: () => clock });
  });
  afterAll(() => service.stop());

  it('listens on its own loopback port', () => {
    expect(service.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(service.adminUrl).not.toBe(service.url);
  });

  it('is the only place /metrics and /readyz are served: the public port answers 404', async () => {
    for (const path of ['/metrics', '/readyz']) {
      const pub = await fetch(`${service.url}${path}`);
      expect(pub.status, `public ${path}`).toBe(404);
      expect(pub.headers.get('content-type')).toBe('application/problem+json');
      expect((await fetch(`${service.adminUrl}${path}`)).status, `admin ${path}`).toBe(200);
    }
  });

  it('serves Prometheus metrics', async () => {
    expect((await service.post(VALID_REPORT)).status).toBe(201);
    const res = await fetch(`${service.adminUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(/http_requests_total\{method="POST",route="\/api\/v1\/reports",status="201"\} [1-9]/);
  });

  it('serves nothing else, and keeps the API off the admin port', async () => {
    for (const path of ['/healthz', '/api/v1/status', '/']) {
      const res = await fetch(`${service.adminUrl}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const post = await fetch(`${service.adminUrl}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('says ready while the database takes commits and the snapshot is fresh', async () => {
    expect(await readyz(service)).toEqual({
      status: 200,
      body: { status: 'ready', database: 'writable', snapshot: 'fresh', snapshotAgeS: 0 },
    });
  });

  it('says not ready once the snapshot is older than two release intervals, and ready after a release', async () => {
    clock += 2 * RELEASE_INTERVAL_MS;
    expect((await readyz(service)).status).toBe(200);
    clock += 1000;
    expect(await readyz(service)).toEqual({
      status: 503,
      body: { status: 'not_ready', database: 'writable', snapshot: 'stale', snapshotAgeS: 121 },
    });
    service.releaseNow();
    expect(await readyz(service)).toMatchObject({ status: 200, body: { snapshot: 'fresh', snapshotAgeS: 0 } });
  });

  it('says not ready while commits fail, and ready after the next commit', async () => {
    // Another process holding the write lock makes the commit fail.
    const locker = new Database(service.databasePath);
    locker.exec('BEGIN IMMEDIATE');
    try {
      expect((await service.post(VALID_REPORT)).status).toBe(503);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect(await readyz(service)).toMatchObject({ status: 503, body: { status: 'not_ready', database: 'not_writable' } });
    expect((await service.post(VALID_REPORT)).status).toBe(201);
    expect(await readyz(service)).toMatchObject({ status: 200, body: { status: 'ready', database: 'writable' } });
  });

  it('keeps /healthz public and without detail, whatever the readiness', async () => {
    clock += 10 * RELEASE_INTERVAL_MS;
    expect((await readyz(service)).status).toBe(503);
    const res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('logs its requests like the public ones: method, route pattern, status, duration', () => {
    // stop() checks every line against the private-log rules; these lines are among them.
    const adminLines = service.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.route === '/readyz' || e.route === '/metrics');
    expect(adminLines.length).toBeGreaterThan(0);
    for (const line of adminLines) expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'route', 'status', 'time']);
    expect(service.logs.some((line) => JSON.parse(line).msg === 'admin listening')).toBe(true);
  });
});

describe('ADMIN_PORT=off', () => {
  it('starts the public listener only, and the public port still answers 404 for /metrics and /readyz', async () => {
    const before = tcpServers();
    const service = await startTestService({ adminPort: null });
    try {
      expect(service.adminUrl).toBeUndefined();
      expect(tcpServers() - before).toBe(1);
      for (const path of ['/metrics', '/readyz']) expect((await fetch(`${service.url}${path}`)).status, path).toBe(404);
      expect((await service.post(VALID_REPORT)).status).toBe(201);
      expect(service.logs.some((line) => JSON.parse(line).msg === 'admin listening')).toBe(false);
    } finally {
      await service.stop();
    }
  });

  it('counts two listeners when on, so the count above can fail', async () => {
    const before = tcpServers();
    const service = await startTestService();
    try {
      expect(tcpServers() - before).toBe(2);
    } finally {
      await service.stop();
    }
  });
});
