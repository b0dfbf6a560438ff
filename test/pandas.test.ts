import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleasedRow } from '../aggregator/released-rows.js';
import { VALID_REPORT } from './support/reports.js';
import { rawGet } from './support/raw-get.js';
import { startTestService, type TestService } from './support/service.js';

/** Debian's Python with python3-pandas, as CI installs it. */
const PYTHON = '/usr/bin/python3';
const READER = fileURLToPath(new URL('./support/pandas-read.py', import.meta.url));
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
/** Skipped where pandas is missing, except in CI, where it must run (and fail). */
const SKIP = !hasPandas && !process.env.CI;

const DAY_MS = 86_400_000;
const TODAY = Date.UTC(2026, 10, 25, 11);

/** The pandas dtype for each Frictionless type of the data package. */
const DTYPES: Record<string, string> = { string: 'string', integer: 'Int64', number: 'float64', boolean: 'boolean' };

interface Read {
  columns: string[];
  dtypes: Record<string, string>;
  rows: Record<string, unknown>[];
}

describe.skipIf(SKIP)('the CSV in pandas', () => {
  let service: TestService;
  let dir: string;
  let clock = TODAY - 10 * DAY_MS;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'symptoms-pandas-'));
    service = await startTestService({}, { now: () => clock });
    for (let day = 10; day >= 0; day--) {
      clock = TODAY - day * DAY_MS;
      for (let i = 0; i < 40; i++) {
        const symptoms = i % 2 ? ['fever', 'cough'] : [];
        const area = i % 4 === 0 ? 'SI-052' : i === 1 ? 'SI-004' : 'SI-061';
        expect((await service.post({ ...VALID_REPORT, area, symptoms, ...(symptoms.length ? {} : { onset: undefined }) })).status).toBe(201);
      }
      service.releaseNow();
    }
  }, 120_000);
  afterAll(async () => {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every CSV variant with the dtypes the data package declares, and the values the JSON gives', async () => {
    const pkg = await (await fetch(`${service.url}/api/v1/datapackage.json`)).text();
    writeFileSync(join(dir, 'datapackage.json'), pkg);
    const fields = (JSON.parse(pkg) as { resources: { schema: { fields: { name: string; type: string }[] } }[] }).resources[0]!.schema.fields;
    // Days (today provisional) and weeks, every level, withheld municipalities; one sent compressed.
    const variants = [
      ['time_type=day&geo_type=country', ''],
      ['time_type=day&geo_type=region&metric=reports,cli,age:35-44:cli', ''],
      ['time_type=week&geo_type=country', ''],
      ['time_type=week&geo_type=region', ''],
      ['time_type=week&geo_type=municipality&geo_value=SI-061,SI-052,SI-004', ''],
      ['time_type=day&geo_type=country&metric=reports,symptomatic', 'gzip'],
    ] as const;
    const files: string[] = [];
    const expected: ReleasedRow[][] = [];
    for (const [i, [query, coding]] of variants.entries()) {
      const csv = await rawGet(`${service.url}/api/v1/stats.csv?${query}&from=2026-11-01`, coding ? { 'accept-encoding': coding } : {});
      expect(csv.status).toBe(200);
      expect(csv.headers['content-encoding']).toBe(coding || undefined);
      files.push(join(dir, `${i}.csv${coding ? '.gz' : ''}`));
      writeFileSync(files.at(-1)!, csv.body);
      expected.push(((await (await fetch(`${service.url}/api/v1/stats?${query}&from=2026-11-01`)).json()) as { rows: ReleasedRow[] }).rows);
    }
    const run = spawnSync(PYTHON, [READER, join(dir, 'datapackage.json'), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    const read = JSON.parse(run.stdout) as Read[];
    expect(read).toHaveLength(variants.length);
    read.forEach((file, i) => {
      expect(file.columns).toEqual(fields.map((f) => f.name));
      expect(file.dtypes).toEqual(Object.fromEntries(fields.map((f) => [f.name, DTYPES[f.type]])));
      expect(file.rows.length, variants[i]![0]).toBeGreaterThan(0);
      expect(file.rows).toEqual(expected[i]);
    });
    // What the variants hold: provisional days, and missing values.
    expect(read[0]!.rows.some((r) => r.provisional === true)).toBe(true);
    expect(read[4]!.rows.some((r) => r.missing_value === 'below_minimum')).toBe(true);
  }, 60_000);
});
