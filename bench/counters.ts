import Database from 'better-sqlite3';
import { REPORTS } from '../aggregator/metrics.js';

/** Whether every acknowledged report was counted, and nothing else was. */
export interface CounterCheck {
  /** 201 answers the bench received from the service. */
  acknowledged: number;
  /** The sum of the `reports` counters in the database after the service stopped. */
  counted: number;
  /** Requests sent and never answered (cut by an error or timeout): they may or may not count. */
  unanswered: number;
  ok: boolean;
}

/** Reads the stopped service's database (read-only) and compares its `reports` counters with the 201s. */
export function checkCounters(databasePath: string, acknowledged: number, unanswered: number): CounterCheck {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM counts WHERE metric = ?').get(REPORTS) as { n: number };
    const counted = row.n;
    return { acknowledged, counted, unanswered, ok: counted >= acknowledged && counted <= acknowledged + unanswered };
  } finally {
    db.close();
  }
}
