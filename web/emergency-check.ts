import { css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { FIELDS } from '../aggregator/questionnaire.js';
import { BaseElement } from './base-element.js';
import { labels } from './labels.js';
import { t } from './messages.js';
import './set-question.js';
import { base } from './styles.js';

/**
 * The first thing on the form: the warning signs, with the emergency number beside them.
 * Answering sends nothing; ticking a sign shows the call to action at once, above
 * everything else the person might still read.
 */
export class EmergencyCheck extends BaseElement {
  static override styles = [
    base,
    css`
      .check {
        margin: 0 0 1.5rem;
        padding: 0.625rem 0.625rem 0.75rem;
        border: 2px solid var(--danger);
        border-radius: var(--radius);
      }
      set-question {
        margin: 0 0 0.75rem;
      }
      .act {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: center;
        margin: 0;
        font-weight: 600;
      }
      .call {
        display: inline-flex;
        align-items: center;
        min-height: 2.75rem;
        padding: 0.375rem 1rem;
        border-radius: var(--radius);
        background: var(--danger);
        color: #fff;
        font-size: 1.125rem;
        font-weight: 800;
        text-decoration: none;
      }
      .call:hover {
        color: #fff;
        text-decoration: underline;
      }
      .alert {
        margin: 0.75rem 0 0;
        padding: 0.75rem 1rem;
        border-radius: var(--radius);
        background: var(--danger);
        color: #fff;
      }
      .alert h2 {
        margin: 0 0 0.5rem;
        font-size: 1.25rem;
      }
      .alert :focus-visible {
        outline-color: #fff;
      }
      .alert .call {
        background: #fff;
        color: var(--danger);
      }
    `,
  ];

  /** The ticked signs; empty when "none" is ticked, absent when not answered. */
  @property({ attribute: false }) value: readonly string[] | undefined;
  /** The inline error; empty when there is none. */
  @property() error = '';
  private _wasWarned = false;

  /** Focuses the first sign. */
  override focus(options?: FocusOptions) {
    this.renderRoot.querySelector('set-question')?.focus(options);
  }

  private _warned(): boolean {
    return (this.value?.length ?? 0) > 0;
  }

  protected override updated(_changed: PropertyValues<this>) {
    // The alert appears below the signs: bring it into view the moment it appears.
    const warned = this._warned();
    if (warned && !this._wasWarned) this.renderRoot.querySelector('.alert')?.scrollIntoView({ block: 'nearest' });
    this._wasWarned = warned;
  }

  override render() {
    const warned = this._warned();
    return html`<div class="check">
      <set-question
        name="warningSigns"
        .values=${FIELDS.warningSigns.values}
        .text=${labels().warningSigns}
        .value=${this.value}
        .error=${this.error}
      ></set-question>
      <p class="act">${t('emergency.check')} <a class="call" href="tel:112">${t('emergency.call')}</a></p>
      <div role="alert">
        ${warned
          ? html`<section class="alert" aria-labelledby="emergency-heading">
              <h2 id="emergency-heading">${t('emergency.heading')}</h2>
              <p>${t('emergency.text')}</p>
              <a class="call" href="tel:112">${t('emergency.call')}</a>
            </section>`
          : nothing}
      </div>
    </div>`;
  }
}

customElements.define('emergency-check', EmergencyCheck);

declare global {
  interface HTMLElementTagNameMap {
    'emergency-check': EmergencyCheck;
  }
}
