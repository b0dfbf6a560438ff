import Database from 'better-sqlite3';
import type { CountRow } from '../../aggregator/area-day.js';

/** Every counter in the database, read through a second, read-only connection. */
export function readCounts(databasePath: string): CountRow[] {
  const db = new Database(databasePath, { readonly: true });
  try {
    return db.prepare('SELECT day, area, metric, n, key FROM counts ORDER BY day, area, metric').all() as CountRow[];
  } finally {
    db.close();
  }
}

/** The counters as `area|metric` → n, summed over days (a report's day does not change its metrics). */
export function countsByAreaMetric(rows: readonly CountRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { area, metric, n } of rows) counts.set(`${area}|${metric}`, (counts.get(`${area}|${metric}`) ?? 0) + n);
  return counts;
}

/** `PRAGMA integrity_check` of the database file: `['ok']` when it is sound. */
export function integrityCheck(databasePath: string): string[] {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } finally {
    db.close();
  }
}
