import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import type { GuidanceOutcome } from '../aggregator/guidance.js';
import { FIELDS } from '../aggregator/questionnaire.js';
import { adviceFor } from './advice.js';
import type { SendFailure } from './api-client.js';
import { labels } from './labels.js';
import { pageHref } from './localization.js';
import { type MessageId, t } from './messages.js';
import { base } from './styles.js';

/** What happened to the answers: added to the statistics, kept in the browser, or refused. */
export type Delivery = 'sent' | 'local' | SendFailure;

const DELIVERY: Record<Delivery, MessageId> = {
  sent: 'advice.sent',
  local: 'advice.notSent',
  invalid: 'advice.failed.unavailable',
  closed: 'advice.failed.closed',
  limited: 'advice.failed.limited',
  duplicate: 'advice.failed.duplicate',
  unavailable: 'advice.failed.unavailable',
  offline: 'advice.failed.offline',
};

/** Step 3: the advice for the outcome, what happened to the answers, and where to go next. */
export class AdviceView extends LitElement {
  static override properties = {
    outcome: {},
    delivery: {},
    sending: { type: Boolean },
  };
  static override styles = [
    base,
    css`
      .lead {
        margin: 0 0 1.5rem;
        font-size: 1.125rem;
      }
      .urgent {
        margin: 0 0 1.5rem;
        padding: 1rem 1.25rem;
        border-radius: var(--radius);
        background: var(--danger);
        color: #fff;
      }
      .urgent .lead {
        margin-bottom: 1rem;
      }
      .urgent :focus-visible {
        outline-color: #fff;
      }
      .call {
        display: inline-flex;
        align-items: center;
        min-height: 3.25rem;
        padding: 0.5rem 1.75rem;
        border-radius: var(--radius);
        background: #fff;
        color: var(--danger);
        font-size: 1.375rem;
        font-weight: 800;
        text-decoration: none;
      }
      .call:hover {
        color: var(--danger);
        text-decoration: underline;
      }
      h2 {
        margin: 1.75rem 0 0.5rem;
        font-size: 1.25rem;
      }
      ol,
      ul {
        margin: 0 0 1rem;
        padding-left: 1.5rem;
      }
      li {
        margin: 0 0 0.5rem;
      }
      .delivery {
        margin: 0 0 1.5rem;
        padding: 0.75rem 1rem;
        border-left: 4px solid var(--primary);
        background: var(--page);
      }
      .delivery.failed {
        border-left-color: var(--error);
      }
      .delivery p {
        margin: 0;
      }
      .delivery .button {
        margin-top: 0.75rem;
      }
      .note {
        color: var(--muted);
      }
      .next {
        display: flex;
        flex-direction: column;
        gap: 1rem;
        align-items: flex-start;
        margin-top: 2rem;
        padding-top: 1.5rem;
        border-top: 1px solid var(--soft-line);
      }
      .next p {
        margin: 0;
      }
    `,
  ];

  /** The outcome of the decision table for the person's answers. */
  declare outcome: GuidanceOutcome;
  /** What happened to the answers. */
  declare delivery: Delivery;
  /** Whether the answers are being sent again. */
  declare sending: boolean;

  constructor() {
    super();
    this.outcome = 'no_symptoms';
    this.delivery = 'local';
    this.sending = false;
    updateWhenLocaleChanges(this);
  }

  override render() {
    const advice = adviceFor(this.outcome);
    const emergency = this.outcome === 'emergency';
    const failed = this.delivery !== 'sent' && this.delivery !== 'local';
    const warningSigns = labels().warningSigns.values;
    return html`${emergency
        ? html`<div class="urgent">
            <p class="lead">${advice.summary}</p>
            <a class="call" href="tel:112">${t('emergency.call')}</a>
          </div>`
        : html`<p class="lead">${advice.summary}</p>`}
      <div class="delivery ${failed ? 'failed' : ''}" role="status">
        <p>${t(DELIVERY[this.delivery])}</p>
        ${failed && this.delivery !== 'closed'
          ? html`<button type="button" class="button secondary" ?disabled=${this.sending} @click=${this._onRetry}>
              ${this.sending ? t('questions.sending') : t('advice.retry')}
            </button>`
          : nothing}
      </div>
      <h2>${t('advice.next')}</h2>
      <ol>
        ${advice.steps.map((step) => html`<li>${step}</li>`)}
      </ol>
      ${emergency
        ? nothing
        : html`<h2>${t('advice.when112')}</h2>
            <p>${t('advice.when112.text')}</p>
            <ul>
              ${FIELDS.warningSigns.values.map((sign) => html`<li>${warningSigns[sign]}</li>`)}
            </ul>
            <p><a href="tel:112">${t('emergency.call')}</a></p>`}
      <p class="note">${t('advice.notDiagnosis')}</p>
      <div class="next">
        <p><a href=${pageHref('/dashboard')}>${t('advice.dashboard')}</a></p>
        <button type="button" class="button secondary" @click=${this._onRestart}>${t('advice.restart')}</button>
      </div>`;
  }

  private _onRetry() {
    this.dispatchEvent(new CustomEvent('retry', { bubbles: true, composed: true }));
  }

  private _onRestart() {
    this.dispatchEvent(new CustomEvent('restart', { bubbles: true, composed: true }));
  }
}

customElements.define('advice-view', AdviceView);

declare global {
  interface HTMLElementTagNameMap {
    'advice-view': AdviceView;
  }
}
