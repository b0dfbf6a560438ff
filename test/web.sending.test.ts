import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { agreeToSend, answer, expectAccessible, expectPrivatePage, isFocused, openPage, screenshot, sharedBrowser, SKIP_BROWSER_TESTS, type WatchedPage } from './support/browser.js';
import { readCounts } from './support/counts.js';
import { startTestService, TEST_POW, type TestService } from './support/service.js';
import { onOwnService } from './support/own-service.js';

/** How long the page waits for an answer before it says it does not know (the issue: about 15 s). */
const TIMEOUT_MS = 15_000;

const reportsCounted = (service: TestService) =>
  readCounts(service.databasePath)
    .filter((row) => row.metric === 'reports')
    .reduce((sum, row) => sum + row.n, 0);

const heading = (page: Page) => page.locator('report-app h1');
const status = (page: Page) => page.locator('contribution-offer [role="status"]');

/** Answers fever and cough with the mouse, shows the advice, agrees to send and chooses a municipality. */
async function readyToSend(page: Page): Promise<void> {
  await answer(page, { warningSigns: 'none', ageBand: '25-34', symptoms: ['fever', 'cough'], onset: '1-3d', contact: 'no', test: 'not_tested' });
  await page.locator('report-form button[type="submit"]').click();
  await expect.poll(() => heading(page).textContent()).toContain('Ostanite doma in se testirajte');
  await agreeToSend(page, 'Kranj');
}

/** Every POST of a report the page makes, held or passed on as the test decides. */
interface Posts {
  altcha: string[];
  bodies: string[];
  held: Route[];
}

/** Two attempts, the retry with the same proof of work and the same report as the first. */
function expectOneReportTwice(posts: Posts): void {
  expect(posts.altcha).toHaveLength(2);
  expect(posts.altcha[0]).toMatch(/\S/);
  expect(posts.altcha[1], 'the retry carries the same proof of work').toBe(posts.altcha[0]);
  expect(posts.bodies[1], 'and the same report').toBe(posts.bodies[0]);
}

async function watchPosts(page: Page, handle: (route: Route, attempt: number) => Promise<void>): Promise<Posts> {
  const posts: Posts = { altcha: [], bodies: [], held: [] };
  await page.route('**/api/v1/reports', async (route) => {
    posts.altcha.push(route.request().headers()['x-altcha'] ?? '');
    posts.bodies.push(route.request().postData() ?? '');
    await handle(route, posts.altcha.length);
  });
  return posts;
}

describe.skipIf(SKIP_BROWSER_TESTS)('sending that is honest and counts once', { timeout: 60_000 }, () => {
  const browser = sharedBrowser();

  /**
   * A page on a service with proof of work on and a fake clock; whatever the test does there,
   * the service has counted exactly one report at the end, and the page kept nothing.
   */
  function countsOnce(width: number, run: (page: Page, watched: WatchedPage, service: TestService) => Promise<void>) {
    return onOwnService(
      startTestService(TEST_POW),
      openPage(browser(), width),
      async ({ page, watched, service }) => {
        await page.clock.install();
        await run(page, watched, service);
        await expectPrivatePage(watched, service.url);
      },
      (service) => expect(reportsCounted(service)).toBe(1),
    );
  }

  it('counted but unanswered: "don’t know" after the timeout, a retry with the same proof, 409 shown as already counted, one report', () =>
    countsOnce(360, async (page, watched, service) => {
      await page.goto(`${service.url}/`);
      // The first attempt reaches the service and is counted; its answer never reaches the page.
      const posts = await watchPosts(page, async (route, attempt) => {
        if (attempt === 1) {
          await route.fetch();
          posts.held.push(route);
          return;
        }
        await route.continue();
      });
      await readyToSend(page);
      await page.locator('contribution-offer button', { hasText: 'Pošlji odgovore' }).click();

      // While the answer is held, the advice is on screen and the page says it is sending.
      await expect.poll(() => posts.held.length).toBe(1);
      expect(await heading(page).textContent()).toContain('Ostanite doma in se testirajte');
      expect(await status(page).textContent()).toContain('Pošiljanje');
      await expectAccessible(page, 'the "sending" state');
      expect(reportsCounted(service)).toBe(1);

      await page.clock.fastForward(TIMEOUT_MS);
      await expect.poll(() => status(page).textContent()).toContain('Še ne vemo');
      await expectAccessible(page, 'the "don’t know" state');
      await screenshot(page, 'web-sl-2-unknown');

      await page.locator('contribution-offer button', { hasText: 'Poskusi znova' }).click();
      await expect.poll(() => status(page).textContent()).toContain('prišteti že ob prejšnjem poskusu');
      await expectAccessible(page, 'the "already counted" state');
      await screenshot(page, 'web-sl-2-already-counted');
      expectOneReportTwice(posts);
      // The browser reports the 409 on the console; it is the answer this test is after.
      expect(watched.problems).toEqual([expect.stringMatching(/status of 409/)]);
      watched.problems.length = 0;
    }));

  it('never arrived: "don’t know" after the timeout, then the retry with the same proof is counted, once', () =>
    countsOnce(1280, async (page, _watched, service) => {
      await page.goto(`${service.url}/?lang=en`);
      // The first attempt is held in the browser and never reaches the service.
      const posts = await watchPosts(page, async (route, attempt) => {
        if (attempt === 1) {
          posts.held.push(route);
          return;
        }
        await route.continue();
      });
      await answer(page, { warningSigns: 'none', ageBand: '65-74', symptoms: 'none', contact: 'yes', test: 'pending' });
      await page.locator('report-form button[type="submit"]').click();
      await expect.poll(() => heading(page).textContent()).toContain('After the contact, take care');
      await agreeToSend(page, 'Ptuj');
      await page.locator('contribution-offer button', { hasText: 'Send my answers' }).click();

      await expect.poll(() => posts.held.length).toBe(1);
      await page.clock.fastForward(TIMEOUT_MS);
      await expect.poll(() => status(page).textContent()).toContain('We don’t know yet');
      expect(reportsCounted(service)).toBe(0);

      await page.locator('contribution-offer button', { hasText: 'Try again' }).click();
      await expect.poll(() => status(page).textContent()).toContain('have been added to the statistics');
      expectOneReportTwice(posts);
    }));

  it('after the end of collection: not counted, said so, and nothing posted', async () => {
    const now = Date.UTC(2026, 10, 25, 12);
    await onOwnService(startTestService({ collectionEnds: new Date(now - 60_000) }, { now: () => now }), openPage(browser()), async ({ page, watched, service }) => {
      await page.goto(`${service.url}/?lang=en`);
      await answer(page, { warningSigns: 'none', ageBand: '15-24', symptoms: ['sore_throat'], onset: '4-7d', contact: 'no', test: 'not_tested' });
      await page.locator('report-form button[type="submit"]').click();
      await expect.poll(() => heading(page).textContent()).toContain('Stay at home and watch your symptoms');
      await agreeToSend(page, 'Koper');
      await page.locator('contribution-offer button', { hasText: 'Send my answers' }).click();
      await expect.poll(() => status(page).textContent()).toContain('Report collection has ended, so your answers were not sent.');
      expect(await page.locator('contribution-offer button', { hasText: /Send|Try again/ }).count()).toBe(0);
      await expectAccessible(page, 'the "not counted" state');
      expect(watched.requests.filter((r) => r.method() === 'POST')).toEqual([]);
      await expectPrivatePage(watched, service.url);
    }, (service) => {
      expect(reportsCounted(service)).toBe(0);
    });
  });

  it('a failed list of municipalities blocks only sending, never the advice, and can be fetched again', async () => {
    await onOwnService(startTestService(), openPage(browser()), async ({ page, watched, service }) => {
      let refused = 0;
      await page.route('**/api/v1/areas', async (route) => {
        if (refused++ === 0) await route.abort('connectionrefused');
        else await route.continue();
      });
      await page.goto(`${service.url}/`);
      await answer(page, { warningSigns: 'none', ageBand: '35-44', symptoms: 'none', contact: 'no', test: 'negative' });
      await page.locator('report-form button[type="submit"]').click();
      await expect.poll(() => heading(page).textContent()).toContain('Ni znakov bolezni');
      await page.locator('contribution-offer #consent').check();

      const failed = page.locator('contribution-offer .loading', { hasText: 'Seznama občin ni bilo mogoče naložiti' });
      await failed.waitFor();
      expect(await heading(page).textContent()).toContain('Ni znakov bolezni');
      expect(await page.locator('advice-view ol li').count()).toBeGreaterThan(0);
      await expectAccessible(page, 'the municipality list failed');
      await failed.getByRole('button').click();
      const area = page.locator('#q-area input[role="combobox"]');
      await area.waitFor();
      expect(refused).toBe(2);
      // Sending without a municipality: its error, and the focus on it; nothing posted.
      await page.locator('contribution-offer button', { hasText: 'Pošlji odgovore' }).click();
      await expect.poll(() => page.locator('#q-area #error').textContent()).toContain('Izberite občino s seznama.');
      await expect.poll(() => isFocused(page, area)).toBe(true);
      await expectAccessible(page, 'sending without a municipality');
      expect(watched.requests.filter((r) => r.method() === 'POST')).toEqual([]);
      // The browser reports the refused connection on the console: the test's doing.
      expect(watched.problems).toEqual([expect.stringMatching(/ERR_CONNECTION_REFUSED/)]);
      watched.problems.length = 0;
      await expectPrivatePage(watched, service.url);
    });
  });
});
