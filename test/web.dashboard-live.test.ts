import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectPrivatePage, sharedBrowser, SKIP_BROWSER_TESTS, withPage } from './support/browser.js';
import { eventually, openDashboard, settled, squash, writing } from './support/dashboard-page.js';
import { at, LJUBLJANA, sharedScenario, TODAY } from './support/dashboard-scenario.js';

// Live updates: an open page notices a new snapshot by conditional requests on its ETag, at
// most once per release interval (the service's default, 5 minutes) and not while the tab is
// hidden, and updates its numbers in place. The page's clock is Playwright's, moved by the
// test; the service's clock is the scenario's.

const RELEASE_INTERVAL_MS = 5 * 60_000;
const sl = writing('sl');

/** The snapshot checks: the snapshot's own endpoint. */
const isSnapshotCheck = (url: string) => new URL(url).pathname === '/api/v1/snapshot';

/**
 * Notes, in the page, when (by the page's clock) it starts each snapshot check: read
 * synchronously, so "no check" can be asserted without waiting for anything.
 */
function noteSnapshotChecks() {
  const noted = window as unknown as { snapshotChecks: number[] };
  noted.snapshotChecks = [];
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    if (new URL(String(input), location.href).pathname === '/api/v1/snapshot') noted.snapshotChecks.push(Date.now());
    return original(input, init);
  };
}
const snapshotChecks = (page: Page) => page.evaluate(() => (window as unknown as { snapshotChecks: number[] }).snapshotChecks);

/**
 * Stops the page's clock (it runs on its own after install) a second from now, so the test
 * alone moves it; returns that time.
 */
async function pauseClock(page: Page): Promise<number> {
  const now = (await page.evaluate(() => Date.now())) + 1000;
  await page.clock.pauseAt(now);
  return now;
}

/** Tells the page its tab is hidden or shown, as the browser would. */
function setHidden(page: Page, hidden: boolean) {
  return page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

describe.skipIf(SKIP_BROWSER_TESTS)('live updates on an open dashboard', { timeout: 90_000 }, () => {
  const browser = sharedBrowser();
  const scenario = sharedScenario({ fullWeek: false });

  const todayReports = async () =>
    (await scenario().stats(`level=country&from=${TODAY}&to=${TODAY}&period=day&metrics=reports`))[0]!.sample_size!;

  it('a release during the test changes a number on the open page, in place: no reload, the scroll and the choices kept', async () => {
    const before = await todayReports();
    const opening = openDashboard(browser(), scenario().service.url, '/dashboard', { clockAt: at(TODAY, '13:00'), init: noteSnapshotChecks });
    await withPage(opening, async (page, watched) => {
      const checks: Response[] = [];
      page.on('response', (response) => isSnapshotCheck(response.url()) && checks.push(response));
      await settled(page);
      const today = page.locator('dashboard-figures [data-figure="today"] [data-field="reports"]');
      expect(squash(await today.textContent())).toBe(sl.count(before));
      expect(await snapshotChecks(page)).toHaveLength(1);
      await eventually(async () => checks.length).toBe(1);
      const etag = await checks[0]!.headerValue('etag');
      expect(etag).toBeTruthy();

      // The reader has chosen COVID-like illness, opened a table and scrolled to the charts.
      await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
      await page.locator('dashboard-area dashboard-choice').nth(1).locator('label', { hasText: 'CLI' }).click();
      await page.locator('dashboard-series[data-series="reports"] summary').click();
      const charts = page.locator('dashboard-series[data-series="share"]');
      await charts.scrollIntoViewIfNeeded();
      const scrollY = await page.evaluate(() => window.scrollY);
      expect(scrollY).toBeGreaterThan(0);
      const chartsAt = (await charts.boundingBox())!.y;

      // Not before the release interval; then a conditional request, answered 304 while nothing is new.
      const [first] = await snapshotChecks(page);
      const paused = await pauseClock(page);
      await page.clock.fastForward(first! + RELEASE_INTERVAL_MS - 1000 - paused);
      expect(await snapshotChecks(page)).toHaveLength(1);
      await page.clock.fastForward(2000);
      expect(await snapshotChecks(page)).toHaveLength(2);
      await eventually(async () => checks.length).toBe(2);
      expect(checks[1]!.status()).toBe(304);
      expect(await checks[1]!.request().headerValue('if-none-match')).toBe(etag);

      // A release: reports arrive in the afternoon, the 18:00 publication goes out.
      scenario().setClock(at(TODAY, '17:00'));
      await scenario().send(LJUBLJANA, 30);
      scenario().setClock(at(TODAY, '18:05'));
      scenario().service.releaseNow();
      const after = await todayReports();
      expect(after).not.toBe(before);
      expect(squash(await today.textContent()), 'the page waits for its next check').toBe(sl.count(before));

      await page.clock.fastForward(RELEASE_INTERVAL_MS);
      await eventually(() => today.textContent().then(squash)).toBe(sl.count(after));
      expect(checks[2]!.status()).toBe(200);
      // The same page: not reloaded, scrolled where it was, the reader's choices as they were.
      expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
      expect(watched.requests.filter((r) => r.resourceType() === 'document')).toHaveLength(1);
      // What the reader looked at stays where it was, on the page and on the screen.
      expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
      expect((await charts.boundingBox())!.y).toBeCloseTo(chartsAt, 0);
      expect(await page.locator('dashboard-area dashboard-choice').nth(1).locator('input[value="cli"]').isChecked()).toBe(true);
      expect(await page.locator('dashboard-series[data-series="reports"] details').getAttribute('open')).not.toBeNull();
      // It says when the numbers were updated, and that today's are now final at the day's end.
      const freshness = page.locator('dashboard-freshness');
      expect(squash(await freshness.locator('[data-field="updated"]').textContent())).toBe('Številke so se posodobile ob 18:05.');
      expect(squash(await freshness.locator('[data-field="snapshot"]').textContent())).toBe(
        'Stanje podatkov: 25. nov. 2026, 18:05. Današnje številke so začasne: objavljene ob 18:05, končne bodo, ko se dan konča.',
      );
      // axe works on timers of its own: the clock runs again.
      await page.clock.resume();
      await expectAccessible(page, 'the overview after a live update');
      await expectPrivatePage(watched, scenario().service.url);
    });
  });

  it('no checks while the tab is hidden; one as soon as it is shown again', async () => {
    const opening = openDashboard(browser(), scenario().service.url, '/dashboard?view=regions', { clockAt: at(TODAY, '18:10'), init: noteSnapshotChecks });
    await withPage(opening, async (page, watched) => {
      await settled(page);
      expect(await snapshotChecks(page)).toHaveLength(1);
      await pauseClock(page);
      await setHidden(page, true);
      await page.clock.fastForward(4 * RELEASE_INTERVAL_MS);
      expect(await snapshotChecks(page)).toHaveLength(1);
      await setHidden(page, false);
      const checks = await snapshotChecks(page);
      expect(checks).toHaveLength(2);
      // Shown again, it keeps to the interval from that check.
      await page.clock.fastForward(RELEASE_INTERVAL_MS - 1000);
      expect(await snapshotChecks(page)).toHaveLength(2);
      await page.clock.fastForward(1000);
      expect(await snapshotChecks(page)).toEqual([...checks, checks[1]! + RELEASE_INTERVAL_MS]);
      await expectPrivatePage(watched, scenario().service.url);
    });
  });
});
