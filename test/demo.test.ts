import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaDaysOf } from '../aggregator/area-day.js';
import { epochDay, isoDate, isoWeek, mondayOf } from '../aggregator/calendar.js';
import { dayIn } from '../aggregator/day.js';
import type { ReleasedRow } from '../aggregator/released-rows.js';
import { openCountsStore } from '../aggregator/store.js';
import { expectPrivatePage, launchBrowser, openPage, SKIP_BROWSER_TESTS } from './support/browser.js';
import { shown } from './support/dashboard-page.js';
import { TEST_OPERATOR_ENV } from './support/operator.js';
import { type ServerProcess, spawnServer } from './support/process.js';
import { expectPrivateLogs, startTestService } from './support/service.js';

// `npm run demo` is the build, then this command: the test runs the built entry point as the
// script does (`npm test` builds first).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [command, entry, ...rest] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { demo: string } }).scripts.demo.split(' ');
const DEMO = join(ROOT, entry!);

const TIME_ZONE = 'Europe/Ljubljana';
/** What the demonstration promises: eight ISO weeks of an outbreak up to today. */
const WEEKS = 8;
const BANNER = { sl: 'Vse številke so sintetični predstavitveni podatki', en: 'All numbers are synthetic demonstration data' } as const;
const count = (n: number) => new Intl.NumberFormat('sl-SI').format(n);
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

interface Areas {
  regions: { code: string; name: string }[];
  municipalities: { code: string }[];
}

/** Each file of a folder with its bytes' hash, size, time of change and mode: equal snapshots mean nothing was touched. */
function snapshotOf(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder).map((name) => {
      const path = join(folder, name);
      const { mtimeMs, size, mode } = statSync(path);
      return [name, `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${size} ${mtimeMs} ${mode}`];
    }),
  );
}

/** The demonstration's environment: free loopback ports, its temporary folders under `tmp`, and a DATABASE_PATH it must not touch. */
function demoEnv(tmp: string, databasePath: string): Record<string, string> {
  return { TMPDIR: tmp, DATABASE_PATH: databasePath, TIME_ZONE };
}

async function stop(demo: ServerProcess): Promise<number | null> {
  demo.child.kill('SIGTERM');
  return demo.exited;
}

// Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
describe('npm run demo', { timeout: 120_000, shuffle: false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-demo-test-'));
  const tmp = join(dir, 'tmp');
  const realPath = join(dir, 'real', 'reports.db');
  let demo: ServerProcess;
  let areas: Areas;
  let today: string;
  let yesterday: string;
  let firstDay: string;

  async function stats(query: string): Promise<ReleasedRow[]> {
    const response = await fetch(`${demo.url}/api/v1/stats?${query}`);
    expect(response.status, query).toBe(200);
    return ((await response.json()) as { rows: ReleasedRow[] }).rows;
  }

  beforeAll(async () => {
    expect([command, ...rest], 'the demo script runs one built file with node').toEqual(['node']);
    expect(existsSync(DEMO), `${entry} is missing: run \`npm run build\` first`).toBe(true);
    mkdirSync(tmp);
    demo = await spawnServer(demoEnv(tmp, realPath), DEMO);
    const answer = await fetch(`${demo.url}/api/v1/areas`);
    areas = (await answer.json()) as Areas;
    // Today by the demonstration's clock, which its Date header tells.
    today = dayIn(TIME_ZONE, Date.parse(answer.headers.get('date')!));
    yesterday = isoDate(epochDay(today) - 1);
    firstDay = isoDate(mondayOf(epochDay(today)) - 7 * (WEEKS - 1));
  }, 120_000);

  afterAll(() => {
    demo?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs on a database of its own in a temporary folder, never at DATABASE_PATH', () => {
    const [folder, ...others] = readdirSync(tmp);
    expect(others).toEqual([]);
    expect(readdirSync(join(tmp, folder!))).toContain('reports.db');
    expect(existsSync(join(dir, 'real'))).toBe(false);
  });

  it('publishes every region with values for every closed day and every whole week of the outbreak', async () => {
    const regions = areas.regions.map((r) => r.code).sort();
    expect(regions).toHaveLength(12);
    const days: string[] = [];
    for (let d = epochDay(firstDay); d < epochDay(today); d++) days.push(isoDate(d));
    const weeks = Array.from({ length: WEEKS - 1 }, (_, i) => isoWeek(epochDay(firstDay) + 7 * i));

    const byDay = await stats(`level=region&period=day&from=${firstDay}&to=${yesterday}&metrics=reports,symptomatic,cli`);
    const byWeek = await stats(`level=region&period=week&from=${firstDay}&to=${yesterday}&metrics=reports,symptomatic,cli`);
    for (const [rows, periods] of [[byDay, days], [byWeek, weeks]] as const) {
      for (const metric of ['reports', 'symptomatic', 'cli']) {
        const published = rows.filter((r) => r.metric === metric && r.value !== null);
        for (const region of regions) {
          const seen = published.filter((r) => r.geo_value === region).map((r) => r.time_value);
          expect(seen, `${metric} of ${region}`).toEqual(periods);
        }
      }
    }

    // It starts on the first day; every municipality is in the weekly table, most with a value at the peak.
    const start = await stats(`level=country&period=day&from=${isoDate(epochDay(firstDay) - 7)}&to=${firstDay}&metrics=reports`);
    expect(start.map((r) => r.time_value)).toEqual([firstDay]);
    const municipal = await stats(`level=municipality&period=week&from=${firstDay}&to=${yesterday}&metrics=reports`);
    expect(new Set(municipal.map((r) => r.geo_value))).toEqual(new Set(areas.municipalities.map((m) => m.code)));
    const country = await stats(`level=country&period=week&from=${firstDay}&to=${yesterday}&metrics=reports`);
    const peak = country.reduce((a, b) => (b.value! > a.value! ? b : a)).time_value;
    expect(municipal.filter((r) => r.time_value === peak && r.value !== null).length).toBeGreaterThan(areas.municipalities.length / 2);
  });

  it('says the numbers are synthetic in its status, its data package and its CSV, which loads as any other', async () => {
    const status = (await (await fetch(`${demo.url}/api/v1/status`)).json()) as { synthetic: boolean };
    expect(status.synthetic).toBe(true);

    const dataPackage = (await (await fetch(`${demo.url}/api/v1/datapackage.json`)).json()) as {
      name: string;
      title: string;
      description: string;
      resources: { schema: { fields: { name: string }[] } }[];
    };
    expect(dataPackage.title).toMatch(/synthetic demonstration data/i);
    expect(dataPackage.description).toMatch(/^Synthetic demonstration data: .*no one reported them/);
    expect(dataPackage.name).toMatch(/synthetic/);

    const query = `time_type=day&geo_type=region&from=${yesterday}&to=${yesterday}`;
    const response = await fetch(`${demo.url}/api/v1/stats.csv?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('synthetic-data')).toBe('true');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="synthetic-demo_symptoms_region_[^"]*\.csv"$/);
    const csv = parse(await response.text(), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)).toEqual(dataPackage.resources[0]!.schema.fields.map((f) => f.name));
    expect(csv).toHaveLength((await stats(query)).length);
    expect(csv.every((row) => row.time_value === yesterday)).toBe(true);
    // Delphi's clients read the Epidata answers: they say it too.
    const epidata = await fetch(`${demo.url}/api/epidata/covidcast/?data_source=symptom-self-report&signals=raw_cli&geo_type=country&time_type=day&geo_values=*&time_values=*`);
    expect(epidata.status).toBe(200);
    expect(epidata.headers.get('synthetic-data')).toBe('true');
    expect(((await epidata.json()) as { result: number }).result).toBe(1);
  });

  it.skipIf(SKIP_BROWSER_TESTS)('shows, in a browser, the banner on every page and every region with its numbers', async () => {
    const browser: Browser = await launchBrowser();
    try {
      const watched = await openPage(browser, 1280);
      const { page } = watched;
      for (const locale of ['sl', 'en'] as const) {
        for (const path of ['/', '/privacy', '/dashboard']) {
          await page.goto(`${demo.url}${path}${locale === 'en' ? '?lang=en' : ''}`);
          const banner = page.locator('demo-banner p');
          await expect.poll(() => banner.textContent(), { message: `the banner on ${path} (${locale})` }).toContain(BANNER[locale]);
          expect(await banner.count()).toBe(1);
        }
      }

      // The regions' table: yesterday's reports of every region, as published.
      const yesterdays = await stats(`level=region&period=day&from=${yesterday}&to=${yesterday}&metrics=reports`);
      await page.goto(`${demo.url}/dashboard?view=regions`);
      const table = page.locator('dashboard-area-table');
      for (const region of areas.regions) {
        const published = yesterdays.find((r) => r.geo_value === region.code)!.sample_size;
        expect(published, region.code).not.toBeNull();
        const cell = table.locator(`tr[data-code="${region.code}"] [data-field="reports"]`);
        await expect.poll(() => shown(cell), { message: region.code }).toBe(count(published!));
      }

      // Each region's page: a number for every day of its chart.
      const series = await stats(`level=region&period=day&from=${isoDate(epochDay(today) - 28)}&to=${yesterday}&metrics=reports`);
      for (const region of areas.regions) {
        await page.goto(`${demo.url}/dashboard?area=${region.code}`);
        const rows = page.locator('dashboard-series[data-series="reports"] tr[data-period]');
        await expect.poll(() => rows.count(), { message: region.code }).toBe(28);
        const days = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-period')} ${tr.querySelector('[data-field="reports"]')?.textContent}`));
        const expected = series.filter((r) => r.geo_value === region.code).map((r) => `${r.time_value} ${count(r.sample_size!)}`);
        expect(days.map(squash).sort(), region.code).toEqual(expected.sort());
      }
      await expectPrivatePage(watched, demo.url);
      await watched.context.close();
    } finally {
      await browser.close();
    }
  });

  it('stops on SIGTERM, removes its temporary folder, and has never created DATABASE_PATH', async () => {
    expect(await stop(demo)).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(join(dir, 'real'))).toBe(false);
    expectPrivateLogs(demo.stdout);
  });

  it('leaves a database that exists at DATABASE_PATH as it was', async () => {
    const folder = join(dir, 'existing');
    mkdirSync(folder);
    const path = join(folder, 'reports.db');
    const store = openCountsStore({ path, synchronous: 'FULL' });
    store.add(areaDaysOf([{ day: '2020-03-16', area: 'SI-061', metric: 'reports', n: 1, key: 7 }]));
    store.close();
    const before = snapshotOf(folder);

    const second = await spawnServer(demoEnv(tmp, path), DEMO);
    try {
      expect((await fetch(`${second.url}/api/v1/status`)).status).toBe(200);
      const old = await (await fetch(`${second.url}/api/v1/stats?time_type=day&geo_type=country&from=2020-03-16&to=2020-03-16&metric=reports`)).json();
      expect((old as { rows: ReleasedRow[] }).rows, 'the real database’s counters are not served').toEqual([]);
    } finally {
      expect(await stop(second)).toBe(0);
    }
    expect(snapshotOf(folder)).toEqual(before);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('refuses to run with NODE_ENV=production, before it creates anything', () => {
    const result = spawnSync(process.execPath, [DEMO], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', ADMIN_PORT: '0', NODE_ENV: 'production', ...TEST_OPERATOR_ENV, ...demoEnv(tmp, realPath) },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^npm run demo refuses NODE_ENV=production\b[^\n]*$/);
    expect(result.stdout).toBe('');
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(join(dir, 'real'))).toBe(false);
  });
});

describe('a service on real reports', () => {
  it('says none of it: not synthetic in its status, its data package, its CSV or its Epidata answers', async () => {
    const service = await startTestService();
    try {
      expect(((await (await fetch(`${service.url}/api/v1/status`)).json()) as { synthetic: boolean }).synthetic).toBe(false);
      const dataPackage = JSON.stringify(await (await fetch(`${service.url}/api/v1/datapackage.json`)).json());
      expect(dataPackage).not.toMatch(/synthetic/i);
      const csv = await fetch(`${service.url}/api/v1/stats.csv?time_type=day`);
      expect(csv.headers.get('synthetic-data')).toBeNull();
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="symptoms_/);
      await csv.body?.cancel();
      const epidata = await fetch(`${service.url}/api/epidata/covidcast_meta/`);
      expect(epidata.headers.get('synthetic-data')).toBeNull();
      await epidata.body?.cancel();
    } finally {
      await service.stop();
    }
  });
});
