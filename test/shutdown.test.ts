import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VALID_REPORT } from './support/reports.js';
import { spawnServer } from './support/process.js';
import { expectPrivateLogs } from './support/service.js';
import { WaitableCount } from './support/waitable-count.js';

/** How long a sender waits for one answer before it gives up: a stalled server fails the test, never hangs it. */
const ANSWER_TIMEOUT_MS = 15_000;

describe('the built server as a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-process-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops on SIGTERM without losing an acknowledged report, and leaves an empty WAL', async () => {
    const databasePath = join(dir, 'reports.db');
    const server = await spawnServer({ DATABASE_PATH: databasePath, WAL_TRUNCATE_INTERVAL_S: '3600' });
    const acknowledged = new WaitableCount();
    let refused = 0;
    const send = async () => {
      for (let i = 0; i < 200; i++) {
        try {
          const res = await fetch(`${server.url}/api/v1/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(VALID_REPORT),
            signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
          });
          if (res.status === 201) acknowledged.increment();
          else refused += 1;
        } catch {
          return; // The server has stopped accepting connections, or stalled.
        }
      }
    };
    const senders = Array.from({ length: 8 }, send);
    // Stop in mid-load: after 100 acknowledgements, or, should the server stall, when the senders give up.
    await Promise.race([acknowledged.reached(100), Promise.all(senders)]);
    expect(acknowledged.value).toBeGreaterThanOrEqual(100);
    server.child.kill('SIGTERM');
    await Promise.all(senders);
    expect(await server.exited).toBe(0);

    const db = new Database(databasePath, { readonly: true });
    const stored = db.prepare("SELECT sum(n) FROM counts WHERE metric = 'reports'").pluck().get();
    db.close();
    expect(refused).toBe(0);
    expect(stored).toBeGreaterThanOrEqual(acknowledged.value);
    // At most one report per sender can have been committed while its answer was cut off.
    expect(stored).toBeLessThanOrEqual(acknowledged.value + 8);
    expect(statSync(`${databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    expect(server.stdout.at(-1)).toContain('"msg":"stopped"');
    expectPrivateLogs(server.stdout, ['SI-061', 'fever']);
  });
});
