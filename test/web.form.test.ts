import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  agreeToSend,
  answer,
  chooseRadio,
  expectAccessible,
  expectNoHorizontalScroll,
  expectPrivatePage,
  isFocused,
  openPage,
  screenshot,
  sharedBrowser,
  SKIP_BROWSER_TESTS,
  tabTo,
  tick,
} from './support/browser.js';
import { startTestService, TEST_POW, type TestService } from './support/service.js';
import { onOwnService } from './support/own-service.js';

// Expected texts come from dpia/ or are written out here, not taken from web/, so the page
// cannot agree with itself by construction.
function noticeTitle(locale: 'sl' | 'en'): string {
  const markdown = readFileSync(new URL(`../dpia/notice.${locale}.md`, import.meta.url), 'utf8');
  return /^# (.+)$/m.exec(markdown)![1]!.trim();
}

/** The service's clock: half past midnight on 25 November in Ljubljana, still the 24th in UTC. */
const CLOCK = Date.UTC(2026, 10, 24, 23, 30);
const LJUBLJANA_DAY = '2026-11-25';

function countedRows(service: TestService): { day: string; area: string; metric: string; n: number }[] {
  const db = new Database(service.databasePath, { readonly: true });
  try {
    return db.prepare('SELECT day, area, metric, n FROM counts ORDER BY metric').all() as never[];
  } finally {
    db.close();
  }
}

/** The h1 of the current step, in the report flow's shadow root. */
const heading = (page: Page) => page.locator('report-app h1');

describe.skipIf(SKIP_BROWSER_TESTS)('the report form in a browser', { timeout: 30_000 }, () => {
  const browser = sharedBrowser();

  it('in Slovenian, with the keyboard only: advice at once, then sent with its own consent and counted exactly once', async () => {
    await onOwnService(startTestService({}, { forbiddenInLogs: ['SI-017', 'fever', 'cough', '25-34'], now: () => CLOCK }), openPage(browser()), async ({ page, watched, service }) => {
      const response = await page.goto(`${service.url}/`);
      // The service's strict CSP is on, so "no console error" below means the page works under it.
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await expect.poll(() => heading(page).textContent()).toContain('Vprašanja o vašem počutju');
      expect(await page.getAttribute('html', 'lang')).toBe('sl');
      // The notice's first layer stands above the questions.
      expect(await page.locator('layered-notice h2').textContent()).toBe(noticeTitle('sl'));
      await expectAccessible(page, 'step 1 (sl)');
      await expectNoHorizontalScroll(page, 'step 1');
      await screenshot(page, 'web-sl-1-questions');

      // The warning signs come first, then the other questions.
      const questions = page.locator('report-form [id^="q-"]');
      await questions.nth(2).waitFor();
      expect((await questions.evaluateAll((els) => els.map((e) => e.id)))[0]).toBe('q-warningSigns');
      await tick(page, page.locator('#q-warningSigns input[name="none"]'));
      await chooseRadio(page, page.locator('#q-ageBand'), '25-34');
      // Onset is asked only once there is a symptom; the municipality not at all before the advice.
      expect(await page.locator('#q-onset').count()).toBe(0);
      expect(await page.locator('#q-area').count()).toBe(0);
      await tick(page, page.locator('#q-symptoms input[value="fever"]'));
      await tick(page, page.locator('#q-symptoms input[value="cough"]'));
      await chooseRadio(page, page.locator('#q-onset'), '1-3d');
      await chooseRadio(page, page.locator('#q-contact'), 'no');
      await chooseRadio(page, page.locator('#q-test'), 'not_tested');
      await expectAccessible(page, 'step 1 answered (sl)');
      await tabTo(page, page.locator('report-form button[type="submit"]'));
      await page.keyboard.press('Enter');

      // Step 2: fever and cough at 25-34 meet the COVID-like illness definition; nothing was sent for it.
      await expect.poll(() => heading(page).textContent()).toContain('Ostanite doma in se testirajte');
      expect(await isFocused(page, heading(page))).toBe(true);
      const adviceText = (await page.locator('advice-view .lead, advice-view ol').allTextContents()).join(' ');
      expect(adviceText).toContain('dogovorite za test');
      expect(adviceText).not.toMatch(/pozitiv/);
      expect(watched.requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/'))).toEqual([]);
      expect(await page.locator('advice-view a[href="/dashboard"]').count()).toBe(1);
      await expectAccessible(page, 'step 2 (sl)');
      await screenshot(page, 'web-sl-2-advice');

      // The separate offer: its own unticked box; the municipality, typed without diacritics.
      const consent = page.locator('contribution-offer #consent');
      expect(await consent.isChecked()).toBe(false);
      await tick(page, consent);
      const area = page.locator('#q-area input[role="combobox"]');
      await tabTo(page, area);
      // Down arrow opens the whole list, Escape closes it.
      await page.keyboard.press('ArrowDown');
      expect(await area.getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('#q-area [role="option"]').count()).toBe(212);
      await expectAccessible(page, 'step 2 with the whole municipality list open');
      await page.keyboard.press('Escape');
      expect(await area.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.type('crnomelj');
      const option = page.locator('#q-area [role="option"]', { hasText: 'Črnomelj' });
      await option.waitFor();
      expect(await option.getAttribute('aria-selected')).toBe('true');
      expect(await area.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
      await expectAccessible(page, 'step 2 with the municipality list open');
      await screenshot(page, 'web-sl-2-combobox');
      await page.keyboard.press('Enter');
      expect(await area.inputValue()).toBe('Črnomelj');

      await tabTo(page, page.locator('contribution-offer button', { hasText: 'Pošlji odgovore' }));
      await page.keyboard.press('Enter');
      const status = page.locator('contribution-offer [role="status"]');
      await expect.poll(() => status.textContent()).toContain('prišteti v statistiko');
      await expectAccessible(page, 'step 2, counted (sl)');
      await expectNoHorizontalScroll(page, 'step 2');
      await screenshot(page, 'web-sl-2-counted');

      const posts = watched.requests.filter((r) => r.method() !== 'GET');
      expect(posts.map((r) => `${r.method()} ${new URL(r.url()).pathname}`)).toEqual(['POST /api/v1/reports']);
      expect(JSON.parse(posts[0]!.postData()!)).toEqual({
        consent: true,
        warningSigns: [],
        area: 'SI-017',
        ageBand: '25-34',
        symptoms: ['fever', 'cough'],
        onset: '1-3d',
        contact: 'no',
        test: 'not_tested',
      });
      await expectPrivatePage(watched, service.url);
    }, (service) => {
      // Exactly this report's increments, computed here by hand from the case definitions.
      const expected = [
        'reports',
        'age:25-34',
        'symptom:fever',
        'symptom:cough',
        'symptomatic',
        'age:25-34:symptomatic',
        'onset:1-3d',
        'contact:no',
        'test:not_tested',
        'cli',
        'age:25-34:cli',
        'ili',
        'covid_criteria',
        'guidance:isolate_and_test',
      ];
      const rows = countedRows(service);
      expect(rows.map((r) => r.metric).sort()).toEqual([...expected].sort());
      expect(rows.every((r) => r.n === 1 && r.area === 'SI-017' && r.day === LJUBLJANA_DAY)).toBe(true);
    });
  });

  it('in English, without consent: the advice is shown and no request carries the answers', async () => {
    await onOwnService(startTestService(), openPage(browser()), async ({ page, watched, service }) => {
      await page.goto(`${service.url}/`);
      await expect.poll(() => heading(page).textContent()).toContain('Vprašanja o vašem počutju');
      const switcher = page.locator('locale-switch button');
      await tabTo(page, switcher);
      await page.keyboard.press('Enter');
      await expect.poll(() => heading(page).textContent()).toContain('Questions about how you feel');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
      expect(await page.locator('layered-notice h2').textContent()).toBe(noticeTitle('en'));
      await expectAccessible(page, 'step 1 (en)');

      // Submitting with nothing answered: a summary takes the focus, each question shows its error.
      await tabTo(page, page.locator('report-form button[type="submit"]'), 120);
      await page.keyboard.press('Enter');
      const summary = page.locator('report-form #summary');
      await summary.waitFor();
      expect(await isFocused(page, summary)).toBe(true);
      expect(await summary.getByRole('link').count()).toBe(5);
      for (const name of ['warningSigns', 'ageBand', 'symptoms', 'contact', 'test']) {
        const fieldset = page.locator(`#q-${name} fieldset`);
        expect((await fieldset.getAttribute('aria-describedby'))?.split(' ')).toContain('error');
        expect(await page.locator(`#q-${name} #error`).textContent()).toMatch(/\S/);
      }
      await expectAccessible(page, 'step 1 with errors (en)');
      await screenshot(page, 'web-en-1-errors');
      // A summary link takes the focus to its question: the warning signs, at the top.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await isFocused(page, page.locator('#q-warningSigns input').first())).toBe(true);

      await tick(page, page.locator('#q-warningSigns input[name="none"]'));
      await chooseRadio(page, page.locator('#q-ageBand'), '35-44');
      await tick(page, page.locator('#q-symptoms input[value="headache"]'));
      await chooseRadio(page, page.locator('#q-onset'), 'today');
      await chooseRadio(page, page.locator('#q-contact'), 'unknown');
      await chooseRadio(page, page.locator('#q-test'), 'pending');
      expect(await page.locator('report-form #summary').count()).toBe(0);
      await tabTo(page, page.locator('report-form button[type="submit"]'));
      await page.keyboard.press('Enter');

      await expect.poll(() => heading(page).textContent()).toContain('Stay at home and watch your symptoms');
      // Worded for a pending test: no advice to get one.
      const advice = (await page.locator('advice-view .lead, advice-view ol').allTextContents()).join(' ');
      expect(advice).toContain('until you have your test result');
      expect(advice).not.toContain('arrange a test');
      expect(await page.locator('contribution-offer #consent').isChecked()).toBe(false);
      await expectAccessible(page, 'step 2 (en)');
      await screenshot(page, 'web-en-2-advice');

      // Only the page's own files were fetched: no API call, no answer in any address.
      const paths = watched.requests.map((r) => new URL(r.url()).pathname);
      expect(watched.requests.every((r) => r.method() === 'GET')).toBe(true);
      expect(paths.filter((p) => p.startsWith('/api/'))).toEqual([]);
      for (const answer of ['headache', '35-44', 'pending', 'unknown']) {
        expect(watched.requests.filter((r) => r.url().includes(answer))).toEqual([]);
      }
      await expectPrivatePage(watched, service.url);
    }, (service) => {
      expect(countedRows(service)).toEqual([]);
    });
  });

  it('shows the emergency advice at once when a warning sign is ticked, at 320 px', async () => {
    await onOwnService(startTestService(), openPage(browser(), 320), async ({ page, watched, service }) => {
      await page.goto(`${service.url}/`);
      await page.locator('#q-warningSigns input[value="chest_pain"]').check();

      const alert = page.locator('emergency-check [role="alert"]').filter({ has: page.locator('a[href="tel:112"]') });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('112');
      await expectAccessible(page, 'step 1 with a warning sign');
      await expectNoHorizontalScroll(page, 'step 1 at 320 px');
      await screenshot(page, 'web-sl-1-warning');

      // "None of these" excludes the signs, and the other way round.
      await page.locator('#q-warningSigns input[name="none"]').check();
      expect(await page.locator('#q-warningSigns input[value="chest_pain"]').isChecked()).toBe(false);
      expect(await alert.count()).toBe(0);
      await page.locator('#q-warningSigns input[value="chest_pain"]').check();
      expect(await page.locator('#q-warningSigns input[name="none"]').isChecked()).toBe(false);

      await answer(page, { ageBand: '45-54', symptoms: 'none', contact: 'no', test: 'not_tested' });
      await page.locator('report-form button[type="submit"]').click();

      await expect.poll(() => heading(page).textContent()).toContain('Pokličite 112 zdaj');
      expect(await page.locator('advice-view .urgent a[href="tel:112"]').count()).toBe(1);
      await expectAccessible(page, 'step 2, emergency');
      await expectNoHorizontalScroll(page, 'step 2 at 320 px');
      await screenshot(page, 'web-sl-2-emergency');
      await expectPrivatePage(watched, service.url);
    });
  });

  it('solves the service’s proof of work in the browser when it is on, and the report is counted', async () => {
    await onOwnService(startTestService(TEST_POW), openPage(browser()), async ({ page, watched, service }) => {
      await page.goto(`${service.url}/`);
      await answer(page, { warningSigns: 'none', ageBand: '75+', symptoms: 'none', contact: 'yes', test: 'negative' });
      await page.locator('report-form button[type="submit"]').click();
      await expect.poll(() => heading(page).textContent()).toContain('Po stiku bodite previdni');
      await agreeToSend(page, 'Ljubljana');
      await page.locator('contribution-offer button', { hasText: 'Pošlji odgovore' }).click();
      await expect.poll(() => page.locator('contribution-offer [role="status"]').textContent()).toContain('prišteti v statistiko');
      const post = watched.requests.find((r) => r.method() === 'POST');
      expect(post?.headers()['x-altcha']).toBeTruthy();
      await expectPrivatePage(watched, service.url);
    }, (service) => {
      const rows = countedRows(service);
      expect(rows.find((r) => r.metric === 'reports')?.n).toBe(1);
      expect(rows.find((r) => r.metric === 'guidance:quarantine_after_contact')?.n).toBe(1);
    });
  });

  it('shows the whole notice at /privacy in both languages, its first layer first', async () => {
    await onOwnService(startTestService(), openPage(browser()), async ({ page, watched, service }) => {
      const more = (locale: 'sl' | 'en') => {
        const markdown = readFileSync(new URL(`../dpia/notice.${locale}.md`, import.meta.url), 'utf8');
        return /^## (.+)$/m.exec(markdown.split('<!-- more -->')[1]!)![1]!.trim();
      };
      await page.goto(`${service.url}/privacy`);
      const notice = page.locator('privacy-page article');
      await expect.poll(() => notice.textContent()).toContain(more('sl'));
      expect(await notice.textContent()).toContain(noticeTitle('sl'));
      await expectAccessible(page, '/privacy (sl)');
      await screenshot(page, 'web-sl-privacy');
      await page.locator('locale-switch button').click();
      await expect.poll(() => notice.textContent()).toContain(more('en'));
      expect(await notice.textContent()).toContain(noticeTitle('en'));
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await expectAccessible(page, '/privacy (en)');
      await expectPrivatePage(watched, service.url);
    });
  });
});
