import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  deepActiveElement,
  expectAccessible,
  expectNoHorizontalScroll,
  isFocused,
  sharedBrowser,
  SKIP_BROWSER_TESTS,
  tabTo,
  withPage,
} from './support/browser.js';
import { eventually, type Lang, openDashboard, settled, shown, squash, writing } from './support/dashboard-page.js';
import { LAST_WEEK, LJUBLJANA, sharedScenario, YESTERDAY } from './support/dashboard-scenario.js';

// Issue 13, "public dashboards people read correctly", checked as a reader would meet them:
// at 360, 1280 and 1920 px, in Slovenian and English, on a week in which every municipality
// reported.

const WIDTHS = [1280, 360, 1920] as const;
const VIEWS = {
  overview: '/dashboard',
  regions: '/dashboard?view=regions',
  municipalities: '/dashboard?view=municipalities',
  region: '/dashboard?area=SI041',
  municipality: `/dashboard?area=${LJUBLJANA}`,
} as const;
type View = keyof typeof VIEWS;

const withLang = (path: string, lang: Lang) => (lang === 'sl' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=en`);

/** Every place a rate, a share or an estimate is written: table cells, headline figures, map tiles, bars. */
const RATE_OR_SHARE = [
  '[data-field="measure"]',
  '[data-field="share"]',
  '[data-field="interval"]',
  '[data-field="rate"]',
  '[data-field="projected"]',
  '[data-field="standardised"]',
  'dashboard-tile-map text.value',
  'dashboard-tile-map a.tile',
  'dashboard-bars .value',
].join(', ');

/** No `<5` or `<10` where a rate or share stands: there it would read as a small rate. */
async function expectNoCountMarkersInRates(page: Page, where: string) {
  const cells = page.locator(RATE_OR_SHARE);
  const texts = [...(await cells.allTextContents()), ...(await page.locator('dashboard-tile-map a.tile').evaluateAll((tiles) => tiles.map((a) => a.getAttribute('aria-label') ?? '')))];
  expect(texts.length, `rates or shares on ${where}`).toBeGreaterThan(0);
  expect(texts.filter((t) => /<\s*\d/.test(t)), `count markers among the rates and shares of ${where}`).toEqual([]);
}

/** At 360 px: the page does not scroll sideways, and the comparison table's key columns are in view without scrolling it. */
async function expectPhoneLayout(page: Page, where: string) {
  await eventually(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  await expectNoHorizontalScroll(page, where);
  for (const table of await page.locator('dashboard-area-table .table-scroll').all()) {
    const { scrollWidth, clientWidth } = await table.evaluate((box) => ({ scrollWidth: box.scrollWidth, clientWidth: box.clientWidth }));
    expect(scrollWidth, `the table on ${where} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
    for (const row of (await table.locator('tbody tr').all()).slice(0, 5)) {
      for (const cell of [row.locator('th a'), row.locator('[data-field="reports"]'), row.locator('[data-field="measure"]')]) {
        if ((await cell.count()) === 0) continue;
        const box = (await cell.boundingBox())!;
        expect(box.x, `${where}: a key column starts off screen`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${where}: a key column ends off screen`).toBeLessThanOrEqual(360);
      }
    }
  }
}

/** From about 1024 px the content uses the width: at least 80% of it at 1280. */
async function expectDesktopLayout(page: Page, view: View, width: number) {
  const box = (await page.locator('dashboard-app .view').boundingBox())!;
  if (width === 1280) expect(box.width / width, `${view} spans ${box.width} of ${width} px`).toBeGreaterThanOrEqual(0.8);
  if (view === 'regions') {
    // The map and the comparison side by side.
    const map = (await page.locator('dashboard-tile-map').boundingBox())!;
    const bars = (await page.locator('dashboard-bars').boundingBox())!;
    expect(bars.x, 'the bars stand beside the map').toBeGreaterThan(map.x + map.width);
  }
  if (view === 'overview' || view === 'region' || view === 'municipality') {
    // The two series in two columns.
    const [reports, share] = await Promise.all([
      page.locator('dashboard-series[data-series="reports"]').boundingBox(),
      page.locator('dashboard-series[data-series="share"]').boundingBox(),
    ]);
    expect(share!.x, 'the share series stands beside the reports series').toBeGreaterThan(reports!.x + reports!.width);
  }
}

/** WCAG relative luminance and contrast ratio of two `#rrggbb` or `rgb()` colours. */
function contrast(a: string, b: string): number {
  const channels = (colour: string) =>
    colour.startsWith('#') ? [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) : colour.match(/\d+/g)!.slice(0, 3).map(Number);
  const luminance = (colour: string) => {
    const [r, g, bl] = channels(colour).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.skipIf(SKIP_BROWSER_TESTS)('the dashboards read correctly', { timeout: 240_000 }, () => {
  const browser = sharedBrowser();
  const scenario = sharedScenario({ fullWeek: true });

  for (const lang of ['sl', 'en'] as const) {
    it(`${lang}: every view at 360, 1280 and 1920 px keeps count markers out of rates and shares, fits its width, and is accessible`, async () => {
      for (const view of Object.keys(VIEWS) as View[]) {
        await withPage(openDashboard(browser(), scenario().service.url, withLang(VIEWS[view], lang)), async (page, watched) => {
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 900 });
            await settled(page);
            const where = `${view} (${lang}, ${width} px)`;
            await expectNoCountMarkersInRates(page, where);
            if (width === 360) await expectPhoneLayout(page, where);
            else await expectDesktopLayout(page, view, width);
            await expectAccessible(page, where);
          }
          expect(watched.problems).toEqual([]);
        });
      }
    });
  }

  it('every state of the comparisons: each indicator, measure and period keeps markers in count columns and stays accessible', async () => {
    await withPage(openDashboard(browser(), scenario().service.url, VIEWS.regions), async (page, watched) => {
      await settled(page);
      const choices = page.locator('dashboard-comparison dashboard-choice');
      for (const indicator of ['Poročila', 'S simptomi', 'CLI', 'ILI']) {
        await choices.first().locator('label', { hasText: indicator }).click();
        for (const measure of await choices.nth(1).locator('label').allTextContents()) {
          await choices.nth(1).locator('label', { hasText: squash(measure) }).click();
          await settled(page);
          await expectNoCountMarkersInRates(page, `regions, ${indicator}, ${squash(measure)}`);
          await expectAccessible(page, `regions, ${indicator}, ${squash(measure)}`);
        }
      }
      // A week, and today (provisional) once it is published.
      const select = page.locator('dashboard-comparison .controls select');
      for (const period of [`week:${LAST_WEEK.first}`, 'day:2026-11-25']) {
        await select.selectOption(period);
        await settled(page);
        await expectNoCountMarkersInRates(page, `regions, ${period}`);
        await expectAccessible(page, `regions, ${period}`);
      }
      // The municipalities: search, a region, more rows, each state accessible at 360 too.
      await page.locator('dashboard-app nav a', { hasText: 'Občine' }).click();
      await settled(page);
      await page.locator('dashboard-area-table select').selectOption('SI032');
      await eventually(() => page.locator('dashboard-area-table tbody tr').count()).toBe(25);
      await page.locator('dashboard-area-table button.button').click();
      await eventually(() => page.locator('dashboard-area-table tbody tr').count()).toBeGreaterThan(25);
      await expectAccessible(page, 'municipalities of Podravska, more rows');
      await page.setViewportSize({ width: 360, height: 780 });
      await page.locator('dashboard-comparison dashboard-choice').nth(1).locator('label', { hasText: 'na 100.000' }).click();
      await settled(page);
      await expectPhoneLayout(page, 'municipalities at 360, estimated people per 100,000');
      await expectAccessible(page, 'municipalities at 360, estimated people per 100,000');
      expect(watched.problems).toEqual([]);
    });
  });

  it('the municipalities open on the last complete week, and most municipalities publish a value in it', async () => {
    const rows = await scenario().stats(`level=municipality&from=${LAST_WEEK.first}&to=${LAST_WEEK.last}&period=week&metrics=symptomatic`);
    expect(rows).toHaveLength(scenario().municipalities.length);
    const published = rows.filter((r) => r.sample_size !== null);
    const shares = rows.filter((r) => r.share !== null);
    expect(published.length).toBeGreaterThanOrEqual(0.9 * rows.length);
    await withPage(openDashboard(browser(), scenario().service.url, VIEWS.municipalities), async (page) => {
      await settled(page);
      expect(await page.locator('dashboard-comparison .controls select').inputValue()).toBe(`week:${LAST_WEEK.first}`);
      expect(await page.locator('dashboard-comparison .controls select option:checked').textContent()).toBe('47. teden, 16.–22. 11. 2026');
      // All rows, 25 at a time.
      const more = page.locator('dashboard-area-table button.button');
      while ((await more.count()) > 0) await more.click();
      const table = page.locator('dashboard-area-table tbody');
      await eventually(() => table.locator('tr').count()).toBe(scenario().municipalities.length);
      const reports = (await table.locator('[data-field="reports"]').evaluateAll((cells) =>
        cells.map((cell) => (cell.firstElementChild?.classList.contains('marker') ? null : cell.textContent?.trim().split(/\s/)[0])),
      )) as (string | null)[];
      expect(reports.filter((r) => r !== null)).toHaveLength(published.length);
      const measures = await table.locator('[data-field="measure"]').allTextContents();
      expect(measures.filter((m) => /%/.test(m))).toHaveLength(shares.length);
      expect(shares.length).toBeGreaterThanOrEqual(0.9 * rows.length);
      // A municipality with three reports: `<10` where its reports stand, a dash where its share would.
      const quiet = [...scenario().quiet][0]!;
      expect(await shown(table.locator(`tr[data-code="${quiet}"] [data-field="reports"]`))).toBe('<10');
      expect(await shown(table.locator(`tr[data-code="${quiet}"] [data-field="measure"]`))).toBe('–');
    });
  });

  for (const lang of ['sl', 'en'] as const) {
    it(`${lang}: axis labels are distinct, numbers are written for the language, and the country is named in it`, async () => {
      const w = writing(lang);
      for (const path of [VIEWS.overview, VIEWS.region, VIEWS.municipality]) {
        await withPage(openDashboard(browser(), scenario().service.url, withLang(path, lang)), async (page) => {
          await settled(page);
          const axes = await page.locator('dashboard-series .plot').evaluateAll((plots) => plots.map((p) => p.getAttribute('data-ticks')!.split('|')));
          expect(axes).toHaveLength(2);
          for (const labels of axes) {
            expect(labels.length).toBeGreaterThanOrEqual(3);
            expect(new Set(labels).size, labels.join(', ')).toBe(labels.length);
          }
          if (path === VIEWS.overview) {
            // The country's peak day passes 1,500 reports: the axis is in thousands, half steps told apart.
            expect(axes[0]!.map(squash)).toContain(lang === 'sl' ? '1,5 tis.' : '1.5k');
            const country = lang === 'sl' ? 'Slovenija' : 'Slovenia';
            expect(await page.locator('dashboard-area h1').textContent()).toBe(country);
            expect(await page.locator('dashboard-app nav a[aria-current="page"]').textContent()).toContain(country);
            expect(await page.title()).toMatch(new RegExp(`^${country} – `));
          }
          if (path === VIEWS.region) {
            expect(squash(await page.locator('dashboard-area .crumbs li').first().textContent())).toBe(lang === 'sl' ? 'Slovenija' : 'Slovenia');
            // Regions are age-standardised too.
            const [row] = await scenario().stats(`level=region&area=SI041&from=${YESTERDAY}&to=${YESTERDAY}&period=day&metrics=symptomatic`);
            expect(row!.standardised_share).not.toBeNull();
            expect(squash(await page.locator('[data-estimate="symptomatic"] [data-field="standardised"]').textContent())).toContain(
              squash(w.percent(row!.standardised_share!)),
            );
          }
          if (path === VIEWS.municipality) {
            // "from 237 reports" / "iz 237 poročil": the count in the language's own form.
            const [row] = await scenario().stats(`level=municipality&area=${LJUBLJANA}&from=${LAST_WEEK.first}&to=${LAST_WEEK.last}&period=week&metrics=cli`);
            expect(squash(await page.locator('[data-figure="cli"] [data-field="base"]').textContent())).toBe(
              lang === 'sl' ? `iz ${w.count(row!.sample_size!)} poročil` : `from ${w.count(row!.sample_size!)} reports`,
            );
          }
        });
      }
    });
  }

  for (const width of [360, 1280] as const) {
    it(`the tile map at ${width} px: names of 12 px or more, values inside their tiles, Tab in reading order, a focus ring on every fill`, async () => {
      await withPage(openDashboard(browser(), scenario().service.url, VIEWS.regions, { width }), async (page) => {
        await settled(page);
        const tiles = page.locator('dashboard-tile-map a.tile');
        await eventually(() => tiles.count()).toBe(12);
        const geometry = await tiles.evaluateAll((links) =>
          links.map((a) => {
            const svg = a.closest('svg')!;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const tile = a.querySelector('rect.fill')!.getBoundingClientRect();
            const texts = Array.from(a.querySelectorAll('text')).map((t) => {
              const box = t.getBoundingClientRect();
              return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
            });
            return { code: a.getAttribute('data-code')!, tile: { left: tile.left, right: tile.right, top: tile.top, bottom: tile.bottom }, texts };
          }),
        );
        for (const { code, tile, texts } of geometry) {
          const [name, value] = texts;
          expect(name!.px, `${code}: name at ${name!.px.toFixed(1)} px`).toBeGreaterThanOrEqual(12);
          for (const t of texts) {
            expect(t.left, `${code}: "${t.text}" overflows its tile`).toBeGreaterThanOrEqual(tile.left);
            expect(t.right, `${code}: "${t.text}" overflows its tile`).toBeLessThanOrEqual(tile.right);
            expect(t.top).toBeGreaterThanOrEqual(tile.top);
            expect(t.bottom).toBeLessThanOrEqual(tile.bottom);
          }
          expect(value!.text).not.toMatch(/</);
        }
        // Tab goes through the tiles as they are read: row by row, left to right.
        const reading = [...geometry].sort((a, b) => Math.round(a.tile.top - b.tile.top) || a.tile.left - b.tile.left).map((g) => g.code);
        await tabTo(page, page.locator(`dashboard-tile-map a[data-code="${reading[0]}"]`));
        const order = [reading[0]];
        for (let i = 1; i < reading.length; i++) {
          await page.keyboard.press('Tab');
          const active = await deepActiveElement(page);
          order.push(await active.evaluate((element) => (element as Element | null)?.getAttribute('data-code') ?? ''));
          await active.dispose();
        }
        expect(order).toEqual(reading);
        // The focus ring: a light and a dark line, one of which stands out (3:1) on every fill.
        const focused = page.locator(`dashboard-tile-map a[data-code="${reading.at(-1)}"]`);
        expect(await isFocused(page, focused)).toBe(true);
        const rings = await focused.locator('rect.ring').evaluateAll((rects) =>
          rects.map((r) => ({ display: getComputedStyle(r).display, stroke: getComputedStyle(r).stroke, width: parseFloat(getComputedStyle(r).strokeWidth) })),
        );
        expect(rings.map((r) => r.display)).not.toContain('none');
        // Every fill a tile can take: the legend's classes and the one for no value.
        const fills = await page.locator('dashboard-tile-map .legend rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')!));
        expect(fills.length).toBe(5);
        for (const fill of fills) {
          const best = Math.max(...rings.map((r) => contrast(r.stroke, fill)));
          expect(best, `focus ring on ${fill}`).toBeGreaterThanOrEqual(3);
        }
        await expectAccessible(page, `the tile map at ${width} px, focused`);
      });
    });
  }
});
