import { msg } from '@lit/localize';
import { intlLocale } from './localization.js';
import { type PluralId, type PluralWordsOf, sourceForm } from './messages.js';

/** A count is written as a whole number. */
export const AS_COUNT: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };

/** The words besides the count, required where the message has any, and how the count is written. */
type Rest<K extends PluralId> = object extends PluralWordsOf<K>
  ? [words?: PluralWordsOf<K>, written?: Intl.NumberFormatOptions]
  : [words: PluralWordsOf<K>, written?: Intl.NumberFormatOptions];

/**
 * A message about `n` things in the form the current language gives n as written (`written`):
 * Slovenian has four (1 poročilo, 2 poročili, 3 poročila, 5 poročil), English two. Each form is
 * a message of its own to lit-localize, `<id>.<category>`, filled with `n` and the other words.
 */
export function plural<K extends PluralId>(id: K, n: number, ...[words, written = AS_COUNT]: Rest<K>): string {
  const category = new Intl.PluralRules(intlLocale(), written).select(n);
  return msg(sourceForm(id, category)({ ...words, n: new Intl.NumberFormat(intlLocale(), written).format(n) }), { id: `${id}.${category}` });
}
