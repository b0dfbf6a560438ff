import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCountsStore } from '../aggregator/store.js';

describe('the counts store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-store-'));
  const path = join(dir, 'counts.db');
  afterEach(() => rmSync(path, { force: true }));

  const prepare = (version: number) => {
    const db = new Database(path);
    db.exec('CREATE TABLE counts (day TEXT NOT NULL, area TEXT NOT NULL, metric TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (day, area, metric)) WITHOUT ROWID');
    db.exec("INSERT INTO counts VALUES ('2026-11-20', 'SI-061', 'reports', 12)");
    db.pragma(`user_version = ${version}`);
    db.close();
  };

  it.each([1, 2])('raises a version-%i file to version 4, keeping its counters, each with a random key in place of its reports\' keys', (version) => {
    prepare(version);
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const [row] = [...store.rows()];
    expect(row).toMatchObject({ day: '2026-11-20', area: 'SI-061', metric: 'reports', n: 12 });
    expect(row!.key).toBeGreaterThanOrEqual(0);
    expect(row!.key).toBeLessThan(2 ** 32);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all()).toEqual(['counts', 'history', 'release_secret']);
    db.close();
  });

  it('adds an empty publication history to a version-3 file, keeping its counters and release secret', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    store.add([{ day: '2026-11-20', area: 'SI-061', metric: 'reports', n: 12, key: 7 }]);
    const secret = store.releaseSecret('{}');
    store.close();
    const db = new Database(path);
    db.exec('DROP TABLE history');
    db.pragma('user_version = 3');
    db.close();
    const again = openCountsStore({ path, synchronous: 'FULL' });
    expect([...again.rows()]).toEqual([{ day: '2026-11-20', area: 'SI-061', metric: 'reports', n: 12, key: 7 }]);
    expect(again.releaseSecret('{}')).toEqual(secret);
    expect([...again.history()]).toEqual([]);
    again.close();
  });

  it('keeps the publication history in the order it was published, apart from retention', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const row = (issued: number, period: string, area: string, value: number) => ({ issued, period, area, metric: 'reports', value });
    store.addHistory([row(2000, '2026-11-24', 'SI', 31), row(2000, '2026-11-23', 'SI041', -2)]);
    store.addHistory([row(1000, '2026-11-23', 'SI', 40)]);
    store.add([{ day: '2026-11-23', area: 'SI-061', metric: 'reports', n: 3, key: 1 }]);
    store.replacePeriods(['2026-11-23'], []);
    expect([...store.history()]).toEqual([row(1000, '2026-11-23', 'SI', 40), row(2000, '2026-11-23', 'SI041', -2), row(2000, '2026-11-24', 'SI', 31)]);
    expect([...store.rows()]).toEqual([]);
    store.close();
  });

  it('refuses a file of version 2 holding weeks frozen under the former release policy', () => {
    prepare(2);
    const db = new Database(path);
    db.exec("INSERT INTO counts VALUES ('2026-W47', 'SI', 'reports', 140)");
    db.close();
    expect(() => openCountsStore({ path, synchronous: 'FULL' })).toThrow(/frozen under the former release policy/);
  });

  it('keeps one release secret, and refuses another perturbation than the one the numbers were published with', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const secret = store.releaseSecret('{"maxDeviation":5}');
    expect(secret).toHaveLength(32);
    expect(store.releaseSecret('{"maxDeviation":5}')).toEqual(secret);
    expect(() => store.releaseSecret('{"maxDeviation":4}')).toThrow(/perturbation/);
    store.close();
    const again = openCountsStore({ path, synchronous: 'FULL' });
    expect(again.releaseSecret('{"maxDeviation":5}')).toEqual(secret);
    again.close();
  });

  it('refuses a file written by a newer version', () => {
    prepare(5);
    expect(() => openCountsStore({ path, synchronous: 'FULL' })).toThrow(/schema version 5 is newer/);
  });

  it('adds increments to existing counters, many rows per statement', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const rows = Array.from({ length: 70 }, (_, i) => ({ day: '2026-11-21', area: 'SI-061', metric: `m${i}`, n: i + 1, key: 0x8000_0000 + i }));
    store.add(rows);
    store.add(rows.slice(0, 3));
    const stored = new Map([...store.rows()].map((r) => [r.metric, r.n]));
    expect(stored.size).toBe(70);
    expect(stored.get('m0')).toBe(2);
    expect(stored.get('m2')).toBe(6);
    expect(stored.get('m69')).toBe(70);
    // Key sums wrap around modulo 2³²: 2 × (2³¹ + 2) = 4.
    expect([...store.rows()].find((r) => r.metric === 'm2')!.key).toBe(4);
    expect([...store.rows()].find((r) => r.metric === 'm69')!.key).toBe(0x8000_0000 + 69);
    expect(store.firstDay()).toBe('2026-11-21');
    store.close();
  });
  it('reads the dates from a day on by primary-key ranges, never a week label', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const row = (day: string, metric = 'reports') => ({ day, area: 'SI-061', metric, n: 1, key: 1 });
    store.add(['2025-12-28', '2025-W52', '2026-01-05', '2026-W01', '2026-10-05', '2026-10-06', '2026-W41', '2027-01-04', '2027-W01'].map((d) => row(d)));
    store.add([row('2026-10-05', 'cli')]);
    expect([...store.rowsSince('2026-01-05')].map((r) => `${r.day} ${r.metric}`)).toEqual([
      '2026-01-05 reports',
      '2026-10-05 cli',
      '2026-10-05 reports',
      '2026-10-06 reports',
      '2027-01-04 reports',
    ]);
    expect([...store.rowsSince('2026-10-06')].map((r) => r.day)).toEqual(['2026-10-06', '2027-01-04']);
    expect([...store.rowsSince('2027-01-05')]).toEqual([]);
    store.close();
  });
});
