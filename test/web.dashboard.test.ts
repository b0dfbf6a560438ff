import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReleasedRow } from '../aggregator/released-rows.js';
import { expectAccessible, expectNoHorizontalScroll, expectPrivatePage, screenshot, sharedBrowser, SKIP_BROWSER_TESTS, withPage } from './support/browser.js';
import { countShown, eventually, openDashboard, shown, squash, writing } from './support/dashboard-page.js';
import { LAST_WEEK, LJUBLJANA, MARIBOR, sharedScenario, TODAY, WEEK_BEFORE, YESTERDAY } from './support/dashboard-scenario.js';

// The dashboards show the numbers of GET /api/v1/stats: expected values are read from the API
// and written the way the page writes them (Slovenian number format, `<10` in count columns).

const sl = writing('sl');
const text = async (locator: Locator) => squash(await locator.textContent());

/** Desktop, then phone width: both screenshots, and no sideways scrolling on the phone. */
async function screenshots(page: Page, name: string) {
  await screenshot(page, `dashboard-${name}-1280`);
  await page.setViewportSize({ width: 360, height: 780 });
  // The charts follow the new width once their resize observers have run.
  await eventually(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  await expectNoHorizontalScroll(page, name);
  await screenshot(page, `dashboard-${name}-360`);
  await page.setViewportSize({ width: 1280, height: 780 });
}

/** The trend a share shows against a week earlier: a difference beyond chance (z ≥ 1.96) or none. */
function trendWord(now: ReleasedRow, before: ReleasedRow): string {
  const z = (now.share! - before.share!) / Math.hypot(now.stderr!, before.stderr!);
  return z >= 1.959963984540054 ? 'Višje' : z <= -1.959963984540054 ? 'Nižje' : 'Podobno';
}

describe.skipIf(SKIP_BROWSER_TESTS)('the dashboards in a browser', { timeout: 90_000 }, () => {
  const browser = sharedBrowser();
  const scenario = sharedScenario({ fullWeek: false });

  it('the country: the numbers of GET /api/v1/stats, accessible, private, in Slovenian and English', async () => {
    const { stats } = scenario();
    const weekEarlier = '2026-11-17';
    const rows = await stats(`level=country&from=${weekEarlier}&to=${TODAY}&period=day&metrics=reports,symptomatic,cli,ili`);
    const row = (metric: string, day = YESTERDAY) => rows.find((r) => r.metric === metric && r.time_value === day)!;
    expect(row('reports').provisional).toBe(false);
    expect(row('reports', TODAY).provisional).toBe(true);

    await withPage(openDashboard(browser(), scenario().service.url, '/dashboard'), async (page, watched) => {
      const figures = page.locator('dashboard-figures');
      await eventually(() => text(figures.locator('[data-figure="period"] [data-field="reports"]'))).toBe(sl.count(row('reports').value!));
      expect(await text(page.locator('dashboard-area h1'))).toBe('Slovenija');
      expect(await text(figures.locator('[data-figure="period"] .label'))).toBe('Poročila: včeraj, 24. november 2026');
      expect(await text(figures.locator('[data-figure="period"] [data-field="earlier"] b'))).toBe(sl.count(row('reports', weekEarlier).value!));
      // Today so far: provisional, with its publication times (12:00 is out, released at 13:00; 18:00 next).
      const today = figures.locator('[data-figure="today"]');
      expect(await text(today.locator('[data-field="reports"]'))).toBe(sl.count(row('reports', TODAY).sample_size!));
      expect(await text(today.locator('[data-field="today-status"]'))).toBe('Začasno Objavljeno ob 13:00. Naslednja objava ob 18:00.');
      for (const metric of ['symptomatic', 'cli', 'ili']) {
        const r = row(metric);
        expect(r.share, `${metric} is a share of ${r.sample_size} reports`).not.toBeNull();
        const figure = figures.locator(`[data-figure="${metric}"]`);
        expect(await text(figure.locator('[data-field="share"]'))).toBe(squash(sl.percent(r.share!)));
        expect(await text(figure.locator('[data-field="interval"]'))).toContain(squash(sl.percent(r.ci_high!)));
        // "iz 76 poročil": the share's base, in the genitive Slovenian wants after "iz".
        expect(await text(figure.locator('[data-field="base"]'))).toBe(`iz ${sl.count(r.sample_size!)} poročil`);
        expect(await text(figure.locator('[data-field="trend"]'))).toMatch(new RegExp(`^${trendWord(r, row(metric, weekEarlier))} kot teden prej`));
        // The projection comes second, named as an estimate.
        const estimate = figures.locator(`[data-estimate="${metric}"]`);
        expect(await text(estimate.locator('[data-field="rate"]'))).toContain(`Ocena: ${squash(sl.estimate(r.rate_per_100k!))} na 100.000`);
        expect(await text(estimate.locator('[data-field="projected"]'))).toMatch(/^Ocena: .+ ljud/);
      }
      expect(await text(figures.locator('.estimates .estimate-flag'))).toBe('Ocena, ne štetje');
      // The chart's table holds the same number for the day.
      const reportsTable = page.locator(`dashboard-series[data-series="reports"] tr[data-period="${YESTERDAY}"] [data-field="reports"]`);
      expect(await text(reportsTable)).toBe(sl.count(row('reports').value!));
      // The age breakdown: reports per band for the same day.
      const ages = await stats(`level=country&from=${YESTERDAY}&to=${YESTERDAY}&period=day&metrics=age:25-34,age:25-34:symptomatic`);
      const band = page.locator('dashboard-ages tr[data-band="25-34"]');
      await eventually(() => shown(band.locator('[data-field="reports"]'))).toBe(countShown('sl', ages[0]!.value, ages[0]!.missing_value));
      expect(await shown(band.locator('[data-field="symptomatic"]'))).toBe(countShown('sl', ages[1]!.value, ages[1]!.missing_value));
      expect(await text(page.locator('dashboard-ages .note'))).toContain('ne seštejejo nujno');

      // Every view links to the release policy, the data package and its own CSV.
      expect(await page.locator('dashboard-data-links a[data-link="policy"]').count()).toBeGreaterThan(0);
      expect(await page.locator('dashboard-data-links a[data-link="datapackage"]').first().getAttribute('href')).toBe('/api/v1/datapackage.json');
      await page.locator('dashboard-series[data-series="reports"] summary').click();
      await expectAccessible(page, 'the overview (sl)');
      await screenshots(page, 'overview');

      // English, without a reload; the language stays in the address; the country is Slovenia.
      await page.locator('locale-switch button').click();
      await eventually(() => text(figures.locator('[data-figure="period"] .label'))).toBe('Reports: yesterday, 24 November 2026');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
      expect(await text(page.locator('dashboard-area h1'))).toBe('Slovenia');
      expect(await text(page.locator('dashboard-app nav a[aria-current="page"]'))).toBe('Slovenia');
      expect(await text(figures.locator('[data-figure="symptomatic"] [data-field="base"]'))).toBe(
        `from ${new Intl.NumberFormat('en-GB').format(row('symptomatic').sample_size!)} reports`,
      );
      await expectAccessible(page, 'the overview (en)');
      await screenshot(page, 'dashboard-overview-en-1280');

      // The policy is one link away, in the same language, and says how the numbers are protected.
      await page.locator('dashboard-area a[href="/dashboard?view=policy&lang=en"]').first().click();
      await eventually(() => text(page.locator('dashboard-policy h1'))).toBe('How the numbers are made');
      const protection = await text(page.locator('dashboard-policy [data-part="protection"]'));
      for (const rule of [
        'slightly perturbed: it differs from the true count by at most 5',
        'never shown as 1 or 2',
        'Totals may not add up',
        'Below 10 reports nothing is shown',
        'Today is provisional',
        'at 06:00, 12:00 and 18:00',
      ]) {
        expect(protection).toContain(rule);
      }
      expect(await text(page.locator('dashboard-policy [data-part="markers"]'))).toContain('<10');
      expect(await text(page.locator('dashboard-policy'))).not.toContain('<5');
      await expectAccessible(page, 'the policy (en)');
      await expectPrivatePage(watched, scenario().service.url);
    });
  });

  it('the regions: table, map and chart show the API; markers only in count columns; the CSV link downloads the rows of the view', async () => {
    const rows = await scenario().stats(`level=region&from=${YESTERDAY}&to=${YESTERDAY}&period=day&metrics=symptomatic`);
    expect(rows).toHaveLength(12);
    await withPage(openDashboard(browser(), scenario().service.url, '/dashboard?view=regions'), async (page, watched) => {
      const table = page.locator('dashboard-area-table');
      await table.locator('tbody tr').first().waitFor();
      for (const r of rows) {
        const tr = table.locator(`tr[data-code="${r.geo_value}"]`);
        expect(await shown(tr.locator('[data-field="reports"]')), r.geo_value).toBe(countShown('sl', r.sample_size, r.missing_sample_size));
        // The share of reports by default: the share, or a dash (never `<10`, which would read as a share).
        const expected = r.share !== null ? squash(sl.percent(r.share)) : '–';
        expect((await shown(tr.locator('[data-field="measure"]'))).startsWith(expected), r.geo_value).toBe(true);
        // Each tile of the map names its region and shows the same value.
        const tile = page.locator(`dashboard-tile-map a[data-code="${r.geo_value}"]`);
        expect(await text(tile.locator('text.value'))).toBe(expected);
        if (r.share === null) expect(await tile.getAttribute('aria-label')).toMatch(/^.+: (Manj kot 10 poročil|Ni deleža)/);
      }
      // Osrednjeslovenska (Ljubljana's 40 reports) has a share; Savinjska, without reports, `<10` in its count only.
      expect(rows.find((r) => r.geo_value === 'SI041')!.share).not.toBeNull();
      expect(await shown(table.locator('tr[data-code="SI034"] [data-field="reports"]'))).toBe('<10');
      expect(await shown(table.locator('tr[data-code="SI034"] [data-field="measure"]'))).toBe('–');
      expect((await page.locator('dashboard-comparison .note').allTextContents()).join(' ')).toContain(
        'regije ne seštejejo nujno natanko v številko za vso državo',
      );
      await expectAccessible(page, 'the regions');
      await screenshots(page, 'regions');

      // Estimated people instead of the share, COVID-like illness: the CSV follows the view.
      await page.locator('dashboard-choice label', { hasText: 'CLI' }).click();
      await page.locator('dashboard-choice label', { hasText: 'Ocena: število ljudi' }).click();
      await eventually(() => text(table.locator('thead'))).toContain('Ocena: število ljudi');
      expect((await page.locator('dashboard-comparison .note').allTextContents()).join(' ')).toContain('niso število obolelih');
      const cli = await scenario().stats(`level=region&from=${YESTERDAY}&to=${YESTERDAY}&period=day&metrics=cli`);
      const osrednjeslovenska = cli.find((r) => r.geo_value === 'SI041')!;
      expect(await shown(table.locator('tr[data-code="SI041"] [data-field="count"]'))).toBe(countShown('sl', osrednjeslovenska.value, null));
      expect((await shown(table.locator('tr[data-code="SI041"] [data-field="measure"]'))).startsWith(squash(sl.estimate(osrednjeslovenska.projected!)))).toBe(true);
      await expectAccessible(page, 'the regions, estimated people');
      const link = page.locator('dashboard-comparison dashboard-data-links a[data-link="csv"]');
      const href = (await link.getAttribute('href'))!;
      expect(new URL(href, scenario().service.url).searchParams.get('metric')).toBe('cli');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const csv = readFileSync((await download.path())!, 'utf8');
      const records = parse(csv, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
      expect(records).toHaveLength(12);
      expect(new Set(records.map((r) => `${r.geo_type} ${r.time_value} ${r.metric}`))).toEqual(new Set([`region ${YESTERDAY} cli`]));
      // The rows of the view, one for one: the JSON of the same link is the same table.
      expect(records.map((r) => [r.geo_value, r.value, r.missing_value])).toEqual(
        cli.map((r) => [r.geo_value, r.value === null ? '' : String(r.value), r.missing_value ?? '']),
      );
      await expectPrivatePage(watched, scenario().service.url);
    });
  });

  it('a region: its numbers and its municipalities, which open on the last complete week', async () => {
    const region = await scenario().stats(`level=region&area=SI041&from=${YESTERDAY}&to=${YESTERDAY}&period=day&metrics=reports,symptomatic`);
    const week = await scenario().stats(`level=municipality&area=${LJUBLJANA},SI-005&from=${LAST_WEEK.first}&to=${LAST_WEEK.last}&period=week&metrics=cli`);
    await withPage(openDashboard(browser(), scenario().service.url, '/dashboard?area=SI041'), async (page, watched) => {
      const figures = page.locator('dashboard-figures');
      const reports = region.find((r) => r.metric === 'reports')!;
      await eventually(() => text(figures.locator('[data-figure="period"] [data-field="reports"]'))).toBe(sl.count(reports.value!));
      expect(await text(page.locator('dashboard-area h1'))).toBe('Osrednjeslovenska');
      const symptomatic = region.find((r) => r.metric === 'symptomatic')!;
      expect(await text(figures.locator('[data-figure="symptomatic"] [data-field="share"]'))).toBe(squash(sl.percent(symptomatic.share!)));
      // Regions publish age bands too.
      await page.locator('dashboard-ages tr[data-band="25-34"]').waitFor();

      // Its municipalities, COVID-like illness, in week 47: Ljubljana's count, Borovnica's `<10`.
      const comparison = page.locator('dashboard-comparison');
      expect(await comparison.locator('select').inputValue()).toBe(`week:${LAST_WEEK.first}`);
      const table = comparison.locator('dashboard-area-table');
      await table.locator(`tr[data-code="${LJUBLJANA}"]`).waitFor();
      await comparison.locator('dashboard-choice label', { hasText: 'CLI' }).click();
      const ljubljana = week.find((r) => r.geo_value === LJUBLJANA)!;
      await eventually(() => shown(table.locator(`tr[data-code="${LJUBLJANA}"] [data-field="count"]`))).toBe(sl.count(ljubljana.value!));
      expect(await shown(table.locator(`tr[data-code="${LJUBLJANA}"] [data-field="reports"]`))).toBe(sl.count(ljubljana.sample_size!));
      expect(await shown(table.locator('tr[data-code="SI-005"] [data-field="reports"]'))).toBe('<10');
      await expectAccessible(page, 'a region');
      await screenshots(page, 'region');

      // A municipality's link opens its view in place, and its address can be shared.
      await table.locator(`tr[data-code="${LJUBLJANA}"] a`).click();
      await eventually(() => text(page.locator('dashboard-area h1'))).toBe('Ljubljana');
      expect(new URL(page.url()).searchParams.get('area')).toBe(LJUBLJANA);
      await page.goBack();
      await eventually(() => text(page.locator('dashboard-area h1'))).toBe('Osrednjeslovenska');
      await expectPrivatePage(watched, scenario().service.url);
    });
  });

  it('a municipality: its latest published week against the week before, weekly series; the list finds it without diacritics', async () => {
    const rows = await scenario().stats(
      `level=municipality&area=${LJUBLJANA}&from=${WEEK_BEFORE.first}&to=${LAST_WEEK.last}&period=week&metrics=reports,symptomatic,cli`,
    );
    const row = (metric: string, week = LAST_WEEK.label) => rows.find((r) => r.metric === metric && r.time_value === week)!;
    // Municipalities are published by week only: a day is refused, not answered empty.
    expect((await fetch(`${scenario().service.url}/api/v1/stats?geo_type=municipality&geo_value=${LJUBLJANA}&time_type=day`)).status).toBe(400);
    await withPage(openDashboard(browser(), scenario().service.url, `/dashboard?area=${LJUBLJANA}`), async (page, watched) => {
      const figures = page.locator('dashboard-figures');
      await eventually(() => text(figures.locator('[data-figure="period"] [data-field="reports"]'))).toBe(sl.count(row('reports').value!));
      // The label says which week: the latest published one, not a day.
      expect(await text(figures.locator('[data-figure="period"] .label'))).toBe('Poročila: 47. teden, 16.–22. 11. 2026');
      expect(await text(figures.locator('[data-figure="period"] [data-field="earlier"] b'))).toBe(sl.count(row('reports', WEEK_BEFORE.label).value!));
      for (const metric of ['symptomatic', 'cli']) {
        const figure = figures.locator(`[data-figure="${metric}"]`);
        expect(await text(figure.locator('[data-field="share"]'))).toBe(squash(sl.percent(row(metric).share!)));
        expect(await text(figure.locator('[data-field="trend"]'))).toMatch(new RegExp(`^${trendWord(row(metric), row(metric, WEEK_BEFORE.label))} kot teden prej`));
      }
      // A municipality has no today: its weeks are published once they end.
      expect(await figures.locator('[data-figure="today"] [data-field="reports"]').count()).toBe(0);
      expect(await text(figures.locator('[data-figure="today"]'))).toContain('ponedeljek, 30. november 2026');
      await page.locator('dashboard-series[data-series="share"] summary').click();
      const share = page.locator(`dashboard-series[data-series="share"] tr[data-period="${LAST_WEEK.label}"]`);
      expect(await shown(share.locator('[data-field="reports"]'))).toBe(sl.count(row('symptomatic').sample_size!));
      expect(await shown(share.locator('[data-field="value"]'))).toBe(sl.count(row('symptomatic').value!));
      const csv = page.locator('dashboard-area dashboard-data-links a[data-link="csv"]').first();
      const query = new URL((await csv.getAttribute('href'))!, scenario().service.url).searchParams;
      expect([query.get('geo_type'), query.get('geo_value'), query.get('time_type')]).toEqual(['municipality', LJUBLJANA, 'week']);
      await expectAccessible(page, 'a municipality');
      await screenshots(page, 'municipality');

      // The municipalities list: typed without diacritics, Črnomelj is found.
      await page.locator('dashboard-app nav a', { hasText: 'Občine' }).click();
      const search = page.locator('dashboard-area-table input[type="search"]');
      await search.fill('crnomelj');
      const table = page.locator('dashboard-area-table tbody');
      await eventually(() => table.locator('tr').count()).toBe(1);
      expect(await text(table.locator('tr th a'))).toBe('Črnomelj');
      await search.fill('maribor');
      const maribor = (await scenario().stats(`level=municipality&area=${MARIBOR}&from=${LAST_WEEK.first}&to=${LAST_WEEK.last}&period=week&metrics=reports`))[0]!;
      await eventually(() => shown(table.locator(`tr[data-code="${MARIBOR}"] [data-field="reports"]`))).toBe(sl.count(maribor.value!));
      await expectAccessible(page, 'the municipalities');
      await expectPrivatePage(watched, scenario().service.url);
    });
  });
});
