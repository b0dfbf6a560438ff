import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';

/** The readiness probe's answer: small, and nothing in it about any report. */
export interface Readiness {
  status: 'ready' | 'not_ready';
  database: 'writable' | 'not_writable';
  snapshot: 'fresh' | 'stale';
  /** Seconds since the public snapshot was computed. */
  snapshotAgeS: number;
}

export interface ReadinessParts {
  databasePath: string;
  /** Whether the last group commit committed; true before the first. */
  lastCommitOk: () => boolean;
  /** When the public snapshot was computed (epoch ms). */
  snapshotTime: () => number;
  now: () => number;
  /** A snapshot older than this is stale: a release has failed or the event loop is stuck. */
  maxSnapshotAgeMs: number;
}

/**
 * The file and its folder (which holds the -wal and -shm files) accept writes: access(2)
 * answers EROFS on a read-only mount and EACCES when the permissions changed underneath.
 */
function writable(path: string): boolean {
  if (path === ':memory:') return true;
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the service can do its work: the database takes commits (its files are writable
 * and the last commit went through, so a lock held elsewhere or a full disk shows) and the
 * public snapshot is fresh. Reads no counter and writes nothing.
 */
export function readiness(parts: ReadinessParts): () => Readiness {
  return function probe() {
    const ageMs = Math.max(0, parts.now() - parts.snapshotTime());
    const database = parts.lastCommitOk() && writable(parts.databasePath) ? 'writable' : 'not_writable';
    const snapshot = ageMs <= parts.maxSnapshotAgeMs ? 'fresh' : 'stale';
    return {
      status: database === 'writable' && snapshot === 'fresh' ? 'ready' : 'not_ready',
      database,
      snapshot,
      snapshotAgeS: Math.round(ageMs / 1000),
    };
  };
}
