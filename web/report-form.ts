import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { literal, html as staticHtml } from 'lit/static-html.js';
import type { FieldDefinition } from '../aggregator/questionnaire.js';
import { BaseElement } from './base-element.js';
import './choice-question.js';
import { type Draft, FIRST_QUESTION, type QuestionName, questions, unanswered, withAnswer } from './draft.js';
import './emergency-check.js';
import { labels } from './labels.js';
import './layered-notice.js';
import { t } from './messages.js';
import type { AnswerEvent } from './question-element.js';
import './set-question.js';
import { base } from './styles.js';

/** The element that asks a question of each kind, choice or set. */
const QUESTION_ELEMENT = { choice: literal`choice-question`, set: literal`set-question` } as const;

/** What the person chose about sending, as far as the questions need to say it. */
export type Choice = 'undecided' | 'will-send' | 'sent';

/**
 * Step 1: the emergency check first, then the layered notice, then the other questions,
 * all generated from the questionnaire (aggregator/questionnaire.ts). Nothing is sent from
 * here. On submit, unanswered questions get an inline error and a summary that takes the
 * focus; a complete draft is handed up in a `complete` event.
 */
export class ReportForm extends BaseElement {
  static override styles = [
    base,
    css`
      .summary {
        margin: 0 0 1.5rem;
        padding: 1rem 1.25rem;
        border: 3px solid var(--error);
        border-radius: var(--radius);
      }
      .summary h2 {
        margin: 0 0 0.5rem;
        font-size: 1.125rem;
      }
      .summary ul {
        margin: 0;
        padding-left: 1.25rem;
      }
      .summary a {
        color: var(--error);
        font-weight: 600;
      }
      .choice {
        margin: 0 0 1.5rem;
        padding: 0.75rem 1rem;
        border-radius: var(--radius);
        background: var(--page);
      }
      .choice p {
        margin: 0 0 0.25rem;
      }
    `,
  ];

  /** The answers so far; the form never changes it, it sends `draft-change` events instead. */
  @property({ attribute: false }) draft: Draft = {};
  /** Whether the answers are to be sent, or have been: the form says what changing them does. */
  @property() choice: Choice = 'undecided';
  @state() private _errors: ReadonlySet<string> = new Set();

  override render() {
    // The municipality is asked only for sending, with the offer after the advice.
    const asked = questions(this.draft, false);
    return html`<form novalidate @submit=${this._onSubmit} @answer=${this._onAnswer}>
      ${this._renderSummary(asked.map(([name]) => name))}
      ${asked.map(([name, field]) =>
        name === FIRST_QUESTION
          ? html`<emergency-check
                id="q-${name}"
                .value=${this.draft.warningSigns}
                .error=${this._errors.has(name) ? labels().warningSigns.required : ''}
              ></emergency-check>
              <layered-notice></layered-notice>
              <p>${t('questions.intro')}</p>`
          : this._renderQuestion(name, field),
      )}
      ${this._renderChoice()}
      <button type="submit" class="button">${t('questions.showAdvice')}</button>
    </form>`;
  }

  private _renderQuestion(name: QuestionName, field: FieldDefinition) {
    if (field.kind !== 'choice' && field.kind !== 'set') return nothing;
    const text = labels()[name];
    const tag = QUESTION_ELEMENT[field.kind];
    return staticHtml`<${tag}
      id="q-${name}"
      name=${name}
      .values=${field.values}
      .text=${text}
      .value=${this.draft[name]}
      .error=${this._errors.has(name) ? text.required : ''}
    ></${tag}>`;
  }

  private _renderChoice() {
    if (this.choice === 'undecided') return nothing;
    if (this.choice === 'sent') return html`<div class="choice"><p>${t('questions.sent')}</p></div>`;
    return html`<div class="choice">
      <p>${t('questions.choiceGiven')}</p>
      <button type="button" class="link-button" @click=${this._onChangeChoice}>${t('questions.changeChoice')}</button>
    </div>`;
  }

  private _renderSummary(shown: readonly QuestionName[]) {
    if (this._errors.size === 0) return nothing;
    const text = labels();
    const fields = shown.filter((name) => this._errors.has(name));
    return html`<div class="summary" id="summary" tabindex="-1">
      <div role="alert">
        <h2>${t('questions.errors')}</h2>
        <ul>
          ${fields.map(
            (name) => html`<li>
              <a href="#q-${name}" @click=${(e: Event) => this._onErrorLink(e, name)}>${text[name].required}</a>
            </li>`,
          )}
        </ul>
      </div>
    </div>`;
  }

  private _onAnswer(event: AnswerEvent) {
    event.stopPropagation();
    const { question, answer } = event.detail;
    const draft = withAnswer(this.draft, question, answer);
    if (answer !== undefined && this._errors.has(question)) {
      const errors = new Set(this._errors);
      errors.delete(question);
      this._errors = errors;
    }
    this.emit('draft-change', draft);
  }

  private _onErrorLink(event: Event, name: string) {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#q-${name}`)?.focus();
  }

  /** Shows what is missing; true when nothing is. */
  private _check(): boolean {
    const missing = unanswered(this.draft, false);
    this._errors = new Set(missing);
    if (missing.length === 0) return true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#summary')?.focus());
    return false;
  }

  private _onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this._check()) this.emit('complete');
  }

  // The choice is made beside the advice, so changing it needs the advice: the same checks as submitting.
  private _onChangeChoice() {
    if (this._check()) this.emit('change-choice');
  }
}

customElements.define('report-form', ReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'report-form': ReportForm;
  }
}
