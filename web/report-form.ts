import { updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { FieldDefinition } from '../aggregator/questionnaire.js';
import { fetchMunicipalities } from './api-client.js';
import type { AnswerEvent } from './answer-event.js';
import './area-combobox.js';
import './choice-question.js';
import { type Draft, FIRST_QUESTION, type QuestionName, questions, unanswered, withAnswer } from './draft.js';
import { labels } from './labels.js';
import { t } from './messages.js';
import type { ChoiceText, SetText } from './question-labels.js';
import './set-question.js';
import { base } from './styles.js';

/** A question the server refused, by its field name (`(body)` for the report as a whole). */
export interface ServerError {
  field: string;
}

/**
 * Step 2: the questions, generated from the questionnaire (aggregator/questionnaire.ts).
 * Warning signs come first and any of them shows the emergency box at once. On submit,
 * unanswered questions get an inline error and a summary that takes the focus; a complete
 * draft is handed up in a `complete` event.
 */
export class ReportForm extends LitElement {
  static override properties = {
    draft: { attribute: false },
    contributing: { type: Boolean },
    sending: { type: Boolean },
    serverErrors: { attribute: false },
    _errors: { state: true },
  };
  static override styles = [
    base,
    css`
      .summary {
        margin: 0 0 2rem;
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
      .emergency {
        margin: -0.75rem 0 2rem;
        padding: 1rem 1.25rem;
        border-radius: var(--radius);
        background: var(--danger);
        color: #fff;
      }
      .emergency h2 {
        margin: 0 0 0.5rem;
        font-size: 1.25rem;
      }
      .emergency :focus-visible {
        outline-color: #fff;
      }
      .call {
        display: inline-flex;
        align-items: center;
        min-height: 3rem;
        padding: 0.5rem 1.5rem;
        border-radius: var(--radius);
        background: #fff;
        color: var(--danger);
        font-size: 1.25rem;
        font-weight: 800;
        text-decoration: none;
      }
      .call:hover {
        color: var(--danger);
        text-decoration: underline;
      }
      .loading {
        margin: 0 0 2rem;
        color: var(--muted);
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
      .link-button {
        padding: 0.25rem 0;
        border: 0;
        background: none;
        color: var(--primary);
        font: inherit;
        text-decoration: underline;
        text-underline-offset: 0.15em;
        cursor: pointer;
      }
      .actions {
        display: flex;
        flex-wrap: wrap-reverse;
        gap: 0.75rem;
        justify-content: space-between;
      }
    `,
  ];

  /** The answers so far; the form never changes it, it sends `draft-change` events instead. */
  declare draft: Draft;
  /** Whether the person agreed to send the answers (then the municipality is asked too). */
  declare contributing: boolean;
  /** Whether the answers are being sent. */
  declare sending: boolean;
  /** Questions the server refused, shown like unanswered ones. */
  declare serverErrors: readonly ServerError[];
  private declare _errors: ReadonlySet<string>;
  private _wasWarned = false;

  private _areas = new Task(this, {
    task: ([contributing], { signal }) => (contributing ? fetchMunicipalities(signal) : Promise.resolve([])),
    args: () => [this.contributing] as const,
  });

  constructor() {
    super();
    this.draft = {};
    this.contributing = false;
    this.sending = false;
    this.serverErrors = [];
    this._errors = new Set();
    updateWhenLocaleChanges(this);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('serverErrors') && this.serverErrors.length > 0) {
      this._errors = new Set(this.serverErrors.map((e) => e.field));
    }
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('serverErrors') && this.serverErrors.length > 0) void this._focusSummary();
    // The emergency box appears below the signs: bring it into view the moment it appears.
    const warned = this._warned();
    if (warned && !this._wasWarned) this.renderRoot.querySelector('.emergency')?.scrollIntoView({ block: 'nearest' });
    this._wasWarned = warned;
  }

  private _warned(): boolean {
    return (this.draft[FIRST_QUESTION]?.length ?? 0) > 0;
  }

  override render() {
    const asked = questions(this.draft, this.contributing);
    const warned = this._warned();
    return html`<form novalidate @submit=${this._onSubmit} @answer=${this._onAnswer}>
      ${this._renderSummary(asked.map(([name]) => name))}
      <p>${t('questions.intro')}</p>
      ${asked.map(
        ([name, field]) => html`${this._renderQuestion(name, field)}
        ${name === FIRST_QUESTION ? html`<div role="alert">${warned ? this._renderEmergency() : nothing}</div>` : nothing}`,
      )}
      <div class="choice">
        <p>${this.contributing ? t('questions.willSend') : t('questions.willNotSend')}</p>
        <button type="button" class="link-button" @click=${this._onBack}>${t('questions.changeChoice')}</button>
      </div>
      <div class="actions">
        <button type="button" class="button secondary" @click=${this._onBack}>${t('questions.back')}</button>
        <button type="submit" class="button" ?disabled=${this.sending}>
          ${this.sending ? t('questions.sending') : this.contributing ? t('questions.send') : t('questions.showAdvice')}
        </button>
      </div>
      <p class="visually-hidden" role="status">${this.sending ? t('questions.sending') : ''}</p>
    </form>`;
  }

  private _renderQuestion(name: QuestionName, field: FieldDefinition) {
    const text = labels()[name];
    const error = this._errors.has(name) ? text.required : '';
    switch (field.kind) {
      case 'choice':
        return html`<choice-question
          id="q-${name}"
          name=${name}
          .values=${field.values}
          .text=${text as ChoiceText}
          .value=${this.draft[name] as string | undefined}
          .error=${error}
        ></choice-question>`;
      case 'set':
        return html`<set-question
          id="q-${name}"
          name=${name}
          .values=${field.values}
          .text=${text as SetText}
          .value=${this.draft[name] as readonly string[] | undefined}
          .error=${error}
        ></set-question>`;
      case 'area':
        return this._areas.render({
          pending: () => html`<p class="loading" role="status">${t('area.loading')}</p>`,
          error: () => html`<p class="loading" role="alert">
            ${t('area.loadFailed')}
            <button type="button" class="link-button" @click=${() => this._areas.run()}>${t('area.retry')}</button>
          </p>`,
          complete: (options) => html`<area-combobox
            id="q-${name}"
            name=${name}
            .options=${options}
            .text=${text}
            .value=${this.draft[name] as string | undefined}
            .error=${error}
          ></area-combobox>`,
        });
      case 'consent':
        return nothing;
    }
  }

  private _renderEmergency() {
    return html`<section class="emergency" aria-labelledby="emergency-heading">
      <h2 id="emergency-heading">${t('emergency.heading')}</h2>
      <p>${t('emergency.text')}</p>
      <a class="call" href="tel:112">${t('emergency.call')}</a>
    </section>`;
  }

  private _renderSummary(shown: readonly QuestionName[]) {
    if (this._errors.size === 0) return nothing;
    const text = labels();
    const fields = shown.filter((name) => this._errors.has(name));
    const other = [...this._errors].some((name) => !(shown as readonly string[]).includes(name));
    return html`<div class="summary" id="summary" tabindex="-1">
      <div role="alert">
      <h2>${t('questions.errors')}</h2>
      <ul>
        ${fields.map(
          (name) => html`<li>
            <a href="#q-${name}" @click=${(e: Event) => this._onErrorLink(e, name)}>${text[name].required}</a>
          </li>`,
        )}
        ${other ? html`<li>${t('questions.serverInvalid')}</li>` : nothing}
      </ul>
      </div>
    </div>`;
  }

  private _question(name: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#q-${name}`);
  }

  private _onAnswer(event: AnswerEvent) {
    event.stopPropagation();
    const draft = withAnswer(this.draft, event.question, event.answer);
    if (event.answer !== undefined && this._errors.has(event.question)) {
      const errors = new Set(this._errors);
      errors.delete(event.question);
      this._errors = errors;
    }
    this.dispatchEvent(new CustomEvent<Draft>('draft-change', { detail: draft, bubbles: true, composed: true }));
  }

  private _onErrorLink(event: Event, name: string) {
    event.preventDefault();
    this._question(name)?.focus();
  }

  private async _focusSummary() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#summary')?.focus();
  }

  private _onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.sending) return;
    const missing = unanswered(this.draft, this.contributing);
    this._errors = new Set(missing);
    if (missing.length > 0) {
      void this._focusSummary();
      return;
    }
    this.dispatchEvent(new CustomEvent('complete', { bubbles: true, composed: true }));
  }

  private _onBack() {
    this.dispatchEvent(new CustomEvent('back', { bubbles: true, composed: true }));
  }
}

customElements.define('report-form', ReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'report-form': ReportForm;
  }
}
