import { configureLocalization } from '@lit/localize';
import { en } from './locales/en.js';
import { templatesOf } from './translation.js';

/** The interface languages; the first is the default and the source of every message. */
export const LOCALES = ['sl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sl';

/** The BCP 47 tag dates and numbers are written in, per language. */
const INTL_LOCALES: Record<Locale, string> = { sl: 'sl-SI', en: 'en-GB' };

/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { sl: 'Slovenščina', en: 'English' };

// English ships with the page (a few KB) so switching works on a dropped connection too.
const { getLocale, setLocale } = configureLocalization({
  sourceLocale: DEFAULT_LOCALE,
  targetLocales: LOCALES.filter((l) => l !== DEFAULT_LOCALE),
  loadLocale: async () => ({ templates: templatesOf(en) }),
});

function isLocale(value: string | null): value is Locale {
  return (LOCALES as readonly (string | null)[]).includes(value);
}

export function currentLocale(): Locale {
  const locale = getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/**
 * Switches the interface language, sets `<html lang>` and keeps the choice in the address
 * (`?lang=en`) so a reload or a shared link keeps it: the page remembers nothing else.
 */
export async function switchLocale(locale: Locale): Promise<void> {
  await setLocale(locale);
  document.documentElement.lang = locale;
  showLocaleInAddress();
}

/** Puts the current language in the address, keeping the history entry's state (the report flow's step). */
function showLocaleInAddress(): void {
  const locale = currentLocale();
  const url = new URL(location.href);
  if (locale === DEFAULT_LOCALE) url.searchParams.delete('lang');
  else url.searchParams.set('lang', locale);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}

/** The BCP 47 tag of the current language, for Intl. */
export function intlLocale(): string {
  return INTL_LOCALES[currentLocale()];
}

/** The language the page was opened in: `?lang=` of its address, else the default. */
export function startLocalization(): Promise<void> {
  const requested = new URL(location.href).searchParams.get('lang');
  // Back and Forward within the page keep the language chosen since, and say so in the address.
  window.addEventListener('popstate', showLocaleInAddress);
  return switchLocale(isLocale(requested) ? requested : DEFAULT_LOCALE);
}

/** A link to one of our pages in the current language. */
export function pageHref(path: string): string {
  const locale = currentLocale();
  return locale === DEFAULT_LOCALE ? path : `${path}?lang=${locale}`;
}
