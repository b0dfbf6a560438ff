import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VALID_REPORT } from './support/reports.js';
import { spawnServer } from './support/process.js';
import { expectPrivateLogs } from './support/service.js';

describe('the built server as a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-process-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops on SIGTERM without losing an acknowledged report, and leaves an empty WAL', async () => {
    const databasePath = join(dir, 'reports.db');
    const server = await spawnServer({ DATABASE_PATH: databasePath, WAL_TRUNCATE_INTERVAL_S: '3600' });
    let acknowledged = 0;
    let refused = 0;
    const send = async () => {
      for (let i = 0; i < 200; i++) {
        try {
          const res = await fetch(`${server.url}/api/v1/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(VALID_REPORT),
          });
          if (res.status === 201) acknowledged += 1;
          else refused += 1;
        } catch {
          return; // The server has stopped accepting connections.
        }
      }
    };
    const senders = Array.from({ length: 8 }, send);
    while (acknowledged < 100) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGTERM');
    await Promise.all(senders);
    expect(await server.exited).toBe(0);

    const db = new Database(databasePath, { readonly: true });
    const stored = db.prepare("SELECT sum(n) FROM counts WHERE metric = 'reports'").pluck().get();
    db.close();
    expect(refused).toBe(0);
    expect(stored).toBeGreaterThanOrEqual(acknowledged);
    // At most one report per sender can have been committed while its answer was cut off.
    expect(stored).toBeLessThanOrEqual(acknowledged + 8);
    expect(statSync(`${databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    expect(server.stdout.at(-1)).toContain('"msg":"stopped"');
    expectPrivateLogs(server.stdout, ['SI-061', 'fever']);
  });
});
