import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { GuidanceInput, GuidanceOutcome } from '../aggregator/guidance.js';
import { FIELDS } from '../aggregator/questionnaire.js';
import { adviceFor } from './advice.js';
import { BaseElement } from './base-element.js';
import { labels } from './labels.js';
import { pageHref } from './localization.js';
import { t } from './messages.js';
import { base } from './styles.js';

/**
 * Step 2: the advice for the person's answers, worked out in the browser, so it is shown at
 * once and never waits on the network. The offer to send (slot `offer`) follows what to do
 * now; where to go next comes last.
 */
export class AdviceView extends BaseElement {
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
      .note {
        color: var(--muted);
      }
      .next {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: center;
        margin-top: 2rem;
        padding-top: 1.5rem;
        border-top: 1px solid var(--soft-line);
      }
      .next p {
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  /** The outcome of the decision table for the person's answers. */
  @property() outcome: GuidanceOutcome = 'no_symptoms';
  /** The answers it came from, which the wording follows. */
  @property({ attribute: false }) answers: GuidanceInput = { ageBand: '25-34', symptoms: [], warningSigns: [], contact: 'no', test: 'not_tested' };

  override render() {
    const advice = adviceFor(this.outcome, this.answers);
    const emergency = this.outcome === 'emergency';
    const warningSigns = labels().warningSigns.values;
    return html`${emergency
        ? html`<div class="urgent">
            <p class="lead">${advice.summary}</p>
            <a class="call" href="tel:112">${t('emergency.call')}</a>
          </div>`
        : html`<p class="lead">${advice.summary}</p>`}
      <h2>${t('advice.next')}</h2>
      <ol>
        ${advice.steps.map((step) => html`<li>${step}</li>`)}
      </ol>
      <slot name="offer"></slot>
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
        <button type="button" class="button secondary" @click=${() => this.emit('change-answers')}>${t('advice.changeAnswers')}</button>
        <button type="button" class="button secondary" @click=${() => this.emit('restart')}>${t('advice.restart')}</button>
      </div>`;
  }
}

customElements.define('advice-view', AdviceView);

declare global {
  interface HTMLElementTagNameMap {
    'advice-view': AdviceView;
  }
}
