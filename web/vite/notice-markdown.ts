import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import type { Plugin } from 'vite';

/** The line in a notice that ends its first layer (shown above the questions). */
export const MORE_MARKER = '<!-- more -->';

export interface NoticeModule {
  /** The text of the notice's first-level heading. */
  title: string;
  /** HTML of the first layer: who, why, what and the risks, in about a hundred words. */
  firstLayer: string;
  /** HTML of the rest of the notice, which follows the first layer. */
  rest: string;
}

/**
 * Splits a notice into its title, first layer and the rest, each as HTML. The placeholders
 * (`{controllerName}`, `{if x}`, `{no x}`) stay as they are: the page fills them in from
 * the instance's configuration (web/notice-fill.ts), which works block by block and so
 * needs lists that are not nested.
 */
export function renderNotice(markdown: string): NoticeModule {
  const text = markdown.replace(/\r\n/g, '\n');
  const heading = /^# (.+)\n/m.exec(text);
  if (!heading) throw new Error('a notice starts with a "# " heading');
  const lines = text.slice(heading.index + heading[0].length).split('\n');
  const marker = lines.findIndex((line) => line.trim() === MORE_MARKER);
  if (marker < 0) throw new Error(`a notice has a line "${MORE_MARKER}" after its first layer`);
  const parse = (md: string) => {
    const html = marked.parse(md, { async: false, gfm: true });
    if (/<li>(?:(?!<\/li>)[\s\S])*<(?:ul|ol)\b/.test(html)) throw new Error('a notice has a nested list');
    return html;
  };
  return {
    title: heading[1]!.trim(),
    firstLayer: parse(lines.slice(0, marker).join('\n')),
    rest: parse(lines.slice(marker + 1).join('\n')),
  };
}

const PART = /^(.+\.md)\?(first-layer|rest)$/;

/**
 * Lets the web code `import { title, html } from '../dpia/notice.sl.md?first-layer'` (or
 * `?rest`): the notice is turned into HTML at build time, so the page and the DPIA cannot
 * disagree, and no markdown parser ships to the browser.
 */
export function noticeMarkdown(): Plugin {
  return {
    name: 'notice-markdown',
    load(id) {
      const match = PART.exec(id);
      if (!match) return null;
      const [, file, part] = match as unknown as [string, string, 'first-layer' | 'rest'];
      this.addWatchFile(file);
      const notice = renderNotice(readFileSync(file, 'utf8'));
      const html = part === 'first-layer' ? notice.firstLayer : notice.rest;
      return `export const title = ${JSON.stringify(notice.title)};\nexport const html = ${JSON.stringify(html)};`;
    },
  };
}
