import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_LANGUAGES } from '../server/operator.js';
import type { PageInstance } from '../server/page-instance.js';
import { LOCALES } from '../web/localization.js';
import { fillNotice, NOTICE_FIELDS, noticeValues } from '../web/notice-fill.js';
import { renderNotice } from '../web/vite/notice-markdown.js';
import { TEST_OPERATOR } from './support/operator.js';

const source = (locale: string) => readFileSync(new URL(`../dpia/notice.${locale}.md`, import.meta.url), 'utf8');
const INTL = { sl: 'sl-SI', en: 'en-GB' } as const;

const DEMONSTRATION: PageInstance = { operator: null, collectionEnds: null, timeZone: 'Europe/Ljubljana', synthetic: false };
const OPERATED: PageInstance = { operator: TEST_OPERATOR, collectionEnds: '2026-06-30T22:00:00.000Z', timeZone: 'Europe/Ljubljana', synthetic: false };

/** The words a reader reads in some HTML. */
function words(html: string): string[] {
  const text = html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&[a-z]+;|&#\d+;/g, ' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\d]/u.test(word));
}

describe('the notices from dpia/, as the pages show them', () => {
  for (const locale of ['sl', 'en'] as const) {
    it(`splits the ${locale} notice into its first layer and the rest`, () => {
      const markdown = source(locale);
      const [before, after] = markdown.split('<!-- more -->') as [string, string];
      const notice = renderNotice(markdown);
      expect(notice.title).toBe(/^# (.+)$/m.exec(markdown)![1]!.trim());
      const firstLater = /^## (.+)$/m.exec(after)![1]!.trim();
      const lastFirst = [...before.matchAll(/^- \*\*(.+?)\*\*/gm)].at(-1)![1]!.trim();
      expect(notice.firstLayer).toContain(lastFirst);
      expect(notice.firstLayer).not.toContain(firstLater);
      expect(notice.rest).toContain(firstLater);
      expect(notice.rest).not.toContain(lastFirst);
      expect(notice.firstLayer + notice.rest).not.toMatch(/<h1|<script|<style| style=|<!--/);
    });

    for (const [mode, instance] of [
      ['a demonstration instance', DEMONSTRATION],
      ['an operated instance', OPERATED],
    ] as const) {
      it(`keeps the ${locale} first layer to about a hundred words on ${mode}, with no placeholder left`, () => {
        const notice = renderNotice(source(locale));
        const values = noticeValues(instance, locale, INTL[locale]);
        const first = fillNotice(notice.firstLayer, values);
        expect(words(first).length + words(notice.title).length, first).toBeLessThanOrEqual(100);
        for (const html of [first, fillNotice(notice.rest, values)]) {
          expect(html).not.toMatch(/[{}[\]]/);
        }
      });
    }

    it(`names the controller and its contacts on an operated instance, and no controller on a demonstration (${locale})`, () => {
      const notice = renderNotice(source(locale));
      const operated = fillNotice(notice.firstLayer + notice.rest, noticeValues(OPERATED, locale, INTL[locale]));
      const name = (TEST_OPERATOR.controllerName as Record<string, string>)[locale]!;
      expect(operated).toContain(name.replace('&', '&amp;'));
      expect(operated).toContain('<a href="mailto:dpo@preskus.example">dpo@preskus.example</a>');
      expect(operated).toContain(locale === 'sl' ? 'Slovenija' : 'Slovenia');
      expect(operated).toContain(locale === 'sl' ? '1. december 2026' : '1 December 2026');
      // The end of collection, in the service's time zone: midnight at the start of 1 July.
      expect(operated).toContain(locale === 'sl' ? '1. julij 2026' : '1 July 2026');
      expect(operated).toContain('Gostitelj &quot;Oblak&quot; d.o.o.');

      const demonstration = fillNotice(notice.firstLayer + notice.rest, noticeValues(DEMONSTRATION, locale, INTL[locale]));
      expect(demonstration).not.toContain(name.replace('&', '&amp;'));
      expect(demonstration).not.toContain('dpo@preskus.example');
      expect(demonstration).toMatch(locale === 'sl' ? /predstavitven/ : /demonstration/);
      // A section with nothing left to say goes, heading and all.
      expect(demonstration).not.toMatch(/<h2>[^<]*<\/h2>\s*(<h2>|$)/);
    });
  }

  it('uses only placeholders the pages can fill', () => {
    for (const locale of LOCALES) {
      const names = [...source(locale).matchAll(/\{(?:(?:if|no) )?(\w+)\}/g)].map((m) => m[1]!);
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => !(NOTICE_FIELDS as string[]).includes(name)), `unknown placeholders in notice.${locale}.md`).toEqual([]);
    }
  });

  it('has a text for each language of the pages in the operator’s identity', () => {
    expect([...PAGE_LANGUAGES]).toEqual([...LOCALES]);
  });

  it('refuses a notice without its marker, or with a nested list', () => {
    expect(() => renderNotice('# Title\n\nText\n')).toThrow(/<!-- more -->/);
    expect(() => renderNotice('# Title\n\n- a\n  - b\n\n<!-- more -->\n\nRest\n')).toThrow(/nested list/);
  });
});

describe('filling a notice in', () => {
  const values = new Map([
    ['controllerName', 'Zavod'],
    ['dpoEmail', '<a href="mailto:d@x.si">d@x.si</a>'],
  ]);

  it('fills values and drops each list item or paragraph that names a value not configured', () => {
    const html = '<ul>\n<li>Run by {controllerName}.</li>\n<li>Code: {sourceCode}.</li>\n</ul>\n<p>Ask {dpoEmail}.</p>\n<p>Post: {dpoAddress}.</p>\n';
    expect(fillNotice(html, values)).toBe('<ul>\n<li>Run by Zavod.</li>\n\n</ul>\n<p>Ask <a href="mailto:d@x.si">d@x.si</a>.</p>\n\n');
  });

  it('keeps {no name} blocks only without the value, {if name} blocks only with it, and shows neither marker', () => {
    const html = '<p>{no controllerName}A demonstration.</p><p>{if controllerName}{no hostingProvider}Own servers.</p><p>{no dpoEmail}No DPO.</p>';
    expect(fillNotice(html, values)).toBe('<p>Own servers.</p>');
    expect(fillNotice(html, new Map())).toBe('<p>A demonstration.</p><p>No DPO.</p>');
  });

  it('drops a list or a section left empty', () => {
    const html = '<h2>Contact</h2>\n<ul>\n<li>{dpoAddress}</li>\n</ul>\n<h2>Security</h2>\n<p>Counters only.</p>\n<h2>Law</h2>\n<p>{legalBasis}</p>\n';
    expect(fillNotice(html, values)).toBe('<h2>Security</h2>\n<p>Counters only.</p>\n');
  });

  it('writes configured texts as text, never as markup or placeholders', () => {
    const operator = { ...TEST_OPERATOR, controllerName: '<script>x</script> {dpoEmail}' };
    const filled = noticeValues({ ...OPERATED, operator }, 'en', 'en-GB');
    expect(filled.get('controllerName')).toBe('&lt;script&gt;x&lt;/script&gt; &#123;dpoEmail&#125;');
    expect(fillNotice('<p>{controllerName}</p>', filled)).toBe('<p>&lt;script&gt;x&lt;/script&gt; &#123;dpoEmail&#125;</p>');
  });
});
