import * as enFirst from '../dpia/notice.en.md?first-layer';
import * as enRest from '../dpia/notice.en.md?rest';
import * as slFirst from '../dpia/notice.sl.md?first-layer';
import * as slRest from '../dpia/notice.sl.md?rest';
import { instance } from './instance.js';
import { currentLocale, intlLocale, type Locale } from './localization.js';
import { fillNotice, noticeValues } from './notice-fill.js';

/** A notice to show: its heading and its (trusted, build-time) HTML with this instance's values. */
export interface Notice {
  title: string;
  html: string;
}

// One source for the pages and the DPIA: the notices in dpia/, turned into HTML at build time.
const FIRST_LAYER: Record<Locale, Notice> = { sl: slFirst, en: enFirst };
const REST: Record<Locale, Notice> = { sl: slRest, en: enRest };

const filled = new Map<Notice, Notice>();

function fill(notice: Notice): Notice {
  let done = filled.get(notice);
  if (!done) {
    const values = noticeValues(instance(), currentLocale(), intlLocale());
    done = { title: notice.title, html: fillNotice(notice.html, values) };
    filled.set(notice, done);
  }
  return done;
}

/** The first layer: who, why, what and the risks, shown above the first question. */
export function firstLayer(): Notice {
  return fill(FIRST_LAYER[currentLocale()]);
}

/** The rest of the notice, which follows the first layer (in place on the form, and at /privacy). */
export function restOfNotice(): Notice {
  return fill(REST[currentLocale()]);
}
