import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { areaDaysOf, type CountRow, longRows, NO_VALUE, type StoredRow } from '../aggregator/area-day.js';
import { METRICS } from '../aggregator/metrics.js';
import { openCountsStore, type PublishedArea, type PublishedRow } from '../aggregator/store.js';
import { seededRandom } from '../aggregator/synthetic/random.js';
import { readCounts } from './support/counts.js';

/** The store's rows in long format, as they were stored before version 7 packed them. */
const long = (rows: Iterable<StoredRow>) => [...rows].flatMap((row) => [...longRows(row)]);

/** The history's rows in long format, likewise. */
const longHistory = (rows: Iterable<PublishedArea>): PublishedRow[] =>
  [...rows].flatMap(({ issued, period, area, values }) =>
    METRICS.flatMap((m, k) => (values[k] === NO_VALUE ? [] : [{ issued, period, area, metric: m.name, value: values[k]! }])),
  );

describe('the counts store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-store-'));
  const path = join(dir, 'counts.db');
  afterEach(() => rmSync(path, { force: true }));

  /** A file of an earlier version: the long `counts` table, with a key column from version 3 on. */
  const prepare = (version: number, rows: readonly string[] = ["('2026-11-20', 'SI-061', 'reports', 12)"]) => {
    const db = new Database(path);
    const key = version >= 3 ? ', key INTEGER NOT NULL' : '';
    db.exec(`CREATE TABLE counts (day TEXT NOT NULL, area TEXT NOT NULL, metric TEXT NOT NULL, n INTEGER NOT NULL${key}, PRIMARY KEY (day, area, metric)) WITHOUT ROWID`);
    for (const row of rows) db.exec(`INSERT INTO counts VALUES ${version >= 3 ? row.replace(/\)$/, ', 7)') : row}`);
    if (version >= 3) db.exec('CREATE TABLE release_secret (id INTEGER PRIMARY KEY CHECK (id = 1), secret BLOB NOT NULL, perturbation TEXT NOT NULL)');
    db.pragma(`user_version = ${version}`);
    db.close();
  };
  const tables = () => {
    const db = new Database(path, { readonly: true });
    try {
      return { version: db.pragma('user_version', { simple: true }), names: db.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all() };
    } finally {
      db.close();
    }
  };
  const SCHEMA = ['counters', 'counts', 'frozen', 'history', 'metrics', 'release_secret', 'sqlite_autoindex_metrics_1'];

  it.each([1, 2])("raises a version-%i file to version 7, keeping its counters, each with a random key in place of its reports' keys", (version) => {
    prepare(version);
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const [row] = long(store.rows());
    expect(row).toMatchObject({ day: '2026-11-20', area: 'SI-061', metric: 'reports', n: 12 });
    expect(row!.key).toBeGreaterThanOrEqual(0);
    expect(row!.key).toBeLessThan(2 ** 32);
    store.close();
    expect(tables()).toEqual({ version: 7, names: SCHEMA });
  });

  it('raises a version-3 file to version 7: counters into rows per municipality and day, frozen weeks into their own table', () => {
    // W41 (5 to 11 October) was frozen: its days' and its week's rows hold published values.
    prepare(3, ["('2026-10-05', 'SI', 'reports', 140)", "('2026-W41', 'SI', 'reports', 700)", "('2026-10-19', 'SI-061', 'reports', 12)", "('2026-10-19', 'SI-061', 'cli', 3)"]);
    const store = openCountsStore({ path, synchronous: 'FULL' });
    expect(store.frozenWeeks()).toEqual(['2026-W41']);
    expect(long(store.rows())).toEqual([
      { day: '2026-10-05', area: 'SI', metric: 'reports', n: 140, key: 0 },
      { day: '2026-10-19', area: 'SI-061', metric: 'reports', n: 12, key: 7 },
      { day: '2026-10-19', area: 'SI-061', metric: 'cli', n: 3, key: 7 },
      { day: '2026-W41', area: 'SI', metric: 'reports', n: 700, key: 0 },
    ]);
    store.close();
    expect(tables()).toEqual({ version: 7, names: SCHEMA });
  });

  it.each([4, 5, 6])('raises a version-%i file to version 7: its counters packed, its frozen values and history packed by area-period, its release secret kept', (version) => {
    const row: CountRow = { day: '2026-11-20', area: 'SI-061', metric: 'reports', n: 12, key: 0xfedc_ba98 };
    const store = openCountsStore({ path, synchronous: 'FULL' });
    store.add(areaDaysOf([row]));
    const secret = store.releaseSecret('{}');
    store.close();
    // Back to the layout of versions 4 to 6: a row per frozen and per published value, JSON
    // arrays and their view before 6, no history in 4.
    const db = new Database(path);
    const [a] = areaDaysOf([row]);
    db.exec('DROP VIEW counts');
    db.exec('DROP TABLE frozen');
    db.exec('CREATE TABLE frozen (period TEXT NOT NULL, area TEXT NOT NULL, metric TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (period, area, metric)) WITHOUT ROWID');
    db.exec("INSERT INTO frozen VALUES ('2026-W41', 'SI', 'reports', 700), ('2026-W41', 'SI', 'cli', 12), ('2026-W42', 'SI', 'reports', -2)");
    db.exec('DROP TABLE history');
    if (version >= 5) {
      db.exec('CREATE TABLE history (issued INTEGER NOT NULL, period TEXT NOT NULL, area TEXT NOT NULL, metric TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (issued, period, area, metric)) WITHOUT ROWID');
      db.exec("INSERT INTO history VALUES (1000, '2026-W41', 'SI', 'reports', 700), (1000, '2026-W41', 'SI', 'cli', 12), (2000, '2026-11-24', 'SI041', 'reports', -2)");
    }
    if (version < 6) {
      db.prepare('UPDATE counters SET n = ?, key = ?').run(JSON.stringify([...a!.n]), JSON.stringify([...a!.key]));
      db.exec('CREATE VIEW counts AS SELECT c.day, c.area, n.value AS n FROM counters c, json_each(c.n) n');
    } else {
      db.exec('CREATE VIEW counts AS SELECT period, area, metric, value FROM frozen');
    }
    db.pragma(`user_version = ${version}`);
    db.close();
    const again = openCountsStore({ path, synchronous: 'FULL' });
    const frozen = [
      { day: '2026-W41', area: 'SI', metric: 'reports', n: 700, key: 0 },
      { day: '2026-W41', area: 'SI', metric: 'cli', n: 12, key: 0 },
      { day: '2026-W42', area: 'SI', metric: 'reports', n: -2, key: 0 },
    ];
    expect(long(again.rows())).toEqual([row, ...frozen]);
    expect(again.releaseSecret('{}')).toEqual(secret);
    const published = (issued: number, period: string, area: string, metric: string, value: number) => ({ issued, period, area, metric, value });
    expect(longHistory(again.history())).toEqual(
      version >= 5 ? [published(1000, '2026-W41', 'SI', 'reports', 700), published(1000, '2026-W41', 'SI', 'cli', 12), published(2000, '2026-11-24', 'SI041', 'reports', -2)] : [],
    );
    again.close();
    expect(tables()).toEqual({ version: 7, names: SCHEMA });
    expect(readCounts(path)).toEqual([row, ...frozen].sort((x, y) => (x.day + x.area + x.metric).localeCompare(y.day + y.area + y.metric)));
  });

  it('keeps the publication history in the order it was published, one row per issue, period and area, and retention leaves it', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const row = (issued: number, period: string, area: string, value: number, metric = 'reports') => ({ issued, period, area, metric, value });
    store.addHistory([row(2000, '2026-11-24', 'SI', 31), row(2000, '2026-11-23', 'SI041', -2), row(2000, '2026-11-24', 'SI', 4, 'cli')]);
    store.addHistory([row(1000, '2026-11-23', 'SI', 40)]);
    store.add(areaDaysOf([{ day: '2026-11-23', area: 'SI-061', metric: 'reports', n: 3, key: 1 }]));
    store.replacePeriods(['2026-11-23'], []);
    const stored = [...store.history()];
    expect(stored.map((r) => `${r.issued} ${r.period} ${r.area}`)).toEqual(['1000 2026-11-23 SI', '2000 2026-11-23 SI041', '2000 2026-11-24 SI']);
    expect(longHistory(stored)).toEqual([row(1000, '2026-11-23', 'SI', 40), row(2000, '2026-11-23', 'SI041', -2), row(2000, '2026-11-24', 'SI', 31), row(2000, '2026-11-24', 'SI', 4, 'cli')]);
    expect(long(store.rows())).toEqual([]);
    store.close();
  });

  it('refuses a file of version 2 holding weeks frozen under the former release policy', () => {
    prepare(2, ["('2026-W47', 'SI', 'reports', 140)"]);
    expect(() => openCountsStore({ path, synchronous: 'FULL' })).toThrow(/frozen under the former release policy/);
  });

  it('refuses a file written by a newer version', () => {
    prepare(8);
    expect(() => openCountsStore({ path, synchronous: 'FULL' })).toThrow(/schema version 8 is newer/);
  });

  it('refuses a file that counts the metrics of another questionnaire', () => {
    openCountsStore({ path, synchronous: 'FULL' }).close();
    const db = new Database(path);
    db.prepare('UPDATE metrics SET name = ? WHERE idx = 1').run('symptom:something_else');
    db.close();
    expect(() => openCountsStore({ path, synchronous: 'FULL' })).toThrow(/other metrics than this questionnaire/);
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

  it('adds increments to the counters, one row per municipality and day', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const rows = METRICS.map((m, i): CountRow => ({ day: '2026-11-21', area: 'SI-061', metric: m.name, n: i + 1, key: 0x8000_0000 + i }));
    store.add(areaDaysOf(rows));
    store.add(areaDaysOf(rows.slice(0, 3)));
    const stored = new Map(long(store.rows()).map((r) => [r.metric, r]));
    expect(stored.size).toBe(METRICS.length);
    expect(stored.get(METRICS[0]!.name)!.n).toBe(2);
    expect(stored.get(METRICS[2]!.name)!.n).toBe(6);
    expect(stored.get(METRICS.at(-1)!.name)!.n).toBe(METRICS.length);
    // Key sums wrap around modulo 2³²: 2 × (2³¹ + 2) = 4.
    expect(stored.get(METRICS[2]!.name)!.key).toBe(4);
    expect(store.firstDay()).toBe('2026-11-21');
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM counters').pluck().get()).toBe(1);
    db.close();
    // The operators' view gives the same counters in long format.
    expect(readCounts(path).find((r) => r.metric === METRICS[2]!.name)).toEqual({ day: '2026-11-21', area: 'SI-061', metric: METRICS[2]!.name, n: 6, key: 4 });
  });

  it('adds to what another process left in the file, not only to what it wrote itself', () => {
    const row = (n: number): CountRow => ({ day: '2026-11-21', area: 'SI-061', metric: 'reports', n, key: 1 });
    const first = openCountsStore({ path, synchronous: 'FULL' });
    first.add(areaDaysOf([row(5)]));
    first.close();
    const second = openCountsStore({ path, synchronous: 'FULL' });
    second.add(areaDaysOf([row(2)]));
    second.add(areaDaysOf([row(1)]));
    expect(long(second.rows())).toEqual([{ ...row(8), key: 3 }]);
    second.close();
  });

  it('leaves no byte of a counter that retention removed in the file, whichever way its pages were split', () => {
    // Counters written one report at a time, as the service commits them, in rows of varying
    // length (the key sums are random), so pages split and cells move: a moved cell's old bytes
    // stay in its page's unallocated space, where secure_delete does not reach.
    const days = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-11'];
    const areas = ['SI-061', 'SI-052', 'SI-004', 'SI-001', 'SI-002', 'SI-003', 'SI-005', 'SI-006', 'SI-007', 'SI-008'];
    const left: string[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const random = seededRandom(seed);
      // NORMAL: what is tested is what the file holds, not what a power cut would leave.
      const store = openCountsStore({ path, synchronous: 'NORMAL' });
      for (const day of [...days, '2026-10-16', '2026-10-17']) {
        for (const [i, area] of areas.entries()) {
          const reports = [15, 11, 3][i] ?? 1;
          for (let r = 0; r < reports; r++) {
            const key = Math.floor(random() * 2 ** 32);
            const metrics = METRICS.filter((_, j) => j === 0 || random() < 0.3);
            store.add(areaDaysOf(metrics.map((m): CountRow => ({ day, area, metric: m.name, n: 1, key }))));
          }
        }
      }
      store.replacePeriods([...days, '2026-W41'], [{ day: '2026-W41', area: 'SI', metric: 'reports', n: 100, key: 0 }]);
      store.close();
      const bytes = readFileSync(path).toString('latin1');
      left.push(...days.flatMap((day) => areas.filter((area) => bytes.includes(`${day}${area}`)).map((area) => `seed ${seed}: ${day} ${area}`)));
      rmSync(path, { force: true });
    }
    expect(left).toEqual([]);
  }, 30_000);

  it('flushes what it committed to disk when asked, even when it closes meanwhile; at NORMAL it does not wait', async () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    store.add(areaDaysOf([{ day: '2026-11-21', area: 'SI-061', metric: 'reports', n: 1, key: 1 }]));
    await expect(store.durable()).resolves.toBeUndefined();
    store.add(areaDaysOf([{ day: '2026-11-21', area: 'SI-061', metric: 'reports', n: 1, key: 1 }]));
    const flushing = [store.durable(), store.durable()];
    // Closing checkpoints everything into the database; the flushes under way still end well.
    store.close();
    await expect(Promise.all(flushing)).resolves.toEqual([undefined, undefined]);
    expect(readCounts(path)).toEqual([{ day: '2026-11-21', area: 'SI-061', metric: 'reports', n: 2, key: 2 }]);

    const normal = openCountsStore({ path, synchronous: 'NORMAL' });
    let flushed = false;
    void normal.durable().then(() => (flushed = true));
    await Promise.resolve();
    expect(flushed).toBe(true);
    normal.close();
  });

  it('reads the dates from a day on, counters and frozen days alike, never a week label', () => {
    const store = openCountsStore({ path, synchronous: 'FULL' });
    const row = (day: string, metric = 'reports'): CountRow => ({ day, area: 'SI-061', metric, n: 1, key: 1 });
    store.add(areaDaysOf(['2025-12-28', '2026-01-05', '2026-10-06', '2027-01-04'].map((d) => row(d))));
    store.add(areaDaysOf([row('2026-10-06', 'cli')]));
    store.replacePeriods(['2026-10-05', '2026-W41'], [{ ...row('2026-10-05'), area: 'SI', key: 0 }, { ...row('2026-W41'), area: 'SI', key: 0 }]);
    expect(long(store.rowsSince('2026-01-05')).map((r) => `${r.day} ${r.area} ${r.metric}`)).toEqual([
      '2026-01-05 SI-061 reports',
      '2026-10-05 SI reports',
      '2026-10-06 SI-061 reports',
      '2026-10-06 SI-061 cli',
      '2027-01-04 SI-061 reports',
    ]);
    expect(long(store.rows()).map((r) => r.day)).toEqual(['2025-12-28', '2026-01-05', '2026-10-05', '2026-10-06', '2026-10-06', '2026-W41', '2027-01-04']);
    expect(long(store.rowsSince('2027-01-05'))).toEqual([]);
    expect(store.frozenWeeks()).toEqual(['2026-W41']);
    expect([store.firstDay(), store.lastDay()]).toEqual(['2025-12-28', '2027-01-04']);
    store.close();
  });
});
