import { html, nothing } from 'lit';
import { t } from './messages.js';

/** What a question component shows: a narrowing of labels.ts for one field. */
export interface QuestionText {
  question: string;
  hint?: string;
  required: string;
}
export interface ChoiceText extends QuestionText {
  values: Readonly<Record<string, string>>;
}
export interface SetText extends ChoiceText {
  none: string;
}

/** The `aria-describedby` of a question: its hint and its error, when shown. */
export function describedBy(text: QuestionText | undefined, error: string): string | typeof nothing {
  const ids = [text?.hint ? 'hint' : '', error ? 'error' : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : nothing;
}

/** The hint and inline error under a question's label, with the ids `describedBy` names. */
export function hintAndError(text: QuestionText | undefined, error: string) {
  return html`${text?.hint ? html`<p class="hint" id="hint">${text.hint}</p>` : nothing}
  ${error ? html`<p class="error" id="error"><span class="visually-hidden">${t('error.prefix')} </span>${error}</p>` : nothing}`;
}
