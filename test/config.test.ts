import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../server/config.js';
import { TEST_OPERATOR, TEST_OPERATOR_ENV } from './support/operator.js';
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
      releasePolicy: {
        minReports: 10,
        projectionMinReports: 30,
        openDayEveryHours: 6,
        perturbation: { maxDeviation: 5, variance: 1.5, smallestPublished: 3, emptyPublishedShare: 0.1 },
      },
      retentionDays: 30,
      adminHost: '127.0.0.1',
      adminPort: 9464,
      operator: null,
      production: false,
    });
  });

  it.each([
    [{ RELEASE_OPEN_DAY_EVERY_H: '5' }, /RELEASE_OPEN_DAY_EVERY_H: one of 1, 2, 3, 4, 6, 8, 12, 24/],
    [{ PERTURBATION_VARIANCE: '30' }, /PERTURBATION_\*: the variance must lie between 0 and 25/],
    [{ PERTURBATION_MAX_DEVIATION: '2' }, /PERTURBATION_\*: the largest deviation must reach the smallest published count/],
    [{ PERTURBATION_EMPTY_SHARE: '1' }, /PERTURBATION_\*: the share of empty cells/],
  ])('refuses a perturbation that cannot give a table: %j', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
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
      RELEASE_INTERVAL_S: '60',
      RELEASE_MIN_REPORTS: '20',
      PROJECTION_MIN_REPORTS: '100',
      RELEASE_OPEN_DAY_EVERY_H: '3',
      PERTURBATION_MAX_DEVIATION: '7',
      PERTURBATION_VARIANCE: '2.5',
      PERTURBATION_SMALLEST_PUBLISHED: '4',
      PERTURBATION_EMPTY_SHARE: '0.2',
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
      releaseIntervalMs: 60_000,
      releasePolicy: {
        minReports: 20,
        projectionMinReports: 100,
        openDayEveryHours: 3,
        perturbation: { maxDeviation: 7, variance: 2.5, smallestPublished: 4, emptyPublishedShare: 0.2 },
      },
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

describe("configuration: the operator's identity", () => {
  const dir = mkdtempSync(join(tmpdir(), 'operator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  /** The built service started with only these variables (and PATH): its exit code and output. */
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 20_000 });

  it('reads it from the OPERATOR_* variables, one text for every language', () => {
    expect(parseConfig(TEST_OPERATOR_ENV).operator).toEqual({
      controllerName: 'Zavod za preskusno zdravje',
      controllerAddress: 'Preskusna ulica 1, 1000 Ljubljana',
      controllerEmail: 'info@preskus.example',
      dpoEmail: 'dpo@preskus.example',
      hostingCountry: 'SI',
      legalBasis: 'Zakon o nalezljivih boleznih (ZNB)',
      noticeDate: '2026-12-01',
    });
  });

  it('reads it from the operator file, with texts per language', () => {
    expect(parseConfig({ OPERATOR_FILE: file('operator.json', TEST_OPERATOR) }).operator).toEqual(TEST_OPERATOR);
  });

  it('runs as a demonstration instance without it, unless in production', () => {
    expect(parseConfig({}).operator).toBeNull();
    expect(parseConfig({ NODE_ENV: 'development' }).operator).toBeNull();
    expect(parseConfig({ NODE_ENV: 'production', ...TEST_OPERATOR_ENV })).toMatchObject({ operator: expect.anything(), production: true });
    expect(parseConfig({ NODE_ENV: 'test' }).production).toBe(false);
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(
      /^invalid configuration: NODE_ENV=production needs the operator's identity: set OPERATOR_FILE, or OPERATOR_CONTROLLER_NAME, .*OPERATOR_NOTICE_DATE/,
    );
  });

  it.each([
    ['OPERATOR_CONTROLLER_EMAIL', 'not-an-address'],
    ['OPERATOR_DPO_EMAIL', 'dpo at example'],
    ['OPERATOR_HOSTING_COUNTRY', 'US'],
    ['OPERATOR_HOSTING_COUNTRY', 'Slovenia'],
    ['OPERATOR_NOTICE_DATE', '1. 12. 2026'],
    ['OPERATOR_SOURCE_CODE', 'http://code.example/plain-http'],
    ['OPERATOR_LEGAL_BASIS', '[member-state law, to be completed by the controller]'],
    ['OPERATOR_CONTROLLER_NAME', ''.padEnd(501, 'x')],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => parseConfig({ ...TEST_OPERATOR_ENV, [name]: value })).toThrow(new RegExp(`^invalid configuration: ${name}: `));
  });

  it('names every variable missing from an incomplete identity', () => {
    const { OPERATOR_DPO_EMAIL: _dpo, OPERATOR_LEGAL_BASIS: _law, ...rest } = TEST_OPERATOR_ENV;
    expect(() => parseConfig(rest)).toThrow(
      "invalid configuration: the operator's identity is incomplete: OPERATOR_DPO_EMAIL, OPERATOR_LEGAL_BASIS not set",
    );
  });

  it.each([
    ['a file that does not exist', () => join(dir, 'missing.json'), /OPERATOR_FILE: .*missing\.json: cannot be read \(ENOENT\)$/],
    ['a file that is not JSON', () => file('broken.json', '{"controllerName":'), /OPERATOR_FILE: .*broken\.json: not JSON$/],
    ['an unknown field', () => file('extra.json', { ...TEST_OPERATOR, phone: '01 234 56 78' }), /OPERATOR_FILE: .*extra\.json: phone: /],
    ['a missing field', () => file('short.json', { ...TEST_OPERATOR, dpoEmail: undefined }), /OPERATOR_FILE: .*short\.json: dpoEmail: missing$/],
    ['a text for one language only', () => file('half.json', { ...TEST_OPERATOR, legalBasis: { sl: 'ZNB' } }), /OPERATOR_FILE: .*half\.json: legalBasis: /],
    ['a bad country', () => file('country.json', { ...TEST_OPERATOR, hostingCountry: 'CH' }), /OPERATOR_FILE: .*country\.json: hostingCountry: /],
  ])('refuses %s, naming the file and the field', (_name, path, message) => {
    expect(() => parseConfig({ OPERATOR_FILE: path() })).toThrow(message);
  });

  it('refuses the file and the variables together', () => {
    expect(() => parseConfig({ OPERATOR_FILE: file('both.json', TEST_OPERATOR), OPERATOR_DPO_EMAIL: 'x@example.org' })).toThrow(
      /^invalid configuration: OPERATOR_FILE: give the operator file or OPERATOR_DPO_EMAIL, not both$/,
    );
  });

  it('refuses to start in production mode without it: exit code 2 and one line naming what is missing', () => {
    const result = start({ NODE_ENV: 'production', PORT: '0' });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^invalid configuration: NODE_ENV=production needs the operator's identity: set OPERATOR_FILE, or /);
    for (const name of Object.keys(TEST_OPERATOR_ENV)) expect(lines[0]).toContain(name);
    expect(result.stdout).toBe('');
  });

  it('refuses to start in production mode with an operator file it cannot read', () => {
    const result = start({ NODE_ENV: 'production', PORT: '0', OPERATOR_FILE: join(dir, 'nowhere.json') });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^invalid configuration: OPERATOR_FILE: .*nowhere\.json: cannot be read/)]);
  });
});
