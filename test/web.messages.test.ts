import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { en } from '../web/locales/en.js';
import { switchLocale } from '../web/localization.js';
import { sl, t } from '../web/messages.js';
import { plural } from '../web/plural.js';
import { templatesOf } from '../web/translation.js';

// What switching the language touches outside lit-localize, as a page has it: lit-localize
// announces the new language on `window`, the page sets <html lang> and keeps the language in
// the address.
beforeAll(() => {
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  vi.stubGlobal('location', new URL('https://example.org/dashboard'));
  vi.stubGlobal('history', { state: null, replaceState: () => undefined });
});
afterAll(() => vi.unstubAllGlobals());

describe('the interface text', () => {
  it('writes a count in the form each language gives it: Slovenian 1, 2, 3, 5; English 1, 2', async () => {
    await switchLocale('sl');
    expect([1, 2, 3, 5].map((n) => plural('dash.n.reports', n))).toEqual(['1 poročilo', '2 poročili', '3 poročila', '5 poročil']);
    expect([101, 102, 104, 111].map((n) => plural('dash.table.more', n))).toEqual([
      'Pokaži še 101 vrstico',
      'Pokaži še 102 vrstici',
      'Pokaži še 104 vrstice',
      'Pokaži še 111 vrstic',
    ]);
    expect(plural('dash.fig.fewReports', 3, { min: 30 })).toBe('Delež se izračuna iz vsaj 30 poročil; za to obdobje so objavljena le 3 poročila.');
    await switchLocale('en');
    expect([1, 2].map((n) => plural('dash.n.reports', n))).toEqual(['1 report', '2 reports']);
    expect(plural('dash.fig.fewReports', 1, { min: 30 })).toBe('A share needs at least 30 reports; this period published only 1 report.');
  });

  it('fills each placeholder with its own word in either language', async () => {
    const words = { from: 'A', to: 'B', max: 'C', maxDay: 'D', min: 'E', minDay: 'F', last: 'G', lastDay: 'H' };
    await switchLocale('sl');
    expect(t('dash.series.countSummary', words)).toBe('Od A do B: največ C (D), najmanj E (F); zadnje objavljeno G (H).');
    await switchLocale('en');
    expect(t('dash.series.countSummary', words)).toBe('From A to B: at most C (D), at least E (F); latest published G (H).');
    expect(t('dash.policy.belowMinimumRule', { n: 10 })).toBe(
      'Below 10 reports nothing is shown: where an area has fewer than 10 reports in a period, only that is published (the marker <10).',
    );
  });

  it('has every count in exactly the forms each language’s plural rules give', () => {
    for (const [messages, locale] of [
      [sl, 'sl-SI'],
      [en, 'en-GB'],
    ] as const) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const counts = Object.entries(messages).filter(([, message]) => typeof message === 'object');
      expect(counts.length).toBeGreaterThan(0);
      for (const [id, forms] of counts) expect(Object.keys(forms).sort(), `${locale} ${id}`).toEqual([...categories].sort());
    }
  });

  it('translates every message into English, each word one the Slovenian has', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sl).sort());
    for (const [id, template] of Object.entries(templatesOf(en))) {
      if (typeof template === 'string') expect(template, id).toMatch(/\S/);
      else {
        expect(template.strings.join(''), id).toMatch(/\S/);
        for (const position of template.values) expect(position, id).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
