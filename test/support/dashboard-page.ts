import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage, type WatchedPage } from './browser.js';

// How the dashboards write numbers, spelled out here from Intl and the rules, not
// taken from web/, so a page cannot agree with itself by construction.

export type Lang = 'sl' | 'en';
const INTL: Record<Lang, string> = { sl: 'sl-SI', en: 'en-GB' };

export function writing(lang: Lang) {
  const locale = INTL[lang];
  return {
    count: (n: number) => new Intl.NumberFormat(locale).format(n),
    percent: (share: number) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share),
    estimate: (n: number) => new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 }).format(n),
  };
}

/** Waits for a value the page reaches by itself (after a fetch, a render), up to 10 seconds. */
export const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** Text as shown, with any run of spaces (no-break spaces in `25,9 %` among them) as one space. */
export const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * What the eye reads in an element: its text without the parts only a screen reader hears
 * (`.visually-hidden`) and without the parts not displayed at this width.
 */
export async function shown(locator: Locator): Promise<string> {
  const text = await locator.evaluate((element) => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && parent.checkVisibility() && !parent.closest('.visually-hidden')) parts.push(node.textContent ?? '');
    }
    return parts.join('');
  });
  return squash(text);
}

/** A count column: the number, or `<10` where the area-period had fewer than 10 reports. */
export function countShown(lang: Lang, value: number | null, missing: string | null): string {
  if (value !== null) return writing(lang).count(value);
  if (missing === 'below_minimum') return '<10';
  throw new Error(`no marker for ${missing}`);
}

/**
 * A fresh page on the dashboard at a width. With `clockAt`, the page's clock starts there and
 * is the test's to move; `init` runs in the page before its own scripts.
 */
export async function openDashboard(
  browser: Browser,
  url: string,
  path: string,
  options: { width?: number; clockAt?: number; init?: () => void } = {},
): Promise<WatchedPage> {
  const watched = await openPage(browser, options.width ?? 1280);
  if (options.clockAt !== undefined) await watched.page.clock.install({ time: options.clockAt });
  if (options.init) await watched.page.addInitScript(options.init);
  const response = await watched.page.goto(`${url}${path}`);
  // The service's strict CSP is on, so "no console error" means the page works under it.
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  return watched;
}

/** Waits until every part of the page has its numbers (no "loading" line left). */
export async function settled(page: Page): Promise<void> {
  await page.locator('dashboard-app main').waitFor();
  await eventually(() => page.locator('.wait').count()).toBe(0);
}
