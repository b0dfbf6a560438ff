import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Config } from '../server/config.js';
import { answer, deepText, expectAccessible, expectPrivatePage, openPage, sharedBrowser, SKIP_BROWSER_TESTS } from './support/browser.js';
import { TEST_OPERATOR } from './support/operator.js';
import { startTestService } from './support/service.js';
import { onOwnService } from './support/own-service.js';

// What a resident must see, in the words of the issue and of the operator's configuration.
const BANNER = { sl: /Predstavitvena kopija/, en: /demonstration copy/ } as const;
const CONTROLLER = TEST_OPERATOR.controllerName as { sl: string; en: string };

/** Every page a resident can reach, each as it is shown, with the text of each. */
async function everyPage(page: Page, url: string, locale: 'sl' | 'en'): Promise<Record<string, string>> {
  const query = locale === 'en' ? '?lang=en' : '';
  const texts: Record<string, string> = {};
  await page.goto(`${url}/${query}`);
  await page.locator('layered-notice h2').waitFor();
  await page.locator('layered-notice summary').click();
  texts['the questions, with the full notice open'] = await deepText(page);
  await expectAccessible(page, `the questions with the full notice open (${locale})`);
  await answer(page, { warningSigns: 'none', ageBand: '55-64', symptoms: 'none', contact: 'no', test: 'positive' });
  await page.locator('report-form button[type="submit"]').click();
  await page.locator('advice-view').waitFor();
  await page.locator('contribution-offer #consent').check();
  await page.locator('#q-area input').waitFor();
  texts['the advice and the offer'] = await deepText(page);
  await page.goto(`${url}/privacy${query}`);
  await page.locator('privacy-page article h1').waitFor();
  texts['/privacy'] = await deepText(page);
  await page.goto(`${url}/dashboard${query}`);
  await page.locator('dashboard-app site-header').waitFor();
  texts['/dashboard'] = await deepText(page);
  return texts;
}

describe.skipIf(SKIP_BROWSER_TESTS)('who runs the instance, on every page', { timeout: 90_000 }, () => {
  const browser = sharedBrowser();

  const modes: [string, Partial<Config>][] = [
    ['a demonstration instance (no operator configured)', {}],
    ['an operated instance', { operator: TEST_OPERATOR, collectionEnds: new Date('2026-06-30T22:00:00Z') }],
  ];
  for (const [mode, overrides] of modes) {
    it(`on ${mode}: no bracketed or braced placeholder on any page, in either language`, async () => {
      await onOwnService(startTestService(overrides), openPage(browser()), async ({ page, watched, service }) => {
        for (const locale of ['sl', 'en'] as const) {
          const texts = await everyPage(page, service.url, locale);
          for (const [name, text] of Object.entries(texts)) {
            expect(text, `${name} (${locale})`).not.toMatch(/[[\]{}]/);
            if (overrides.operator) {
              expect(text, `no demonstration banner on ${name} (${locale})`).not.toMatch(BANNER[locale]);
            } else {
              expect(text, `the demonstration banner on ${name} (${locale})`).toMatch(BANNER[locale]);
              expect(text, `${name} names no controller (${locale})`).not.toContain(CONTROLLER[locale]);
            }
          }
          const notice = texts['the questions, with the full notice open']!;
          if (overrides.operator) {
            expect(notice).toContain(CONTROLLER[locale]);
            expect(notice).toContain('dpo@preskus.example');
            expect(notice).toContain((TEST_OPERATOR.legalBasis as { sl: string; en: string })[locale]);
            expect(texts['/privacy']).toContain(CONTROLLER[locale]);
          }
        }
        await expectPrivatePage(watched, service.url);
      });
    });
  }
});
