import Database from 'better-sqlite3';

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
  rows(): CountRow[];
  /** Checkpoints the WAL into the database and truncates it to zero bytes (I3). */
  truncateWal(): void;
  close(): void;
}

export const SCHEMA_VERSION = 1;

/**
 * How long a commit waits for a lock held by another connection (a backup, an operator's
 * shell) before its batch fails with 503: short, because the wait blocks every request.
 */
const BUSY_TIMEOUT_MS = 1000;

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
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('secure_delete = ON');
  db.pragma('journal_size_limit = 0');
  migrate(db);

  const upsert = db.prepare(
    'INSERT INTO counts (day, area, metric, n) VALUES (@day, @area, @metric, @n) ' +
      'ON CONFLICT (day, area, metric) DO UPDATE SET n = n + excluded.n',
  );
  const selectAll = db.prepare('SELECT day, area, metric, n FROM counts ORDER BY day, area, metric');
  const add = db.transaction((rows: Iterable<CountRow>) => {
    for (const row of rows) upsert.run(row);
  });

  return {
    add,
    rows: () => selectAll.all() as CountRow[],
    truncateWal: () => void db.pragma('wal_checkpoint(TRUNCATE)'),
    close: () => {
      if (!db.open) return;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
