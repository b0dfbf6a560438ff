import type { StrResult, TemplateMap } from '@lit/localize';
import { type Message, type PluralId, sl, sourceForm, type Template } from './messages.js';

/** Each placeholder's name in place of its word. */
const NAMES = new Proxy({}, { get: (_target, name) => name });

/**
 * A translated template as lit-localize's runtime takes it: a `str` whose values are the
 * positions of the source's values (str`${1} of ${0}`, as `lit-localize build` writes it), so a
 * translation may put the words in another order. Both languages here name their words, as a
 * translator reads them; filling the source with the names gives each name's position.
 */
function positional(source: Template<object>, translated: Template<object>): StrResult {
  const order = source(NAMES).values;
  return translated(new Proxy({}, { get: (_target, name) => order.indexOf(name) }));
}

/**
 * A language's messages as lit-localize's runtime takes them, by id; each form of a count is a
 * message of its own, `<id>.<category>`.
 */
export function templatesOf(translation: Record<string, Message>): TemplateMap {
  const templates: TemplateMap = {};
  const source: Record<string, Message> = sl;
  for (const [id, message] of Object.entries(translation)) {
    if (typeof message === 'string') templates[id] = message;
    else if (typeof message === 'function') templates[id] = positional(source[id] as Template<object>, message as Template<object>);
    else {
      for (const [category, form] of Object.entries(message)) {
        templates[`${id}.${category}`] = positional(sourceForm(id as PluralId, category as Intl.LDMLPluralRule), form as Template<object>);
      }
    }
  }
  return templates;
}
