import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { SECRET_BYTES } from './cell-key.js';

/**
 * One counter: how many reports of a day in a municipality were counted in a metric, and the
 * sum of their record keys modulo 2³² (aggregator/cell-key.ts).
 */
export interface CountRow {
  day: string;
  area: string;
  metric: string;
  n: number;
  key: number;
}

export type Synchronous = 'FULL' | 'EXTRA' | 'NORMAL';

export interface StoreOptions {
  path: string;
  /** better-sqlite3 leaves WAL databases at NORMAL, which can lose acknowledged commits. */
  synchronous: Synchronous;
}

export interface CountsStore {
  /** Adds every row's n to its counter, in one transaction. */
  add(rows: Iterable<CountRow>): void;
  /** Every counter, ordered by day, area and metric, read one row at a time. */
  rows(): IterableIterator<CountRow>;
  /**
   * The counters of the dates on or after `day` (an ISO date), by day, area and metric: range
   * scans of the primary key, one per calendar year, that stop before the year's week labels
   * (`2026-W41` sorts after every date of 2026 and before 2027), so no frozen week row is read.
   */
  rowsSince(day: string): IterableIterator<CountRow>;
  /** The earliest day with a counter, if any (a date, never a week label). */
  firstDay(): string | undefined;
  /** The latest day with a counter or a frozen day's row, if any (a date, never a week label). */
  lastDay(): string | undefined;
  /**
   * The release's secret (aggregator/cell-key.ts), made at the first call and kept with the
   * counters it keys, so a backup restores both. `perturbation` names the perturbation table
   * the numbers are published with; another one would give every published number a second,
   * different value, so a database refuses to be released under a different table: throws.
   */
  releaseSecret(perturbation: string): Uint8Array;
  /** The ISO weeks (`2026-W40`) that have rows: the weeks retention has frozen (retention.ts). */
  frozenWeeks(): string[];
  /**
   * Retention: in one transaction, deletes every row of the given periods (`day` values) and
   * inserts the rows that replace them; with secure_delete on, the deleted cells and freed
   * pages are zeroed. Then truncates the WAL, so the old counters leave the files at once
   * (false when another connection's read kept the truncation from completing; the WAL timer
   * tries again).
   */
  replacePeriods(periods: readonly string[], rows: Iterable<CountRow>): boolean;
  /**
   * Checkpoints the WAL into the database and truncates it to zero bytes (I3); false when
   * another connection's read kept it from completing.
   */
  truncateWal(): boolean;
  close(): void;
}

/**
 * 1: counters only. 2: frozen weeks too (published values and markers under week labels and
 * region and country codes; aggregator/retention.ts). 3: each counter keeps the sum of its
 * reports' record keys, and the release secret is kept beside the counters. 4: the publication
 * history (published values only).
 */
export const SCHEMA_VERSION = 4;

/**
 * How long a commit waits for a lock held by another connection (a backup, an operator's
 * shell) before its batch fails with 503: short, because the wait blocks every request.
 */
const BUSY_TIMEOUT_MS = 1000;

/** Counters per multi-row upsert statement. */
const UPSERT_ROWS = 32;

const COUNTS = `
  CREATE TABLE counts (
    day TEXT NOT NULL,
    area TEXT NOT NULL,
    metric TEXT NOT NULL,
    n INTEGER NOT NULL,
    key INTEGER NOT NULL,
    PRIMARY KEY (day, area, metric)
  ) WITHOUT ROWID`;

/** One row: a random key that relates to no report, and the perturbation table it was made for. */
const RELEASE_SECRET = `
  CREATE TABLE release_secret (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    secret BLOB NOT NULL,
    perturbation TEXT NOT NULL
  )`;

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`database schema version ${version} is newer than this service's ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    if (version === 0) db.exec(COUNTS);
    if (version > 0 && version < 3) {
      // Frozen rows of versions 1 and 2 hold numbers published under the former release
      // policy (with suppression markers), which this release cannot republish unchanged.
      if (db.prepare("SELECT 1 FROM counts WHERE day GLOB '*W*' LIMIT 1").get() !== undefined) {
        throw new Error('the database holds weeks frozen under the former release policy; keep it with the version that wrote it, and start this one on a new database');
      }
      // Earlier counters drew no record keys: each counter gets one random key in their place.
      db.exec('ALTER TABLE counts ADD COLUMN key INTEGER NOT NULL DEFAULT 0');
      db.exec('UPDATE counts SET key = random() & 4294967295');
    }
    if (version < 3) db.exec(RELEASE_SECRET);
    if (version < 4) db.exec(HISTORY);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/**
 * The only module that talks to SQLite. The database holds the `counts` table, the release
 * secret and the publication history, nothing else (I1); freed pages are zeroed and the WAL
 * never grows past what a checkpoint leaves.
 */
export function openCountsStore(options: StoreOptions): CountsStore & HistoryStore {
  const db = new Database(options.path, { timeout: BUSY_TIMEOUT_MS });
  // Owner only; SQLite gives the -wal and -shm files the database file's permissions.
  if (options.path !== ':memory:') chmodSync(options.path, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('secure_delete = ON');
  db.pragma('journal_size_limit = 0');
  migrate(db);

  const upsert = (rows: number) =>
    db.prepare(
      `INSERT INTO counts (day, area, metric, n, key) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')} ` +
        'ON CONFLICT (day, area, metric) DO UPDATE SET n = n + excluded.n, key = (key + excluded.key) & 4294967295',
    );
  // Many rows per statement: a batch costs a tenth of the statement executions.
  const upsertMany = upsert(UPSERT_ROWS);
  const upsertOne = upsert(1);
  const selectAll = db.prepare('SELECT day, area, metric, n, key FROM counts ORDER BY day, area, metric');
  const selectRange = db.prepare('SELECT day, area, metric, n, key FROM counts WHERE day >= ? AND day < ? ORDER BY day, area, metric');
  const selectAnyFrom = db.prepare('SELECT 1 FROM counts WHERE day >= ? LIMIT 1').pluck();
  function* rowsSince(day: string): IterableIterator<CountRow> {
    for (let year = Number(day.slice(0, 4)), from = day; selectAnyFrom.get(from) !== undefined; year++, from = `${year}-01-01`) {
      yield* selectRange.iterate(from, `${year}-W`) as IterableIterator<CountRow>;
    }
  }
  // Week labels sort after the dates of their year; a frozen week always has rows for its days.
  const selectFirstDay = db.prepare("SELECT day FROM counts WHERE day NOT GLOB '*W*' ORDER BY day LIMIT 1").pluck();
  const selectLastDay = db.prepare("SELECT day FROM counts WHERE day NOT GLOB '*W*' ORDER BY day DESC LIMIT 1").pluck();
  const selectSecret = db.prepare('SELECT secret, perturbation FROM release_secret WHERE id = 1');
  const insertSecret = db.prepare('INSERT INTO release_secret (id, secret, perturbation) VALUES (1, ?, ?)');
  const selectWeeks = db.prepare("SELECT DISTINCT day FROM counts WHERE day GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'").pluck();
  const deletePeriod = db.prepare('DELETE FROM counts WHERE day = ?');
  const insertOne = db.prepare('INSERT INTO counts (day, area, metric, n, key) VALUES (?, ?, ?, ?, ?)');
  const replace = db.transaction((periods: readonly string[], rows: Iterable<CountRow>) => {
    for (const period of periods) deletePeriod.run(period);
    for (const row of rows) insertOne.run(row.day, row.area, row.metric, row.n, row.key);
  });
  const truncateWal = () => (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]!.busy === 0;
  const add = db.transaction((rows: Iterable<CountRow>) => {
    const values: (string | number)[] = [];
    for (const row of rows) {
      values.push(row.day, row.area, row.metric, row.n, row.key);
      if (values.length === UPSERT_ROWS * 5) {
        upsertMany.run(values);
        values.length = 0;
      }
    }
    for (let i = 0; i < values.length; i += 5) upsertOne.run(values.slice(i, i + 5));
  });

  return {
    ...historyStatements(db),
    add,
    rows: () => selectAll.iterate() as IterableIterator<CountRow>,
    rowsSince,
    firstDay: () => (selectFirstDay.get() as string | undefined) ?? undefined,
    lastDay: () => (selectLastDay.get() as string | undefined) ?? undefined,
    releaseSecret(perturbation) {
      const stored = selectSecret.get() as { secret: Buffer; perturbation: string } | undefined;
      if (!stored) {
        const secret = randomBytes(SECRET_BYTES);
        insertSecret.run(secret, perturbation);
        return new Uint8Array(secret);
      }
      if (stored.perturbation !== perturbation) {
        throw new Error(
          `the database's numbers are published with the perturbation ${stored.perturbation}, not ${perturbation}: ` +
            'changing it would publish every number a second time with another deviation; set the perturbation back, or start a new database',
        );
      }
      return new Uint8Array(stored.secret);
    },
    frozenWeeks: () => selectWeeks.all() as string[],
    replacePeriods: (periods, rows) => {
      replace(periods, rows);
      return truncateWal();
    },
    truncateWal,
    close: () => {
      if (!db.open) return;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The publication history (aggregator/history.ts): what each release published that differed
// from what was published before. Published values only, so nothing here is about a report;
// retention (replacePeriods) never touches it.

/**
 * One published value: of `metric` for `area` and `period` (an ISO date or an ISO week label,
 * `2026-W48`), as published from the release at `issued` (epoch ms) on. `value` is the
 * published count, or FROZEN_WITHHELD (aggregator/retention.ts) on `reports` where the
 * area-period published only that it was below the minimum.
 */
export interface PublishedRow {
  issued: number;
  period: string;
  area: string;
  metric: string;
  value: number;
}

export interface HistoryStore {
  /** Appends the rows in one transaction. */
  addHistory(rows: Iterable<PublishedRow>): void;
  /** Every row, in the order they were published: by issue, then period, area and metric. */
  history(): IterableIterator<PublishedRow>;
}

const HISTORY = `
  CREATE TABLE history (
    issued INTEGER NOT NULL,
    period TEXT NOT NULL,
    area TEXT NOT NULL,
    metric TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (issued, period, area, metric)
  ) WITHOUT ROWID`;

function historyStatements(db: Database.Database): HistoryStore {
  const insert = db.prepare('INSERT INTO history (issued, period, area, metric, value) VALUES (?, ?, ?, ?, ?)');
  const selectAll = db.prepare('SELECT issued, period, area, metric, value FROM history ORDER BY issued, period, area, metric');
  return {
    addHistory: db.transaction((rows: Iterable<PublishedRow>) => {
      for (const row of rows) insert.run(row.issued, row.period, row.area, row.metric, row.value);
    }),
    history: () => selectAll.iterate() as IterableIterator<PublishedRow>,
  };
}
