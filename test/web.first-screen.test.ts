import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectPrivatePage, openPage, pageBox, screenshot, sharedBrowser, SKIP_BROWSER_TESTS, withPage } from './support/browser.js';
import { sharedService } from './support/service.js';

/** The phone and the desktop of the issue, both 800 px tall. */
const SCREEN_HEIGHT = 800;
const WIDTHS = [360, 1280] as const;

// Texts from the issue and the advice a clinician reviewed, not from web/.
const TEXT = {
  sl: { advice: 'Ostanite doma in se testirajte', positive: /pozitiv/ },
  en: { advice: 'Stay at home and get tested', positive: /positive/ },
} as const;

describe.skipIf(SKIP_BROWSER_TESTS)('the first screen, and the way to the advice on a phone and a desktop', { timeout: 60_000 }, () => {
  const browser = sharedBrowser();
  const service = sharedService();

  for (const locale of ['sl', 'en'] as const) {
    for (const width of WIDTHS) {
      it(`${locale} at ${width}×${SCREEN_HEIGHT}: the emergency check and 112 on the first screen; fever and cough reach advice in 8 taps and 3 screens`, async () => {
        await withPage(openPage(browser(), width, { height: SCREEN_HEIGHT, touch: true }), async (page, watched) => {
          await page.goto(`${service().url}/${locale === 'en' ? '?lang=en' : ''}`);
          const signs = page.locator('#q-warningSigns fieldset');
          const call = page.locator('#q-warningSigns a[href="tel:112"]');
          await call.waitFor();
          expect(await page.evaluate(() => window.scrollY)).toBe(0);
          // The whole question, every sign and "none" included, and the call, without scrolling.
          for (const [what, element] of [
            ['the warning-sign question', signs],
            ['the 112 action', call],
          ] as const) {
            const box = await pageBox(element);
            expect(box.top, `${what} starts on the first screen`).toBeGreaterThanOrEqual(0);
            expect(box.bottom, `${what} ends on the first screen`).toBeLessThanOrEqual(SCREEN_HEIGHT);
          }
          // The notice stands between the emergency check and the first question, which is within one more screen.
          const notice = await pageBox(page.locator('layered-notice'));
          const firstQuestion = await pageBox(page.locator('#q-ageBand legend'));
          expect(notice.top).toBeGreaterThan((await pageBox(signs)).bottom);
          expect(firstQuestion.top).toBeGreaterThan(notice.bottom);
          expect(firstQuestion.bottom, 'the first question after one screen of scrolling').toBeLessThanOrEqual(2 * SCREEN_HEIGHT);
          await screenshot(page, `web-${locale}-${width}-first-screen`);

          // Fever and cough, each answer one tap: the taps, and how far each needs the page scrolled.
          const taps: Locator[] = [
            page.locator('#q-warningSigns input[name="none"]'),
            page.locator('#q-ageBand input[value="25-34"]'),
            page.locator('#q-symptoms input[value="fever"]'),
            page.locator('#q-symptoms input[value="cough"]'),
            page.locator('#q-onset input[value="1-3d"]'),
            page.locator('#q-contact input[value="no"]'),
            page.locator('#q-test input[value="not_tested"]'),
            page.locator('report-form button[type="submit"]'),
          ];
          let scrolled = 0;
          for (const target of taps) {
            await target.waitFor();
            scrolled = Math.max(scrolled, (await pageBox(target)).bottom - SCREEN_HEIGHT);
            await target.tap();
          }
          expect(taps).toHaveLength(8);
          expect(scrolled, 'scrolling needed to reach every tap').toBeLessThanOrEqual(3 * SCREEN_HEIGHT);

          const heading = page.locator('report-app h1');
          await expect.poll(() => heading.textContent()).toContain(TEXT[locale].advice);
          const advice = (await page.locator('advice-view .lead, advice-view ol').allTextContents()).join(' ');
          // "Not tested" was the answer: the advice says nothing of a positive test.
          expect(advice).not.toMatch(TEXT[locale].positive);
          await expectAccessible(page, `advice, ${locale} at ${width}`);
          expect(watched.requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/'))).toEqual([]);
          await expectPrivatePage(watched, service().url);
        });
      });
    }
  }
});
