import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answer, expectAccessible, expectPrivatePage, isFocused, openPage, sharedBrowser, SKIP_BROWSER_TESTS, withPage } from './support/browser.js';
import { sharedService } from './support/service.js';

const heading = (page: Page) => page.locator('report-app h1');

/** Which of the form's answers are chosen now, by question. */
function chosen(page: Page): Promise<Record<string, string[]>> {
  return page.locator('report-form [id^="q-"]').evaluateAll((questions) =>
    Object.fromEntries(
      questions.map((question) => {
        const root = question.shadowRoot!;
        const inner = root.querySelector('set-question')?.shadowRoot ?? root;
        const inputs = [...inner.querySelectorAll<HTMLInputElement>('input')].filter((input) => input.checked);
        return [question.id, inputs.map((input) => (input.name === 'none' ? 'none' : input.value))];
      }),
    ),
  );
}

describe.skipIf(SKIP_BROWSER_TESTS)('the steps in the browser history', { timeout: 60_000 }, () => {
  const browser = sharedBrowser();
  const service = sharedService();

  it('Back and Forward move between the steps, keep the answers and the choice, and put the focus on each heading', async () => {
    await withPage(openPage(browser()), async (page, watched) => {
      await page.goto(`${service().url}/`);
      await answer(page, { warningSigns: 'none', ageBand: '45-54', symptoms: 'headache', onset: 'today', contact: 'no', test: 'negative' });
      const answers = await chosen(page);
      expect(answers).toEqual({
        'q-warningSigns': ['none'],
        'q-ageBand': ['45-54'],
        'q-symptoms': ['headache'],
        'q-onset': ['today'],
        'q-contact': ['no'],
        'q-test': ['negative'],
      });
      const before = await page.evaluate(() => history.length);
      await page.locator('report-form button[type="submit"]').click();
      await expect.poll(() => heading(page).textContent()).toContain('Ostanite doma in spremljajte simptome');
      expect(await isFocused(page, heading(page))).toBe(true);
      expect(await page.evaluate(() => history.length)).toBe(before + 1);

      // Back: the questions, answered as they were.
      await page.goBack();
      await expect.poll(() => heading(page).textContent()).toContain('Vprašanja o vašem počutju');
      expect(await isFocused(page, heading(page))).toBe(true);
      expect(await chosen(page)).toEqual(answers);

      // An answer changed, then Forward: the advice follows the answers now given.
      await page.locator('#q-contact input[value="yes"]').check();
      await page.goForward();
      await expect.poll(() => heading(page).textContent()).toContain('Ostanite doma in spremljajte simptome');
      expect(await isFocused(page, heading(page))).toBe(true);
      expect(await page.locator('advice-view .lead').textContent()).toContain('tesnem stiku');

      // The choice to send is kept too, and "Change your choice" lands on its box.
      const consent = page.locator('contribution-offer #consent');
      await consent.check();
      await page.locator('advice-view button', { hasText: 'Spremeni odgovore' }).click();
      await expect.poll(() => heading(page).textContent()).toContain('Vprašanja o vašem počutju');
      expect(await chosen(page)).toEqual({ ...answers, 'q-contact': ['yes'] });
      const change = page.locator('report-form button', { hasText: 'Spremeni odločitev' });
      await change.waitFor();
      await expectAccessible(page, 'the questions again, with the choice to send');
      await change.click();
      await expect.poll(() => isFocused(page, consent)).toBe(true);
      expect(await heading(page).textContent()).toContain('Ostanite doma in spremljajte simptome');
      expect(await consent.isChecked()).toBe(true);
      const box = await consent.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height, 'the consent box is on screen').toBe(true);

      // No answer in the address or in the history entries: only the step's name.
      expect(page.url()).toBe(`${service().url}/`);
      expect(await page.evaluate(() => history.state)).toEqual({ step: 'advice' });

      // A reload forgets the answers, whatever step its entry was.
      await page.reload();
      await expect.poll(() => heading(page).textContent()).toContain('Vprašanja o vašem počutju');
      expect(Object.values(await chosen(page)).flat()).toEqual([]);
      await expectPrivatePage(watched, service().url);
    });
  });

  it('keeps the step in the history when the language changes', async () => {
    await withPage(openPage(browser(), 1280), async (page, watched) => {
      await page.goto(`${service().url}/`);
      await answer(page, { warningSigns: 'none', ageBand: '0-14', symptoms: 'none', contact: 'unknown', test: 'not_tested' });
      await page.locator('report-form button[type="submit"]').click();
      await expect.poll(() => heading(page).textContent()).toContain('Ni znakov bolezni');
      await page.locator('locale-switch button').click();
      await expect.poll(() => heading(page).textContent()).toContain('No signs of illness');
      expect(await page.locator('advice-view .lead').textContent()).toContain('do not know of any contact');
      await page.goBack();
      await expect.poll(() => heading(page).textContent()).toContain('Questions about how you feel');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
      await page.goForward();
      await expect.poll(() => heading(page).textContent()).toContain('No signs of illness');
      await expectPrivatePage(watched, service().url);
    });
  });
});
