import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { t } from './messages.js';
import { QuestionElement } from './question-element.js';
import type { SetText } from './question-labels.js';
import { base, question } from './styles.js';

/**
 * A question with any number of answers from a fixed list: checkboxes, and an explicit
 * "none of these" that excludes the others, so an empty answer is a choice, not an omission.
 */
export class SetQuestion extends QuestionElement<SetText> {
  static override styles = [base, question];

  /** The allowed values, in the questionnaire's order. */
  @property({ attribute: false }) values: readonly string[] = [];
  /** The chosen values; empty when "none" is chosen, absent when not answered. */
  @property({ attribute: false }) value: readonly string[] | undefined;

  /** Focuses the first option. */
  override focus(options?: FocusOptions) {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus(options);
  }

  override render() {
    const text = this.text;
    const chosen = new Set(this.value ?? []);
    return this.renderGroup(
      html`${this.values.map(
        (value) => html`<label class="option">
          <input type="checkbox" .value=${value} .checked=${live(chosen.has(value))} @change=${this._onToggle} />
          <span>${text?.values[value]}</span>
        </label>`,
      )}
      <p class="or" aria-hidden="true">${t('questions.or')}</p>
      <label class="option none">
        <input type="checkbox" name="none" .checked=${live(this.value?.length === 0)} @change=${this._onNone} />
        <span>${text?.none}</span>
      </label>`,
    );
  }

  private _onToggle(event: Event) {
    const input = event.target as HTMLInputElement;
    const chosen = new Set(this.value ?? []);
    if (input.checked) chosen.add(input.value);
    else chosen.delete(input.value);
    const answer = this.values.filter((value) => chosen.has(value));
    this.answer(answer.length > 0 ? answer : undefined);
  }

  private _onNone(event: Event) {
    const checked = (event.target as HTMLInputElement).checked;
    this.answer(checked ? [] : undefined);
  }
}

customElements.define('set-question', SetQuestion);

declare global {
  interface HTMLElementTagNameMap {
    'set-question': SetQuestion;
  }
}
