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
  /** The earliest day with a counter, if any. */
  firstDay(): string | undefined;
  /**
   * Checkpoints the WAL into the database and truncates it to zero bytes (I3); false when
   * another connection's read kept it from completing.
   */
  truncateWal(): boolean;
  close(): void;
}

export const SCHEMA_VERSION = 1;

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
  if (version === 0) {
    db.transaction(() => {
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }
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
  const selectFirstDay = db.prepare('SELECT min(day) FROM counts').pluck();
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
    firstDay: () => (selectFirstDay.get() as string | null) ?? undefined,
    truncateWal: () => (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]!.busy === 0,
    close: () => {
      if (!db.open) return;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
