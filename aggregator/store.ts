import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';

/** One counter: how many reports of a day in a municipality were counted in a metric. */
export interface CountRow {
  day: string;
  area: string;
  metric: string;
  n: number;
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
 * 1: counters only. 2: frozen weeks too (published values, -1 and -2 markers, week labels,
 * region and country codes; aggregator/retention.ts), which a version-1 service would read
 * as counts, so it must refuse such a file.
 */
export const SCHEMA_VERSION = 2;

/**
 * How long a commit waits for a lock held by another connection (a backup, an operator's
 * shell) before its batch fails with 503: short, because the wait blocks every request.
 */
const BUSY_TIMEOUT_MS = 1000;

/** Counters per multi-row upsert statement. */
const UPSERT_ROWS = 32;

const SCHEMA = `
  CREATE TABLE counts (
    day TEXT NOT NULL,
    area TEXT NOT NULL,
    metric TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, area, metric)
  ) WITHOUT ROWID`;

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`database schema version ${version} is newer than this service's ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    if (version === 0) db.exec(SCHEMA);
    // Version 1 has the same table and no frozen rows yet: only the number changes.
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/**
 * The only module that talks to SQLite. The database holds the `counts` table and nothing
 * else (I1); freed pages are zeroed and the WAL never grows past what a checkpoint leaves.
 */
export function openCountsStore(options: StoreOptions): CountsStore {
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
      `INSERT INTO counts (day, area, metric, n) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')} ` +
        'ON CONFLICT (day, area, metric) DO UPDATE SET n = n + excluded.n',
    );
  // Many rows per statement: a batch costs a tenth of the statement executions.
  const upsertMany = upsert(UPSERT_ROWS);
  const upsertOne = upsert(1);
  const selectAll = db.prepare('SELECT day, area, metric, n FROM counts ORDER BY day, area, metric');
  const selectRange = db.prepare('SELECT day, area, metric, n FROM counts WHERE day >= ? AND day < ? ORDER BY day, area, metric');
  const selectAnyFrom = db.prepare('SELECT 1 FROM counts WHERE day >= ? LIMIT 1').pluck();
  function* rowsSince(day: string): IterableIterator<CountRow> {
    for (let year = Number(day.slice(0, 4)), from = day; selectAnyFrom.get(from) !== undefined; year++, from = `${year}-01-01`) {
      yield* selectRange.iterate(from, `${year}-W`) as IterableIterator<CountRow>;
    }
  }
  // Week labels sort after the dates of their year; a frozen week always has rows for its days.
  const selectFirstDay = db.prepare("SELECT day FROM counts WHERE day NOT GLOB '*W*' ORDER BY day LIMIT 1").pluck();
  const selectWeeks = db.prepare("SELECT DISTINCT day FROM counts WHERE day GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'").pluck();
  const deletePeriod = db.prepare('DELETE FROM counts WHERE day = ?');
  const insertOne = db.prepare('INSERT INTO counts (day, area, metric, n) VALUES (?, ?, ?, ?)');
  const replace = db.transaction((periods: readonly string[], rows: Iterable<CountRow>) => {
    for (const period of periods) deletePeriod.run(period);
    for (const row of rows) insertOne.run(row.day, row.area, row.metric, row.n);
  });
  const truncateWal = () => (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]!.busy === 0;
  const add = db.transaction((rows: Iterable<CountRow>) => {
    const values: (string | number)[] = [];
    for (const row of rows) {
      values.push(row.day, row.area, row.metric, row.n);
      if (values.length === UPSERT_ROWS * 4) {
        upsertMany.run(values);
        values.length = 0;
      }
    }
    for (let i = 0; i < values.length; i += 4) upsertOne.run(values.slice(i, i + 4));
  });

  return {
    add,
    rows: () => selectAll.iterate() as IterableIterator<CountRow>,
    rowsSince,
    firstDay: () => (selectFirstDay.get() as string | undefined) ?? undefined,
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
