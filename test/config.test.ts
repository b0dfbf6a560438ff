import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../server/config.js';
import { MAIN } from './support/process.js';

describe('configuration', () => {
  it('runs out of the box with the documented defaults', () => {
    expect(parseConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databasePath: './data/reports.db',
      areaPack: 'si',
      timeZone: 'Europe/Ljubljana',
      logLevel: 'info',
      synchronous: 'FULL',
      walTruncateIntervalMs: 10_000,
      commitMaxBatch: 2000,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/var/lib/x.db',
      AREA_PACK: '/etc/pack.json',
      TIME_ZONE: 'UTC',
      LOG_LEVEL: 'warn',
      DB_SYNCHRONOUS: 'EXTRA',
      WAL_TRUNCATE_INTERVAL_S: '2.5',
      COMMIT_MAX_BATCH: '10',
      SHUTDOWN_TIMEOUT_S: '1',
    });
    expect(config).toMatchObject({ port: 9000, host: '0.0.0.0', timeZone: 'UTC', synchronous: 'EXTRA', walTruncateIntervalMs: 2500, commitMaxBatch: 10, shutdownTimeoutMs: 1000 });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['TIME_ZONE', 'Europe/Atlantis'],
    ['LOG_LEVEL', 'loud'],
    ['DB_SYNCHRONOUS', 'OFF'],
    ['WAL_TRUNCATE_INTERVAL_S', '0'],
    ['COMMIT_MAX_BATCH', '-1'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`^invalid configuration: ${name}: `));
  });

  it('stops the start with one line on standard error and a non-zero exit', () => {
    const result = spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH, TIME_ZONE: 'Mars/Olympus' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^invalid configuration: TIME_ZONE: /)]);
    expect(result.stdout).toBe('');
  });
});
