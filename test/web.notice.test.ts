import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderNotice } from '../web/vite/notice-markdown.js';

const source = (locale: string) => readFileSync(new URL(`../dpia/notice.${locale}.md`, import.meta.url), 'utf8');

describe('the notices from dpia/, as the pages show them', () => {
  for (const locale of ['sl', 'en']) {
    it(`splits the ${locale} notice into its essential part and the whole`, () => {
      const markdown = source(locale);
      const [before, after] = markdown.split('<!-- more -->') as [string, string];
      const notice = renderNotice(markdown);
      expect(notice.title).toBe(/^# (.+)$/m.exec(markdown)![1]!.trim());
      const firstLater = /^## (.+)$/m.exec(after)![1]!.trim();
      const lastEssential = [...before.matchAll(/^## (.+)$/gm)].at(-1)![1]!.trim();
      expect(notice.essential).toContain(lastEssential);
      expect(notice.essential).not.toContain(firstLater);
      expect(notice.full).toContain(lastEssential);
      expect(notice.full).toContain(firstLater);
      expect(notice.full).not.toContain('<!-- more -->');
      expect(notice.essential).not.toMatch(/<h1|<script|<style| style=/);
    });
  }

  it('refuses a notice without its marker', () => {
    expect(() => renderNotice('# Title\n\nText\n')).toThrow(/<!-- more -->/);
  });
});
