import * as en from '../dpia/notice.en.md?essential';
import * as sl from '../dpia/notice.sl.md?essential';
import { currentLocale, type Locale } from './localization.js';

/** A notice to show: its heading and its (trusted, build-time) HTML. */
export interface Notice {
  title: string;
  html: string;
}

// One source for the page and the DPIA: the notices in dpia/, turned into HTML at build
// time. Only the essential part ships with the form; full-notice.ts holds the whole.
const ESSENTIAL: Record<Locale, Notice> = { sl, en };

/** The essential Art. 13 information, shown before any question. */
export function essentialNotice(): Notice {
  return ESSENTIAL[currentLocale()];
}
