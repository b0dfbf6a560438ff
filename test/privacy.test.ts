import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VALID_REPORT } from './support/reports.js';
import { startTestService, TEST_USER_AGENT, type TestService } from './support/service.js';

describe('privacy of what is stored', () => {
  let service: TestService;
  beforeAll(async () => {
    // The service's interval timers run when the test moves them (the WAL truncation below).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    service = await startTestService({}, { forbiddenInLogs: ['SI-061', 'fever'] });
    for (let i = 0; i < 30; i++) {
      const res = await service.post(VALID_REPORT, { headers: { 'accept-language': 'sl-SI', referer: 'https://example.org/x' } });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await service.stop();
    vi.useRealTimers();
  });

  it('holds the counters, the frozen weeks, the metric names, the release secret and the published values, nothing else (I1)', () => {
    const db = new Database(service.databasePath, { readonly: true });
    try {
      const objects = db.prepare("SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name").pluck().all();
      expect(objects).toEqual(['table counters', 'view counts', 'table frozen', 'table history', 'table metrics', 'table release_secret']);
      const columns = db.prepare('PRAGMA table_info(counters)').all() as { name: string; pk: number }[];
      expect(columns.map((c) => [c.name, c.pk])).toEqual([['day', 1], ['area', 2], ['n', 0], ['key', 0]]);
      // Published values by period and area, with the release that published them: no key, no report.
      const history = db.prepare('PRAGMA table_info(history)').all() as { name: string; pk: number }[];
      expect(history.map((c) => [c.name, c.pk])).toEqual([['issued', 1], ['period', 2], ['area', 3], ['value', 0]]);
      // Municipalities publish weeks only: none of the day (the one that was released) is in the history.
      const municipalDays = db.prepare("SELECT count(*) FROM history WHERE area LIKE 'SI-%' AND period NOT LIKE '%-W%'").pluck().get();
      expect(municipalDays).toBe(0);
      // One secret, 32 random bytes, and the perturbation it keys: nothing about any report.
      const secrets = db.prepare('SELECT id, length(secret) AS bytes, perturbation FROM release_secret').all();
      expect(secrets).toEqual([{ id: 1, bytes: 32, perturbation: expect.stringContaining('"maxDeviation":5') }]);
      expect(db.pragma('user_version', { simple: true })).toBe(7);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const days = db.prepare('SELECT DISTINCT day FROM counters').pluck().all() as string[];
      for (const day of days) expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // 30 identical reports are one row for their municipality and day, not 30 rows.
      expect(db.prepare('SELECT count(*) FROM counters').pluck().get()).toBe(1);
      expect(db.prepare("SELECT n FROM counts WHERE metric = 'reports'").pluck().all()).toEqual([30]);
      // Their 30 record keys are one sum per counter, the same for all of them.
      const keys = db.prepare('SELECT DISTINCT key FROM counts').pluck().all() as number[];
      expect(keys).toHaveLength(1);
      expect(keys[0]).toBeGreaterThanOrEqual(0);
      expect(keys[0]).toBeLessThan(2 ** 32);
    } finally {
      db.close();
    }
  });

  it('writes no request data into the database files (I2)', () => {
    for (const suffix of ['', '-wal']) {
      let bytes: string;
      try {
        bytes = readFileSync(service.databasePath + suffix).toString('latin1');
      } catch {
        continue;
      }
      for (const text of [TEST_USER_AGENT, '127.0.0.1', 'example.org', 'sl-SI']) expect(bytes).not.toContain(text);
    }
  });

  it('keeps the database readable by the service user only', () => {
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(service.databasePath)).toBe(0o600);
    expect(mode(`${service.databasePath}-wal`)).toBe(0o600);
  });

  it('truncates the WAL to zero bytes within the truncation interval (I3)', () => {
    const walSize = () => statSync(`${service.databasePath}-wal`).size;
    expect(walSize(), 'the reports were in the WAL').toBeGreaterThan(0);
    vi.advanceTimersByTime(service.config.walTruncateIntervalMs - 1);
    expect(walSize(), 'not before the interval').toBeGreaterThan(0);
    vi.advanceTimersByTime(1);
    expect(walSize()).toBe(0);
  });
});
