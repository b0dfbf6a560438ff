import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import type { Plugin } from 'vite';

/** The line in a notice that ends its essential part (shown before the questions). */
export const MORE_MARKER = '<!-- more -->';

export interface NoticeModule {
  /** The text of the notice's first-level heading. */
  title: string;
  /** HTML of the essential part, without the title. */
  essential: string;
  /** HTML of the whole notice, without the title. */
  full: string;
}

/** Splits a notice into its title, essential part and whole text, each as HTML. */
export function renderNotice(markdown: string): NoticeModule {
  const text = markdown.replace(/\r\n/g, '\n');
  const heading = /^# (.+)\n/m.exec(text);
  if (!heading) throw new Error('a notice starts with a "# " heading');
  const body = text.slice(heading.index + heading[0].length);
  const marker = body.split('\n').findIndex((line) => line.trim() === MORE_MARKER);
  if (marker < 0) throw new Error(`a notice has a line "${MORE_MARKER}" after its essential part`);
  const lines = body.split('\n');
  const parse = (md: string) => marked.parse(md, { async: false, gfm: true });
  return {
    title: heading[1]!.trim(),
    essential: parse(lines.slice(0, marker).join('\n')),
    full: parse([...lines.slice(0, marker), ...lines.slice(marker + 1)].join('\n')),
  };
}

const PART = /^(.+\.md)\?(essential|full)$/;

/**
 * Lets the web code `import { title, html } from '../dpia/notice.sl.md?essential'` (or
 * `?full`): the notice is turned into HTML at build time, so the page and the DPIA cannot
 * disagree, and no markdown parser ships to the browser. The two parts are separate
 * modules so the form does not carry the whole notice.
 */
export function noticeMarkdown(): Plugin {
  return {
    name: 'notice-markdown',
    load(id) {
      const match = PART.exec(id);
      if (!match) return null;
      const [, file, part] = match as unknown as [string, string, 'essential' | 'full'];
      this.addWatchFile(file);
      const notice = renderNotice(readFileSync(file, 'utf8'));
      return `export const title = ${JSON.stringify(notice.title)};\nexport const html = ${JSON.stringify(notice[part])};`;
    },
  };
}
