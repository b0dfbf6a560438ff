import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { QuestionElement } from './question-element.js';
import type { ChoiceText } from './question-labels.js';
import { base, question } from './styles.js';

/** A question with one answer from a fixed list: a group of radio buttons. */
export class ChoiceQuestion extends QuestionElement<ChoiceText> {
  static override styles = [base, question];

  /** The allowed values, in the questionnaire's order. */
  @property({ attribute: false }) values: readonly string[] = [];
  /** The chosen value, if any. */
  @property() value: string | undefined;

  /** Focuses the chosen option, or the first. */
  override focus(options?: FocusOptions) {
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>('input');
    ([...inputs].find((input) => input.checked) ?? inputs[0])?.focus(options);
  }

  override render() {
    return this.renderGroup(
      html`${this.values.map(
        (value) => html`<label class="option">
          <input type="radio" name="answer" .value=${value} .checked=${live(this.value === value)} @change=${this._onChange} />
          <span>${this.text?.values[value]}</span>
        </label>`,
      )}`,
    );
  }

  private _onChange(event: Event) {
    const input = event.target as HTMLInputElement;
    if (input.checked) this.answer(input.value);
  }
}

customElements.define('choice-question', ChoiceQuestion);

declare global {
  interface HTMLElementTagNameMap {
    'choice-question': ChoiceQuestion;
  }
}
