import { updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { live } from 'lit/directives/live.js';
import { AnswerEvent } from './answer-event.js';
import type { QuestionName } from './draft.js';
import { type ChoiceText, describedBy, hintAndError } from './question-labels.js';
import { base, question } from './styles.js';

/** A question with one answer from a fixed list: a group of radio buttons. */
export class ChoiceQuestion extends LitElement {
  static override properties = {
    name: {},
    values: { attribute: false },
    text: { attribute: false },
    value: {},
    error: {},
  };
  static override styles = [base, question];

  /** The questionnaire field this question answers. */
  declare name: QuestionName;
  /** The allowed values, in the questionnaire's order. */
  declare values: readonly string[];
  /** The question, its hint, error and value labels in the current language. */
  declare text: ChoiceText | undefined;
  /** The chosen value, if any. */
  declare value: string | undefined;
  /** The inline error; empty when there is none. */
  declare error: string;

  constructor() {
    super();
    this.values = [];
    this.error = '';
    updateWhenLocaleChanges(this);
  }

  /** Focuses the chosen option, or the first. */
  override focus(options?: FocusOptions) {
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>('input');
    ([...inputs].find((input) => input.checked) ?? inputs[0])?.focus(options);
  }

  override render() {
    const text = this.text;
    return html`<fieldset class=${this.error ? 'invalid' : ''} aria-describedby=${describedBy(text, this.error)}>
      <legend>${text?.question}</legend>
      ${hintAndError(text, this.error)}
      <div class="options">
        ${this.values.map(
          (value) => html`<label class="option">
            <input type="radio" name="answer" .value=${value} .checked=${live(this.value === value)} @change=${this._onChange} />
            <span>${text?.values[value]}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private _onChange(event: Event) {
    const input = event.target as HTMLInputElement;
    if (input.checked) this.dispatchEvent(new AnswerEvent(this.name, input.value));
  }
}

customElements.define('choice-question', ChoiceQuestion);

declare global {
  interface HTMLElementTagNameMap {
    'choice-question': ChoiceQuestion;
  }
}
