import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleasedRow } from '../aggregator/released-rows.js';
import {
  BUILT_FORM,
  expectAccessible,
  expectNoHorizontalScroll,
  expectPrivatePage,
  launchBrowser,
  openPage,
  screenshot,
  SKIP_BROWSER_TESTS,
  type WatchedPage,
} from './support/browser.js';
import { VALID_REPORT } from './support/reports.js';
import { startTestService, type TestService } from './support/service.js';

// Expected numbers come from GET /api/v1/stats and are written here the way the dashboard
// shows them (Slovenian number format, `<5` and `<10` markers), not taken from web/, so the
// page cannot agree with itself by construction.

const TIME_ZONE = 'Europe/Ljubljana';
const DAY_MS = 86_400_000;

function dayOf(epochMs: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(epochMs);
}

const count = (n: number) => new Intl.NumberFormat('sl-SI').format(n);
const percent = (share: number) =>
  new Intl.NumberFormat('sl-SI', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
const estimate = (n: number) => new Intl.NumberFormat('sl-SI', { maximumSignificantDigits: 3 }).format(n);
/** Text as shown, with any run of spaces (no-break spaces in `25,9 %` among them) as one space. */
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A published row, as the API serves it. */
type Row = ReleasedRow;

/** How a released number is shown: the count, or the marker of why it is missing. */
function shown(value: number | null, missing: string | null): string {
  if (value !== null) return count(value);
  if (missing === 'suppressed') return '<5';
  if (missing === 'below_minimum') return '<10';
  throw new Error(`no marker for ${missing}`);
}

/** Reports with the given symptoms, in age bands taken in turn. */
function reports(area: string, n: number, symptoms: string[]): object[] {
  const bands = ['15-24', '25-34', '35-44', '45-54', '55-64'];
  return Array.from({ length: n }, (_, i) => ({
    ...VALID_REPORT,
    area,
    ageBand: bands[i % bands.length],
    symptoms,
    ...(symptoms.length > 0 ? { onset: '1-3d' } : { onset: undefined }),
  }));
}

/** Desktop, then phone width: both screenshots, and no sideways scrolling on the phone. */
async function screenshots(page: Page, name: string) {
  await screenshot(page, `dashboard-${name}-1280`);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(200);
  await expectNoHorizontalScroll(page, name);
  await screenshot(page, `dashboard-${name}-360`);
  await page.setViewportSize({ width: 1280, height: 780 });
}

const text = async (locator: Locator) => squash(await locator.textContent());

describe.skipIf(SKIP_BROWSER_TESTS)('the dashboards in a browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  let service: TestService;
  let clock = Date.now() - DAY_MS;
  const yesterday = dayOf(Date.now() - DAY_MS);
  const today = dayOf(Date.now());

  async function stats(query: string): Promise<Row[]> {
    const response = await fetch(`${service.url}/api/v1/stats?${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { rows: Row[] }).rows;
  }

  async function open(path: string): Promise<WatchedPage> {
    const watched = await openPage(browser, 1280);
    const response = await watched.page.goto(`${service.url}${path}`);
    // The service's strict CSP is on, so "no console error" means the page works under it.
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    return watched;
  }

  beforeAll(async () => {
    expect(existsSync(BUILT_FORM), 'dist/web is missing: run `npm run build` first').toBe(true);
    browser = await launchBrowser();
    service = await startTestService({}, { now: () => clock });
    // Yesterday: Ljubljana with enough reports to project but only 2 COVID-like ones (held back
    // as "<5"), and Maribor in another region; every other area has fewer than 10 ("<10").
    const yesterdays = [
      ...reports('SI-061', 2, ['fever', 'cough']),
      ...reports('SI-061', 20, ['headache']),
      ...reports('SI-061', 18, []),
      ...reports('SI-070', 10, ['fever', 'cough']),
      ...reports('SI-070', 8, ['sore_throat']),
      ...reports('SI-070', 12, []),
    ];
    for (const report of yesterdays) expect((await service.post(report)).status).toBe(201);
    // Today: enough for Osrednjeslovenska's open-day numbers to be published.
    clock = Date.now();
    for (const report of reports('SI-061', 11, ['cough'])) expect((await service.post(report)).status).toBe(201);
    service.releaseNow();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('the country: the numbers of GET /api/v1/stats, accessible, private, in Slovenian and English', async () => {
    const [rows, todays] = await Promise.all([
      stats(`level=country&area=SI&from=${yesterday}&to=${yesterday}&period=day&metrics=reports,symptomatic,cli,ili`),
      stats(`level=country&area=SI&from=${today}&to=${today}&period=day&metrics=reports`),
    ]);
    const row = (metric: string) => rows.find((r) => r.metric === metric)!;
    expect(row('reports').value).toBe(70);

    const watched = await open('/dashboard');
    const { page } = watched;
    try {
      const figures = page.locator('dashboard-figures');
      await expect.poll(() => text(figures.locator('[data-figure="day"] [data-field="reports"]'))).toBe(count(70));
      expect(await text(page.locator('dashboard-area h1'))).toBe('Slovenija');
      expect(await text(figures.locator('[data-figure="today"] [data-field="reports"]'))).toBe(
        shown(todays[0]!.sample_size, todays[0]!.missing_sample_size),
      );
      for (const metric of ['symptomatic', 'cli', 'ili']) {
        const r = row(metric);
        expect(r.share, `${metric} is projected from 70 reports`).not.toBeNull();
        expect(await text(figures.locator(`[data-figure="${metric}"] [data-field="share"]`))).toBe(squash(percent(r.share!)));
        expect(await text(figures.locator(`[data-figure="${metric}"] [data-field="rate"]`))).toContain(squash(estimate(r.rate_per_100k!)));
      }
      // The chart's table holds the same number for the day.
      const reportsTable = page.locator(`dashboard-series[data-series="reports"] tr[data-day="${yesterday}"] [data-field="reports"]`);
      expect(await text(reportsTable)).toBe(count(70));
      // The age breakdown: reports per band for the same day.
      const ages = await stats(`level=country&area=SI&from=${yesterday}&to=${yesterday}&metrics=age:25-34,age:25-34:symptomatic`);
      const band = page.locator('dashboard-ages tr[data-band="25-34"]');
      await expect.poll(() => text(band.locator('[data-field="reports"]'))).toBe(shown(ages[0]!.value, ages[0]!.missing_value));
      expect(await text(band.locator('[data-field="symptomatic"]'))).toBe(shown(ages[1]!.value, ages[1]!.missing_value));

      // Every view links to the release policy, the data package and its own CSV.
      expect(await page.locator('dashboard-data-links a[data-link="policy"]').count()).toBeGreaterThan(0);
      expect(await page.locator('dashboard-data-links a[data-link="datapackage"]').first().getAttribute('href')).toBe(
        '/api/v1/datapackage.json',
      );
      await page.locator('dashboard-series[data-series="reports"] summary').click();
      await expectAccessible(page, 'the overview (sl)');
      await screenshots(page, 'overview');

      // English, without a reload; the language stays in the address.
      await page.locator('locale-switch button').click();
      await expect.poll(() => text(figures.locator('[data-figure="day"] .label'))).toBe('Reports yesterday');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
      await expectAccessible(page, 'the overview (en)');
      await screenshot(page, 'dashboard-overview-en-1280');

      // The policy is one link away, in the same language.
      await page.locator('dashboard-area a[href="/dashboard?view=policy&lang=en"]').first().click();
      await expect.poll(() => text(page.locator('dashboard-policy h1'))).toBe('How the numbers are made');
      expect(await text(page.locator('dashboard-policy dl').first())).toContain('<10');
      await expectAccessible(page, 'the policy (en)');
      await expectPrivatePage(watched, service.url);
    } finally {
      await watched.context.close();
    }
  });

  it('the regions: table, map and chart show the API, and the CSV link downloads the rows of the view', async () => {
    const rows = await stats(`level=region&from=${yesterday}&to=${yesterday}&period=day&metrics=symptomatic`);
    expect(rows).toHaveLength(12);
    const watched = await open('/dashboard?view=regions');
    const { page } = watched;
    try {
      const table = page.locator('dashboard-area-table');
      await table.locator('tbody tr').first().waitFor();
      for (const r of rows) {
        const tr = table.locator(`tr[data-code="${r.geo_value}"]`);
        expect(await text(tr.locator('[data-field="reports"]')), r.geo_value).toBe(shown(r.sample_size, r.missing_sample_size));
        // Per 100,000 by default: the projection, or the marker of what is missing.
        const expected =
          r.rate_per_100k !== null
            ? squash(estimate(r.rate_per_100k))
            : r.sample_size === null
              ? shown(null, r.missing_sample_size)
              : r.value === null
                ? shown(null, r.missing_value)
                : '–';
        expect((await text(tr.locator('[data-field="measure"]'))).startsWith(expected), r.geo_value).toBe(true);
        // Each tile of the map names its region and shows the same value.
        const tile = squash(await page.locator(`dashboard-tile-map a[data-code="${r.geo_value}"]`).getAttribute('aria-label'));
        expect(tile.endsWith(`: ${expected}`), tile).toBe(true);
      }
      // Osrednjeslovenska (Ljubljana's 40 reports) is estimated; Savinjska, without reports, shows only "<10".
      expect(rows.find((r) => r.geo_value === 'SI041')!.rate_per_100k).not.toBeNull();
      expect(await text(table.locator('tr[data-code="SI041"] [data-field="reports"]'))).toBe('40');
      expect(await text(table.locator('tr[data-code="SI034"] [data-field="reports"]'))).toBe('<10');
      await expectAccessible(page, 'the regions');
      await screenshots(page, 'regions');

      // Absolute numbers instead of per 100,000, COVID-like illness: the CSV follows the view.
      await page.locator('dashboard-choice label', { hasText: 'Absolutno' }).click();
      await page.locator('dashboard-choice label', { hasText: 'CLI' }).click();
      await expect.poll(() => text(table.locator('thead'))).toContain('Ocena števila ljudi');
      const cli = await stats(`level=region&from=${yesterday}&to=${yesterday}&period=day&metrics=cli`);
      const podravska = cli.find((r) => r.geo_value === 'SI032')!;
      expect(await text(table.locator('tr[data-code="SI032"] [data-field="count"]'))).toBe(shown(podravska.value, podravska.missing_value));
      const osrednjeslovenska = cli.find((r) => r.geo_value === 'SI041')!;
      expect(osrednjeslovenska.missing_value, "Ljubljana's 2 COVID-like reports are held back in its region too").toBe('suppressed');
      expect(await text(table.locator('tr[data-code="SI041"] [data-field="count"]'))).toBe('<5');
      const link = page.locator('dashboard-comparison dashboard-data-links a[data-link="csv"]');
      const href = (await link.getAttribute('href'))!;
      expect(new URL(href, service.url).searchParams.get('metrics')).toBe('cli');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const csv = readFileSync((await download.path())!, 'utf8');
      const records = parse(csv, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
      expect(records).toHaveLength(12);
      expect(new Set(records.map((r) => `${r.geo_type} ${r.time_value} ${r.metric}`))).toEqual(new Set([`region ${yesterday} cli`]));
      const csvRow = records.find((r) => r.geo_value === 'SI032')!;
      expect(csvRow.value).toBe(podravska.value === null ? '' : String(podravska.value));
      expect(csvRow.sample_size).toBe('30');
      // The rows of the view, one for one: the JSON of the same link is the same table.
      expect(records.map((r) => [r.geo_value, r.value, r.missing_value])).toEqual(
        cli.map((r) => [r.geo_value, r.value === null ? '' : String(r.value), r.missing_value ?? '']),
      );
      await expectPrivatePage(watched, service.url);
    } finally {
      await watched.context.close();
    }
  });

  it('a region: its numbers and its municipalities, with the suppressed cells marked', async () => {
    const region = await stats(`level=region&area=SI041&from=${yesterday}&to=${yesterday}&metrics=reports,symptomatic,cli`);
    const municipalities = await stats(`level=municipality&area=SI-061,SI-005&from=${yesterday}&to=${yesterday}&metrics=cli`);
    const ljubljana = municipalities.find((r) => r.geo_value === 'SI-061')!;
    expect(ljubljana.missing_value, 'two COVID-like reports in Ljubljana are held back').toBe('suppressed');

    const watched = await open('/dashboard?area=SI041');
    const { page } = watched;
    try {
      const figures = page.locator('dashboard-figures');
      await expect.poll(() => text(figures.locator('[data-figure="day"] [data-field="reports"]'))).toBe(count(40));
      expect(await text(page.locator('dashboard-area h1'))).toBe('Osrednjeslovenska');
      const symptomatic = region.find((r) => r.metric === 'symptomatic')!;
      expect(symptomatic.share).not.toBeNull();
      expect(await text(figures.locator('[data-figure="symptomatic"] [data-field="share"]'))).toBe(squash(percent(symptomatic.share!)));

      // Its municipalities, COVID-like illness: Ljubljana's count shows its marker.
      const table = page.locator('dashboard-comparison dashboard-area-table');
      await table.locator('tr[data-code="SI-061"]').waitFor();
      await page.locator('dashboard-comparison dashboard-choice label', { hasText: 'CLI' }).click();
      await expect.poll(() => text(table.locator('tr[data-code="SI-061"] [data-field="count"]'))).toBe('<5');
      const borovnica = municipalities.find((r) => r.geo_value === 'SI-005')!;
      expect(await text(table.locator('tr[data-code="SI-005"] [data-field="count"]'))).toBe(shown(borovnica.value, borovnica.missing_value));
      expect(await text(table.locator('tr[data-code="SI-061"] [data-field="reports"]'))).toBe('40');
      expect(await text(table.locator('tr[data-code="SI-005"] [data-field="reports"]'))).toBe('<10');
      await expectAccessible(page, 'a region');
      await screenshots(page, 'region');

      // A municipality's link opens its view in place, and its address can be shared.
      await table.locator('tr[data-code="SI-061"] a').click();
      await expect.poll(() => text(page.locator('dashboard-area h1'))).toBe('Ljubljana');
      expect(new URL(page.url()).searchParams.get('area')).toBe('SI-061');
      await page.goBack();
      await expect.poll(() => text(page.locator('dashboard-area h1'))).toBe('Osrednjeslovenska');
      await expectPrivatePage(watched, service.url);
    } finally {
      await watched.context.close();
    }
  });

  it('a municipality: its numbers and time series; the list finds it without diacritics', async () => {
    const rows = await stats(`level=municipality&area=SI-061&from=${yesterday}&to=${yesterday}&metrics=reports,symptomatic,cli`);
    const row = (metric: string) => rows.find((r) => r.metric === metric)!;
    const watched = await open('/dashboard?area=SI-061');
    const { page } = watched;
    try {
      const figures = page.locator('dashboard-figures');
      await expect.poll(() => text(figures.locator('[data-figure="day"] [data-field="reports"]'))).toBe(
        shown(row('reports').value, row('reports').missing_value),
      );
      // 40 reports: the share with symptoms is projected; the 2 COVID-like ones are held back.
      const symptomatic = row('symptomatic');
      expect(symptomatic.share).not.toBeNull();
      expect(await text(figures.locator('[data-figure="symptomatic"] [data-field="share"]'))).toBe(squash(percent(symptomatic.share!)));
      expect(row('cli').missing_value).toBe('suppressed');
      expect(await text(figures.locator('[data-figure="cli"] [data-field="share"]'))).toBe('<5');
      // Today is not published for municipalities.
      expect(await figures.locator('[data-figure="today"] [data-field="reports"]').count()).toBe(0);
      const share = page.locator(`dashboard-series[data-series="share"] tr[data-day="${yesterday}"]`);
      expect(await text(share.locator('[data-field="reports"]'))).toBe('40');
      expect(await text(share.locator('[data-field="value"]'))).toBe(shown(symptomatic.value, symptomatic.missing_value));
      const csv = page.locator('dashboard-area dashboard-data-links a[data-link="csv"]').first();
      const query = new URL((await csv.getAttribute('href'))!, service.url).searchParams;
      expect([query.get('level'), query.get('area'), query.get('to')]).toEqual(['municipality', 'SI-061', yesterday]);
      await page.locator('dashboard-series[data-series="share"] summary').click();
      await expectAccessible(page, 'a municipality');
      await screenshots(page, 'municipality');

      // The municipalities list: typed without diacritics, Črnomelj is found.
      await page.locator('dashboard-app nav a', { hasText: 'Občine' }).click();
      const search = page.locator('dashboard-area-table input[type="search"]');
      await search.fill('crnomelj');
      const table = page.locator('dashboard-area-table tbody');
      await expect.poll(() => table.locator('tr').count()).toBe(1);
      expect(await text(table.locator('tr th'))).toBe('Črnomelj');
      await search.fill('maribor');
      await expect.poll(() => text(table.locator('tr[data-code="SI-070"] [data-field="reports"]'))).toBe('30');
      await expectAccessible(page, 'the municipalities');
      await expectPrivatePage(watched, service.url);
    } finally {
      await watched.context.close();
    }
  });
});
