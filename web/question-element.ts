import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { BaseElement } from './base-element.js';
import type { Answer, QuestionName } from './draft.js';
import { describedBy, hintAndError, type QuestionText } from './question-labels.js';

/** What a question sends up (`answer`) when its answer changes; `undefined`: it has none any more. */
export type AnswerEvent = CustomEvent<{ question: QuestionName; answer: Answer | undefined }>;

/** A question of the form: it answers one questionnaire field, and the form holds the answer. */
export class QuestionElement<Text extends QuestionText> extends BaseElement {
  /** The questionnaire field this question answers. */
  @property() name!: QuestionName;
  /** The question, its hint, error and labels in the current language. */
  @property({ attribute: false }) text: Text | undefined;
  /** The inline error; empty when there is none. */
  @property() error = '';

  /** The question as a group of options: its legend, hint and error, then the options. */
  protected renderGroup(options: TemplateResult): TemplateResult {
    const text = this.text;
    return html`<fieldset class=${this.error ? 'invalid' : ''} aria-describedby=${describedBy(text, this.error)}>
      <legend>${text?.question}</legend>
      ${hintAndError(text, this.error)}
      <div class="options">${options}</div>
    </fieldset>`;
  }

  /** Tells the form the question's new answer. */
  protected answer(answer: Answer | undefined): void {
    this.emit<AnswerEvent['detail']>('answer', { question: this.name, answer });
  }
}
