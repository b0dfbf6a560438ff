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

  it('raises a version-1 file to version 2 and keeps its counters', () => {
    prepare(1);
    const store = openCountsStore({ path, synchronous: 'FULL' });
    expect([...store.rows()]).toEqual([{ day: '2026-11-20', area: 'SI-061', metric: 'reports', n: 12 }]);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('refuses a file written by a newer version', () => {
    prepare(3);
    expect(() => openCountsStore({ path, synchronous: 'FULL' })).toThrow(/schema version 3 is newer/);
  });

  it('adds increments to existing counters, many rows per statement', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const rows = Array.from({ length: 70 }, (_, i) => ({ day: '2026-11-21', area: 'SI-061', metric: `m${i}`, n: i + 1 }));
    store.add(rows);
    store.add(rows.slice(0, 3));
    const stored = new Map([...store.rows()].map((r) => [r.metric, r.n]));
    expect(stored.size).toBe(70);
    expect(stored.get('m0')).toBe(2);
    expect(stored.get('m2')).toBe(6);
    expect(stored.get('m69')).toBe(70);
    expect(store.firstDay()).toBe('2026-11-21');
    store.close();
  });
});
