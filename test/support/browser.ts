import { afterAll, beforeAll, expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page, type Request } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Browser tests skip where Chromium is missing, except in CI, where they must run (and fail). */
export const SKIP_BROWSER_TESTS = !existsSync(CHROMIUM_PATH) && !process.env.CI;

/** Where screenshots go (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
/** The built pages the service serves; `npm test` builds them first (pretest). */
export const BUILT_FORM = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));

const AXE_SOURCE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One browser for the tests of a file: launched before them (once the pages are known to be
 * built) and closed after. Call it in a `describe`; the function gives the browser.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    expect(existsSync(BUILT_FORM), 'dist/web is missing: run `npm run build` first').toBe(true);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/**
 * Answers the questions of the form with the mouse, one click each: a value, or `none` for
 * the explicit "none of these" of a question with several answers.
 */
export async function answer(page: Page, answers: Record<string, string | readonly string[]>): Promise<void> {
  for (const [question, given] of Object.entries(answers)) {
    for (const value of typeof given === 'string' ? [given] : given) {
      await page.locator(`#q-${question} input[${value === 'none' ? 'name' : 'value'}="${value}"]`).check();
    }
  }
}

/** Beside the advice: ticks the offer's consent box and chooses a municipality by typing its name. */
export async function agreeToSend(page: Page, municipality: string): Promise<void> {
  await page.locator('contribution-offer #consent').check();
  await page.locator('#q-area input').fill(municipality);
  await page.locator('#q-area [role="option"]', { hasText: municipality }).first().click();
}

/** A page with everything it requested and every problem it reported. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page made, in order. */
  requests: Request[];
  /** Console errors (CSP violations among them) and uncaught exceptions. */
  problems: string[];
}

/** A fresh context (no cookies, no storage) and page at the given width (and height; with a touch screen, for `tap`). */
export async function openPage(browser: Browser, width = 360, options: { height?: number; touch?: boolean } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width, height: options.height ?? 780 },
    deviceScaleFactor: 1,
    locale: 'sl-SI',
    hasTouch: options.touch ?? false,
  });
  const page = await context.newPage();
  const requests: Request[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, requests, problems };
}

/**
 * Runs `use` on a page as it is opened, then closes the page's context, whatever `use` did:
 * no test leaves a page behind in the shared browser.
 */
export async function withPage<T>(opening: Promise<WatchedPage>, use: (page: Page, watched: WatchedPage) => Promise<T>): Promise<T> {
  const watched = await opening;
  try {
    return await use(watched.page, watched);
  } finally {
    await watched.context.close();
  }
}

/** The element that has the focus, looking into shadow roots. */
export function deepActiveElement(page: Page) {
  return page.evaluateHandle(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  });
}

export async function isFocused(page: Page, locator: Locator): Promise<boolean> {
  const active = await deepActiveElement(page);
  try {
    return await locator.evaluate((element, focused) => element === focused, active);
  } finally {
    await active.dispose();
  }
}

/**
 * Presses Tab until the locator has the focus: proves it is reachable with the keyboard,
 * in the page's focus order. Fails after `maxTabs` presses.
 */
export async function tabTo(page: Page, locator: Locator, maxTabs = 60): Promise<void> {
  await locator.waitFor({ state: 'attached' });
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await isFocused(page, locator)) return;
  }
  throw new Error(`not reached with ${maxTabs} Tab presses: ${locator}`);
}

/**
 * Chooses a radio button with the keyboard only: Tab into the group (which lands on the
 * first option when none is chosen), then arrow keys down to the wanted one.
 */
export async function chooseRadio(page: Page, group: Locator, value: string): Promise<void> {
  const radios = group.locator('input[type="radio"]');
  const values = await radios.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  const index = values.indexOf(value);
  if (index < 0) throw new Error(`no option ${value} in ${values.join(', ')}`);
  await tabTo(page, radios.first());
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  if (!(await radios.nth(index).isChecked())) throw new Error(`${value} is not chosen`);
}

/** Ticks a checkbox with the keyboard only. */
export async function tick(page: Page, checkbox: Locator): Promise<void> {
  await tabTo(page, checkbox);
  await page.keyboard.press('Space');
  if (!(await checkbox.isChecked())) throw new Error(`${checkbox} is not ticked`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: unknown[];
}

/**
 * Runs axe-core for WCAG 2.1 A and AA. It is evaluated through the DevTools protocol, not
 * added as a <script>: the service's CSP (script-src 'self') refuses injected scripts.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => n.target) }));
  });
}

/** What the browser kept for the origin: it must all be empty (I5). */
export async function keptInBrowser(watched: WatchedPage) {
  const cookies = await watched.context.cookies();
  const storage = await watched.page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
  return { cookies: cookies.length, ...storage };
}

/** Saves a full-page screenshot under test-artifacts/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** axe-core finds no WCAG 2.1 A/AA violation on what the page shows now. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe on ${view}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Nothing went to another origin, nothing stayed in the browser, no CSP or script error. */
export async function expectPrivatePage(watched: WatchedPage, origin: string): Promise<void> {
  const foreign = watched.requests.map((r) => r.url()).filter((url) => new URL(url).origin !== origin);
  expect(foreign, 'requests to another origin').toEqual([]);
  expect(await keptInBrowser(watched)).toEqual({
    cookies: 0,
    localStorage: 0,
    sessionStorage: 0,
    indexedDB: 0,
    caches: 0,
    serviceWorkers: 0,
  });
  expect(watched.problems, 'console errors (CSP violations among them) and page errors').toEqual([]);
}

/** The page itself does not scroll sideways (WCAG 1.4.10 reflow). */
export async function expectNoHorizontalScroll(page: Page, view: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `horizontal scrolling on ${view}`).toBeLessThanOrEqual(clientWidth);
}

/**
 * All the text of the page, shadow roots included, hidden parts too (a closed `<details>`,
 * an attribute a screen reader reads): what a placeholder check must look through.
 */
export function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const visit = (root: Node) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (node instanceof Element) {
          for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
            const value = node.getAttribute(name);
            if (value) parts.push(value);
          }
          if (node.shadowRoot) visit(node.shadowRoot);
          if (node.tagName !== 'SCRIPT' && node.tagName !== 'STYLE') visit(node);
        }
      }
    };
    visit(document.body);
    parts.push(document.title);
    return parts.join(' ');
  });
}

/** Where an element is in the page (not the viewport): its top and bottom in CSS pixels. */
export async function pageBox(locator: Locator): Promise<{ top: number; bottom: number }> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { top: box.top + window.scrollY, bottom: box.bottom + window.scrollY };
  });
}
