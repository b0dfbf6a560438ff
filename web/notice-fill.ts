import type { OperatorField, PageLanguage } from '../server/operator.js';
import type { PageInstance } from '../server/page-instance.js';

/** A value a notice can name: a field of the operator's identity, or the end of collection. */
export type NoticeField = OperatorField | 'collectionEnds';

type Kind = 'text' | 'email' | 'url' | 'date' | 'country' | 'instant';

/** How each value is written; a field without its kind here is a compile error. */
const KINDS: Record<NoticeField, Kind> = {
  controllerName: 'text',
  controllerAddress: 'text',
  controllerEmail: 'email',
  dpoEmail: 'email',
  dpoAddress: 'text',
  hostingCountry: 'country',
  hostingProvider: 'text',
  legalBasis: 'text',
  sourceCode: 'url',
  noticeDate: 'date',
  collectionEnds: 'instant',
};

/** The names a notice may use in its placeholders. */
export const NOTICE_FIELDS = Object.keys(KINDS) as NoticeField[];

// Braces too, so that a configured value never reads as a placeholder.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '{': '&#123;', '}': '&#125;' };
const escapeHtml = (text: string) => text.replace(/[&<>"'{}]/g, (c) => ESCAPES[c]!);

function written(kind: Kind, value: string, instance: PageInstance, intlLocale: string): string {
  switch (kind) {
    case 'text':
      return escapeHtml(value);
    case 'email':
      return `<a href="mailto:${escapeHtml(value)}">${escapeHtml(value)}</a>`;
    case 'url':
      return `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`;
    case 'date':
      return new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
    case 'country':
      return escapeHtml(new Intl.DisplayNames([intlLocale], { type: 'region' }).of(value) ?? value);
    case 'instant':
      return new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeStyle: 'short', timeZone: instance.timeZone }).format(new Date(value));
  }
}

/** The HTML of every value this instance has, in one language; absent values are not in the map. */
export function noticeValues(instance: PageInstance, language: PageLanguage, intlLocale: string): Map<string, string> {
  const raw: Partial<Record<NoticeField, unknown>> = { ...instance.operator, collectionEnds: instance.collectionEnds ?? undefined };
  const values = new Map<string, string>();
  for (const name of NOTICE_FIELDS) {
    const value = raw[name];
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : (value as Record<PageLanguage, string>)[language];
    values.set(name, written(KINDS[name], text, instance, intlLocale));
  }
  return values;
}

/** `{name}` shows a value; `{if name}` and `{no name}` show nothing and only decide. */
const PLACEHOLDER = /\{(?:(if|no) )?(\w+)\}/g;
const block = (tag: string) => new RegExp(`<${tag}>(?:(?!</${tag}>)[\\s\\S])*</${tag}>`, 'g');

function fillBlocks(html: string, tag: string, values: ReadonlyMap<string, string>): string {
  return html.replace(block(tag), (text) => {
    for (const [, condition, name] of text.matchAll(PLACEHOLDER)) {
      if (condition === 'no' ? values.has(name!) : !values.has(name!)) return '';
    }
    return text.replace(PLACEHOLDER, (_whole, condition: string | undefined, name: string) => (condition ? '' : values.get(name)!));
  });
}

/**
 * A notice's HTML (vite/notice-markdown.ts) with this instance's values. A list item or
 * paragraph is kept only when every value it names is configured and every `{no name}` is
 * not; `{if name}` keeps it only when `name` is. A list or section left empty goes too, so
 * a demonstration instance shows neither a placeholder nor a controller it does not have.
 */
export function fillNotice(html: string, values: ReadonlyMap<string, string>): string {
  let filled = fillBlocks(fillBlocks(html, 'li', values), 'p', values);
  filled = filled.replace(/<(ul|ol)>\s*<\/\1>\s*/g, '');
  return filled.replace(/<h2>(?:(?!<\/h2>)[\s\S])*<\/h2>\s*(?=<h2>|$)/g, '');
}
