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
      collectionEnds: null,
      powMaxNumber: 5000,
      powCost: 1000,
      powChallengeTtlMs: 600_000,
      rateLimitMax: 60,
      rateLimitWindowMs: 600_000,
      trustProxy: false,
      hsts: false,
      releaseIntervalMs: 300_000,
      releasePolicy: { minReports: 10, minCount: 5, openDayMinNewReports: 10, projectionMinReports: 30 },
      retentionDays: 30,
      adminHost: '127.0.0.1',
      adminPort: 9464,
    });
  });

  it('reads the release policy', () => {
    const config = parseConfig({
      RELEASE_INTERVAL_S: '60',
      RELEASE_MIN_REPORTS: '20',
      RELEASE_MIN_COUNT: '3',
      RELEASE_OPEN_DAY_MIN_NEW: '50',
      PROJECTION_MIN_REPORTS: '100',
    });
    expect(config.releaseIntervalMs).toBe(60_000);
    expect(config.releasePolicy).toEqual({ minReports: 20, minCount: 3, openDayMinNewReports: 50, projectionMinReports: 100 });
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
      COLLECTION_ENDS: '2026-06-30T18:00:00+02:00',
      POW_MAX_NUMBER: '0',
      POW_COST: '5',
      POW_CHALLENGE_TTL_S: '60',
      RATE_LIMIT_MAX: '500',
      RATE_LIMIT_WINDOW_S: '0',
      TRUST_PROXY: 'true',
      HSTS: 'yes',
      RETENTION_DAYS: '60',
      ADMIN_HOST: '10.0.0.5',
      ADMIN_PORT: '9100',
    });
    expect(config).toMatchObject({ port: 9000, host: '0.0.0.0', timeZone: 'UTC', synchronous: 'EXTRA', walTruncateIntervalMs: 2500, commitMaxBatch: 10, shutdownTimeoutMs: 1000 });
    expect(config).toMatchObject({
      collectionEnds: new Date('2026-06-30T16:00:00Z'),
      powMaxNumber: 0,
      powCost: 5,
      powChallengeTtlMs: 60_000,
      rateLimitMax: 500,
      rateLimitWindowMs: 0,
      trustProxy: true,
      hsts: true,
      retentionDays: 60,
      adminHost: '10.0.0.5',
      adminPort: 9100,
    });
  });

  it.each([
    ['false', false],
    ['0', false],
    ['off', false],
    ['no', false],
    ['true', true],
    ['1', true],
    ['on', true],
  ])('reads TRUST_PROXY=%s as %s (not as any non-empty string)', (value, expected) => {
    expect(parseConfig({ TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it.each([
    // A bare date: collection runs through that day in TIME_ZONE, so it ends at the next local midnight.
    ['2026-06-30', 'Europe/Ljubljana', '2026-06-30T22:00:00.000Z'],
    ['2026-01-15', 'Europe/Ljubljana', '2026-01-15T23:00:00.000Z'],
    // The next day begins in summer time (29 March) or in winter time (25 October).
    ['2026-03-28', 'Europe/Ljubljana', '2026-03-28T23:00:00.000Z'],
    ['2026-10-24', 'Europe/Ljubljana', '2026-10-24T22:00:00.000Z'],
    ['2026-06-30', 'UTC', '2026-07-01T00:00:00.000Z'],
    ['2026-06-30', 'America/Sao_Paulo', '2026-07-01T03:00:00.000Z'],
    ['2026-06-30T12:00:00Z', 'Europe/Ljubljana', '2026-06-30T12:00:00.000Z'],
    ['2026-06-30T12:00:00-04:00', 'UTC', '2026-06-30T16:00:00.000Z'],
  ])('reads COLLECTION_ENDS=%s in %s as the instant %s', (value, zone, instant) => {
    expect(parseConfig({ COLLECTION_ENDS: value, TIME_ZONE: zone }).collectionEnds?.toISOString()).toBe(instant);
  });

  it('reads ADMIN_PORT=off as no admin listener, and 0 as any free port', () => {
    expect(parseConfig({ ADMIN_PORT: 'off' }).adminPort).toBeNull();
    expect(parseConfig({ ADMIN_PORT: '0' }).adminPort).toBe(0);
  });

  it('reads an empty COLLECTION_ENDS as no end', () => {
    expect(parseConfig({ COLLECTION_ENDS: '' }).collectionEnds).toBeNull();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['TIME_ZONE', 'Europe/Atlantis'],
    ['LOG_LEVEL', 'loud'],
    ['DB_SYNCHRONOUS', 'OFF'],
    ['WAL_TRUNCATE_INTERVAL_S', '0'],
    ['COMMIT_MAX_BATCH', '-1'],
    ['COLLECTION_ENDS', '2026-06-30T18:00:00'],
    ['COLLECTION_ENDS', '30.6.2026'],
    ['POW_MAX_NUMBER', '-1'],
    ['POW_MAX_NUMBER', '2.5'],
    ['POW_COST', '0'],
    ['POW_CHALLENGE_TTL_S', '0'],
    ['RATE_LIMIT_MAX', '0'],
    ['RATE_LIMIT_WINDOW_S', '86401'],
    ['TRUST_PROXY', 'maybe'],
    ['HSTS', 'enabled'],
    ['RETENTION_DAYS', '6'],
    ['RETENTION_DAYS', '30.5'],
    ['ADMIN_PORT', 'none'],
    ['ADMIN_PORT', '65536'],
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
