import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import { addInto, type AreaDay, areaDaysOf, type CountRow, emptyAreaDay, type FrozenArea, frozenAreasOf, packedValues, type StoredRow } from './area-day.js';
import { epochDay, isoWeek, mondayOf } from './calendar.js';
import { SECRET_BYTES } from './cell-key.js';
import { coalescedSync } from './coalesced-sync.js';
import { METRICS } from './metrics.js';

export type Synchronous = 'FULL' | 'EXTRA' | 'NORMAL';

export interface StoreOptions {
  path: string;
  /**
   * FULL (and EXTRA, the same in WAL mode): `durable()` waits until the commits are on disk.
   * NORMAL: it does not, so a power cut can take commits that were acknowledged.
   */
  synchronous: Synchronous;
}

export interface CountsStore {
  /** Adds each area-day's counts and key sums to the stored ones, in one transaction. */
  add(increments: readonly AreaDay[]): void;
  /**
   * Resolves once every transaction committed before the call is on disk; rejects if the
   * flush failed. Runs in Node's thread pool, so the event loop goes on meanwhile.
   */
  durable(): Promise<void>;
  /**
   * Every counter row and every frozen area-period, each with all its metrics at once, ordered
   * by day (a frozen week's label after its year's dates) and area.
   */
  rows(): IterableIterator<StoredRow>;
  /** The rows of the dates on or after `day` (an ISO date), no frozen week's, ordered as `rows()`. */
  rowsSince(day: string): IterableIterator<StoredRow>;
  /** The earliest day with a counter or a frozen value, if any (a date, never a week label). */
  firstDay(): string | undefined;
  /** The latest such day, if any. */
  lastDay(): string | undefined;
  /**
   * The release's secret (aggregator/cell-key.ts), made at the first call and kept with the
   * counters it keys, so a backup restores both. `perturbation` names the perturbation table
   * the numbers are published with; another one would give every published number a second,
   * different value, so a database refuses to be released under a different table: throws.
   */
  releaseSecret(perturbation: string): Uint8Array;
  /** The ISO weeks (`2026-W40`) retention has frozen (retention.ts). */
  frozenWeeks(): string[];
  /**
   * Retention: in one transaction, deletes every counter and frozen value of the given periods
   * (dates and week labels) and inserts the frozen values that replace them; with
   * secure_delete on, the deleted rows and freed pages are zeroed. Then rewrites the database
   * (VACUUM) and truncates the WAL, so the old counters leave the files at once; false when
   * another connection kept either from completing (the WAL timer truncates again, the next
   * retention rewrites again).
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
 * 1: counters only. 2: frozen weeks too. 3: each counter keeps the sum of its reports' record
 * keys, and the release secret is kept beside the counters. 4: one row of counters per
 * municipality and day (`counters`), published values of frozen weeks in their own table
 * (`frozen`), the metric names in `metrics`, and the long format as the view `counts`. 5: the
 * publication history (`history`: published values only). 6: `n` and `key` packed as 32-bit
 * integers instead of JSON arrays. 7: `frozen` and `history` hold one row per area-period
 * (and issue), its values packed by metric, instead of one row per value: a start reads a
 * year of them in a few thousand rows instead of half a million.
 */
export const SCHEMA_VERSION = 7;

/**
 * How long a commit waits for a lock held by another connection (a backup, an operator's
 * shell) before its batch fails with 503: short, because the wait blocks every request.
 */
const BUSY_TIMEOUT_MS = 1000;

/**
 * `n` and `key` are the area-day's counts and key sums over the metrics in the order of
 * `metrics.idx`, each an unsigned 32-bit integer, most significant byte first, so `hex(n)`
 * reads as the numbers (`packed`): a batch writes one row per municipality it touched,
 * updated in place at a fixed size, and an operator still reads them in long format with the
 * `sqlite3` shell (the `counts` view).
 */
const COUNTERS = `
  CREATE TABLE counters (
    day TEXT NOT NULL,
    area TEXT NOT NULL,
    n BLOB NOT NULL,
    key BLOB NOT NULL,
    PRIMARY KEY (day, area)
  ) WITHOUT ROWID`;

/**
 * `value`, here and in `history`, holds a signed 32-bit integer per metric in the order of
 * `metrics.idx`, most significant byte first (`packedValues`): the published value, or
 * NO_VALUE (−1, `FFFFFFFF`) where the long format had no row.
 */
const FROZEN = `
  CREATE TABLE frozen (
    period TEXT NOT NULL,
    area TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (period, area)
  ) WITHOUT ROWID`;

const METRIC_NAMES = `
  CREATE TABLE metrics (
    idx INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
  )`;

/**
 * SQL for the integer at `m.idx` of a `packed` column: SQLite reads no integer out of a BLOB,
 * so its four bytes go through `hex()`, one hexadecimal digit at a time.
 */
function unpackedAt(column: string): string {
  const hex = `hex(substr(${column}, m.idx * 4 + 1, 4))`;
  const digits = Array.from({ length: 8 }, (_, i) => `((instr('0123456789ABCDEF', substr(${hex}, ${i + 1}, 1)) - 1) << ${28 - 4 * i})`);
  return digits.join('\n        + ');
}

/** The long format (day, area, metric, n, key) of the counters and the frozen values, for operators. */
const COUNTS_VIEW = `
  CREATE VIEW counts (day, area, metric, n, key) AS
    SELECT day, area, metric, n, key FROM (
      SELECT c.day, c.area, m.name AS metric,
        ${unpackedAt('c.n')} AS n,
        ${unpackedAt('c.key')} AS key
        FROM counters c, metrics m
    ) WHERE n > 0
    UNION ALL
    SELECT period, area, metric, n - ((n >> 31) << 32), 0 FROM (
      SELECT f.period, f.area, m.name AS metric,
        ${unpackedAt('f.value')} AS n
        FROM frozen f, metrics m
    ) WHERE n <> 4294967295`;

/** Counts or key sums as the `counters` table stores them. */
function packed(values: Uint32Array): Buffer {
  return packedSum(undefined, values);
}

/** `stored + added`, each sum modulo 2³² as in a Uint32Array, packed. */
function packedSum(stored: Uint32Array | undefined, added: Uint32Array): Buffer {
  const bytes = Buffer.allocUnsafe(added.length * 4);
  // A DataView writes in a third of the time of Buffer.writeUInt32BE, on every row of every commit.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < added.length; k++) view.setUint32(k * 4, ((stored?.[k] ?? 0) + added[k]!) >>> 0);
  return bytes;
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** Rows one slab holds: a typed array of its own per row would cost an allocation outside the heap. */
const SLAB_ROWS = 256;

/**
 * Decodes packed integers into views of shared slabs. A start unpacks a year of rows before
 * its JIT has warmed up: the bytes are copied and reordered natively (`swap32`) rather than
 * read one integer at a time.
 */
function unpacker<T extends Int32Array | Uint32Array>(Type: new (length: number) => T): (bytes: Uint8Array) => T {
  let slab = new Type(0);
  let used = 0;
  return (bytes) => {
    const length = bytes.byteLength / 4;
    if (used + length > slab.length) {
      slab = new Type(length * SLAB_ROWS);
      used = 0;
    }
    const values = slab.subarray(used, (used += length)) as T;
    const copy = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    copy.set(bytes);
    if (LITTLE_ENDIAN) copy.swap32();
    return values;
  };
}

const unpacked = unpacker(Uint32Array);

/** Published values as `frozen` and `history` store them: the same four bytes as their unsigned reading. */
function packedSigned(values: Int32Array): Buffer {
  return packed(new Uint32Array(values.buffer, values.byteOffset, values.length));
}

const unpackedSigned = unpacker(Int32Array);

/** Writes frozen values given in long format (`n` the published value), one row per period and area. */
function frozenWriter(db: Database.Database): (rows: Iterable<CountRow>) => void {
  const insert = db.prepare('INSERT INTO frozen (period, area, value) VALUES (?, ?, ?)');
  return (rows) => {
    for (const { day, area, values } of frozenAreasOf(rows)) insert.run(day, area, packedSigned(values));
  };
}

/** One row: a random key that relates to no report, and the perturbation table it was made for. */
const RELEASE_SECRET = `
  CREATE TABLE release_secret (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    secret BLOB NOT NULL,
    perturbation TEXT NOT NULL
  )`;

const WEEK = "'[0-9][0-9][0-9][0-9]-W[0-9][0-9]'";

/** Version 3's `counts(day, area, metric, n, key)` rows moved into the tables of version 4. */
function fromVersion3(db: Database.Database): void {
  const rows = db.prepare('SELECT day, area, metric, n, key FROM counts ORDER BY day, area').all() as CountRow[];
  const isWeek = (period: string) => /^\d{4}-W\d{2}$/.test(period);
  // A frozen week's label has rows; so do its seven days, which hold published values too.
  const weeks = new Set(rows.filter((r) => isWeek(r.day)).map((r) => r.day));
  const frozen = (period: string) => isWeek(period) || weeks.has(isoWeek(mondayOf(epochDay(period))));
  const counted: CountRow[] = [];
  const frozenRows: CountRow[] = [];
  for (const r of rows) (frozen(r.day) ? frozenRows : counted).push(r);
  frozenWriter(db)(frozenRows);
  const insertCounters = db.prepare('INSERT INTO counters (day, area, n, key) VALUES (?, ?, ?, ?)');
  for (const a of areaDaysOf(counted)) insertCounters.run(a.day, a.area, packed(a.n), packed(a.key));
  db.exec('DROP TABLE counts');
}

/** Versions 4 and 5 kept `n` and `key` as JSON arrays: each row is packed in place. */
function fromVersion5(db: Database.Database): void {
  db.exec('DROP VIEW counts');
  const rows = db.prepare('SELECT day, area, n, key FROM counters').all() as { day: string; area: string; n: string; key: string }[];
  const update = db.prepare('UPDATE counters SET n = ?, key = ? WHERE day = ? AND area = ?');
  const packedJson = (text: string) => packed(Uint32Array.from(JSON.parse(text) as number[]));
  for (const row of rows) update.run(packedJson(row.n), packedJson(row.key), row.day, row.area);
}

/** Versions 4 to 6 kept one row per frozen value: each area-period's become one packed row. */
function packFrozen(db: Database.Database): void {
  const frozen = db.prepare('SELECT period AS day, area, metric, value AS n, 0 AS key FROM frozen').all() as CountRow[];
  db.exec('DROP TABLE frozen');
  db.exec(FROZEN);
  frozenWriter(db)(frozen);
}

/** Versions 5 and 6 kept one row per published value: each issue's area-period's become one packed row. */
function packHistory(db: Database.Database): void {
  const history = db.prepare('SELECT issued, period, area, metric, value FROM history').all() as PublishedRow[];
  db.exec('DROP TABLE history');
  db.exec(HISTORY);
  historyWriter(db)(history);
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`database schema version ${version} is newer than this service's ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    if (version > 0 && version < 3) {
      // Frozen rows of versions 1 and 2 hold numbers published under the former release
      // policy (with suppression markers), which this release cannot republish unchanged.
      if (db.prepare(`SELECT 1 FROM counts WHERE day GLOB ${WEEK} LIMIT 1`).get() !== undefined) {
        throw new Error('the database holds weeks frozen under the former release policy; keep it with the version that wrote it, and start this one on a new database');
      }
      // Earlier counters drew no record keys: each counter gets one random key in their place.
      db.exec('ALTER TABLE counts ADD COLUMN key INTEGER NOT NULL DEFAULT 0');
      db.exec('UPDATE counts SET key = random() & 4294967295');
    }
    if (version > 0 && version < 3) db.exec(RELEASE_SECRET);
    if (version < 4) {
      db.exec(COUNTERS);
      db.exec(FROZEN);
      db.exec(METRIC_NAMES);
      const insertMetric = db.prepare('INSERT INTO metrics (idx, name) VALUES (?, ?)');
      METRICS.forEach((m, i) => insertMetric.run(i, m.name));
    }
    if (version === 0) db.exec(RELEASE_SECRET);
    if (version > 0 && version < 4) fromVersion3(db);
    if (version === 4 || version === 5) fromVersion5(db);
    if (version === 6) db.exec('DROP VIEW counts');
    if (version >= 4 && version <= 6) packFrozen(db);
    if (version === 5 || version === 6) packHistory(db);
    if (version < 7) db.exec(COUNTS_VIEW);
    if (version < 5) db.exec(HISTORY);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  const stored = db.prepare('SELECT name FROM metrics ORDER BY idx').pluck().all() as string[];
  if (stored.join('\n') !== METRICS.map((m) => m.name).join('\n')) {
    throw new Error('the database counts other metrics than this questionnaire (a new questionnaire version needs a new database)');
  }
}

/** Merges two streams ordered by day and area into one. */
function* merged(a: Iterator<StoredRow>, b: Iterator<StoredRow>): Generator<StoredRow> {
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && (x.value.day < y.value.day || (x.value.day === y.value.day && x.value.area <= y.value.area)))) {
      yield x.value;
      x = a.next();
    } else {
      yield y.value;
      y = b.next();
    }
  }
}

/** A `counters` row read with `.raw()`: better-sqlite3 then builds an array per row instead of an object with named properties. */
type CounterRow = [day: string, area: string, n: Uint8Array, key: Uint8Array];

function areaDayOf([day, area, n, key]: CounterRow): AreaDay {
  return { day, area, n: unpacked(n), key: unpacked(key) };
}

function* areaDays(rows: IterableIterator<unknown>): Generator<AreaDay> {
  for (const row of rows as IterableIterator<CounterRow>) yield areaDayOf(row);
}

function* frozenAreas(rows: IterableIterator<unknown>): Generator<FrozenArea> {
  for (const [day, area, value] of rows as IterableIterator<[string, string, Uint8Array]>) yield { day, area, values: unpackedSigned(value) };
}

/** Area-days of the open days held in memory, so a batch writes its rows without reading them first. */
const MIRRORED_DAYS = 2;

interface WalFlush {
  flush(): Promise<void>;
  /** Closes the WAL's handle once its flushes are done. */
  close(): void;
}

/**
 * fdatasync of the database's WAL, shared by the commits that wait together (coalesced-sync.ts).
 * The first one also syncs the folder, so the WAL file's own entry survives a power cut, as
 * SQLite does when it creates the file at FULL.
 */
function walFlush(path: string): WalFlush {
  let wal: Promise<FileHandle> | undefined;
  // Closing the store checkpoints every commit into the database file and syncs it.
  let closed = false;
  const syncFolder = async () => {
    const folder = await open(dirname(path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  };
  const flushOnce = async () => {
    if (closed) return;
    if (!wal) {
      const opening = open(`${path}-wal`, 'r');
      // A failed open (too many open files, say) fails this flush's batches only: the next opens again.
      opening.catch(() => {
        if (wal === opening) wal = undefined;
      });
      wal = opening;
      await syncFolder();
    }
    await (await wal).datasync();
  };
  const flush = coalescedSync(flushOnce);
  return {
    flush,
    close: () => {
      closed = true;
      // A flush asked for now waits for the one under way and does nothing itself: then the handle closes.
      const handle = wal;
      void flush().then(() => handle?.then((h) => h.close())).catch(() => undefined);
    },
  };
}

/**
 * The only module that talks to SQLite. The database holds the counters, the published values
 * of frozen weeks, the release secret and the publication history, nothing else (I1); freed
 * pages are zeroed and the WAL never grows past what a checkpoint leaves.
 */
export function openCountsStore(options: StoreOptions): CountsStore & HistoryStore {
  const db = new Database(options.path, { timeout: BUSY_TIMEOUT_MS });
  // Owner only; SQLite gives the -wal and -shm files the database file's permissions.
  if (options.path !== ':memory:') chmodSync(options.path, 0o600);
  db.pragma('journal_mode = WAL');
  // SQLite's FULL flushes the WAL inside every COMMIT, and better-sqlite3 runs that on the event
  // loop, which then serves nobody for the length of an fsync. At NORMAL a commit only writes;
  // at FULL `durable()` flushes the WAL in the thread pool before anything is acknowledged,
  // the same guarantee. Checkpoints flush the WAL and the database as at FULL.
  db.pragma('synchronous = NORMAL');
  db.pragma('secure_delete = ON');
  db.pragma('journal_size_limit = 0');
  // VACUUM's copy of the database stays in memory, never in a temporary file.
  db.pragma('temp_store = MEMORY');
  migrate(db);

  const selectCounter = db.prepare('SELECT day, area, n, key FROM counters WHERE day = ? AND area = ?').raw();
  const insertCounter = db.prepare('INSERT INTO counters (day, area, n, key) VALUES (?, ?, ?, ?)');
  const updateCounter = db.prepare('UPDATE counters SET n = ?, key = ? WHERE day = ? AND area = ?');
  // The latest days' rows as stored, by day and then municipality: only this process writes them.
  const mirror = new Map<string, Map<string, AreaDay>>();
  const stored = (day: string, area: string): AreaDay | undefined => {
    const mirrored = mirror.get(day)?.get(area);
    if (mirrored) return mirrored;
    const row = selectCounter.get(day, area) as CounterRow | undefined;
    return row && areaDayOf(row);
  };
  // A stored row keeps its size, so it is overwritten where it stands: no cell moves.
  const write = db.transaction((rows: readonly { inc: AreaDay; before: AreaDay | undefined }[]) => {
    for (const { inc, before } of rows) {
      const n = packedSum(before?.n, inc.n);
      const key = packedSum(before?.key, inc.key);
      if (before) updateCounter.run(n, key, inc.day, inc.area);
      else insertCounter.run(inc.day, inc.area, n, key);
    }
  });
  const add = (increments: readonly AreaDay[]) => {
    const rows = increments.map((inc) => ({ inc, before: stored(inc.day, inc.area) }));
    write(rows);
    // Only once the transaction committed does memory follow the database.
    for (const { inc, before } of rows) {
      const sum = before ?? emptyAreaDay(inc.day, inc.area);
      addInto(sum, inc);
      let areas = mirror.get(inc.day);
      if (!areas) mirror.set(inc.day, (areas = new Map()));
      areas.set(inc.area, sum);
    }
    while (mirror.size > MIRRORED_DAYS) mirror.delete([...mirror.keys()].sort()[0]!);
  };

  const selectCounters = db.prepare('SELECT day, area, n, key FROM counters ORDER BY day, area').raw();
  const selectCountersSince = db.prepare('SELECT day, area, n, key FROM counters WHERE day >= ? ORDER BY day, area').raw();
  const selectFrozen = db.prepare('SELECT period, area, value FROM frozen ORDER BY period, area').raw();
  const selectFrozenSince = db.prepare(`SELECT period, area, value FROM frozen WHERE period >= ? AND period NOT GLOB ${WEEK} ORDER BY period, area`).raw();
  // Each table's own extreme first: the counters' comes from their primary key, not a scan.
  const extremeDay = (f: 'min' | 'max') =>
    db.prepare(`SELECT ${f}(day) FROM (SELECT ${f}(day) AS day FROM counters UNION ALL SELECT ${f}(period) FROM frozen WHERE period NOT GLOB ${WEEK})`).pluck();
  const selectFirstDay = extremeDay('min');
  const selectLastDay = extremeDay('max');
  const selectWeeks = db.prepare(`SELECT DISTINCT period FROM frozen WHERE period GLOB ${WEEK}`).pluck();
  const selectSecret = db.prepare('SELECT secret, perturbation FROM release_secret WHERE id = 1');
  const insertSecret = db.prepare('INSERT INTO release_secret (id, secret, perturbation) VALUES (1, ?, ?)');
  const deleteCounters = db.prepare('DELETE FROM counters WHERE day = ?');
  const deleteFrozen = db.prepare('DELETE FROM frozen WHERE period = ?');
  const writeFrozen = frozenWriter(db);
  const replace = db.transaction((periods: readonly string[], rows: Iterable<CountRow>) => {
    for (const period of periods) {
      deleteCounters.run(period);
      deleteFrozen.run(period);
    }
    writeFrozen(rows);
  });
  const wal = options.synchronous === 'NORMAL' || options.path === ':memory:' ? undefined : walFlush(options.path);
  const truncateWal = () => (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]!.busy === 0;
  // secure_delete zeroes a deleted cell, but a cell that moved when its page was rebuilt leaves
  // its old bytes in that page's unallocated space, where nothing reaches them: VACUUM writes
  // every page anew.
  const rewrite = () => {
    try {
      db.exec('VACUUM');
      return true;
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) return false;
      throw error;
    }
  };

  return {
    ...historyStatements(db),
    add,
    durable: () => wal?.flush() ?? Promise.resolve(),
    rows: () => merged(areaDays(selectCounters.iterate()), frozenAreas(selectFrozen.iterate())),
    rowsSince: (day) => merged(areaDays(selectCountersSince.iterate(day)), frozenAreas(selectFrozenSince.iterate(day))),
    firstDay: () => (selectFirstDay.get() as string | null) ?? undefined,
    lastDay: () => (selectLastDay.get() as string | null) ?? undefined,
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
      const rewritten = rewrite();
      return truncateWal() && rewritten;
    },
    truncateWal,
    close: () => {
      if (!db.open) return;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      wal?.close();
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

/** The rows one issue stored for one area and period, every metric at once: NO_VALUE where it stored none. */
export interface PublishedArea {
  issued: number;
  period: string;
  area: string;
  /** By catalogue metric (aggregator/metrics.ts). */
  values: Int32Array;
}

export interface HistoryStore {
  /** Appends the rows in one transaction; an issue's rows of an area and period come in one call. */
  addHistory(rows: Iterable<PublishedRow>): void;
  /** Every area-period of every issue, in the order they were published: by issue, then period and area. */
  history(): IterableIterator<PublishedArea>;
}

const HISTORY = `
  CREATE TABLE history (
    issued INTEGER NOT NULL,
    period TEXT NOT NULL,
    area TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (issued, period, area)
  ) WITHOUT ROWID`;

function historyWriter(db: Database.Database): (rows: Iterable<PublishedRow>) => void {
  const insert = db.prepare('INSERT INTO history (issued, period, area, value) VALUES (?, ?, ?, ?)');
  return (rows) => {
    for (const { row, values } of packedValues(rows, (r) => `${r.issued} ${r.period} ${r.area}`, (r) => r.value).values()) {
      insert.run(row.issued, row.period, row.area, packedSigned(values));
    }
  };
}

function* publishedAreas(rows: IterableIterator<unknown>): Generator<PublishedArea> {
  for (const [issued, period, area, value] of rows as IterableIterator<[number, string, string, Uint8Array]>) yield { issued, period, area, values: unpackedSigned(value) };
}

function historyStatements(db: Database.Database): HistoryStore {
  const selectAll = db.prepare('SELECT issued, period, area, value FROM history ORDER BY issued, period, area').raw();
  return {
    addHistory: db.transaction(historyWriter(db)),
    history: () => publishedAreas(selectAll.iterate()),
  };
}
