import * as en from '../dpia/notice.en.md?full';
import * as sl from '../dpia/notice.sl.md?full';
import { currentLocale, type Locale } from './localization.js';
import type { Notice } from './notices.js';

const FULL: Record<Locale, Notice> = { sl, en };

/** The whole notice from dpia/, for /privacy. */
export function fullNotice(): Notice {
  return FULL[currentLocale()];
}
