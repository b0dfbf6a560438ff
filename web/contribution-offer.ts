import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { fetchMunicipalities } from './api-client.js';
import './area-combobox.js';
import { BaseElement } from './base-element.js';
import { labels } from './labels.js';
import { type MessageId, t } from './messages.js';
import { RETRIABLE, type SendOutcome } from './report-sender.js';
import { base, question } from './styles.js';

/** Where sending stands: not tried, on its way, or what became of it. */
export type Delivery = 'idle' | 'sending' | SendOutcome;

const SAID: Record<SendOutcome, MessageId> = {
  counted: 'contribute.counted',
  'already-counted': 'contribute.alreadyCounted',
  unknown: 'contribute.unknown',
  'unknown-final': 'contribute.unknownFinal',
  closed: 'contribute.closed',
  limited: 'contribute.limited',
  unavailable: 'contribute.unavailable',
  offline: 'contribute.offline',
  invalid: 'contribute.invalid',
};

/** Where sending stands once the report may have been counted: the choice is made. */
export const MAY_BE_COUNTED: ReadonlySet<Delivery> = new Set(['sending', 'counted', 'already-counted', 'unknown', 'unknown-final']);
/** Where the report was refused for good: nothing more to choose either. */
const REFUSED: ReadonlySet<Delivery> = new Set(['closed', 'invalid']);

/**
 * Beside the advice, the separate offer to add the answers to the statistics: its own
 * unticked consent box, the municipality (asked only here, and the list fetched only once
 * the box is ticked), its own send button, and what became of the report. It holds no
 * state of its own: `consent-change`, `answer`, `send` and `retry` events go up.
 */
export class ContributionOffer extends BaseElement {
  static override styles = [
    base,
    question,
    css`
      :host {
        margin: 2rem 0 0;
      }
      section {
        padding: 1rem 1rem 1.25rem;
        border: 2px solid var(--primary);
        border-radius: var(--radius);
        background: var(--primary-soft);
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.25rem;
        line-height: 1.3;
      }
      .option {
        border-color: var(--line);
      }
      .hint {
        margin: 0.5rem 0 0;
      }
      area-combobox {
        margin: 1.5rem 0 1rem;
      }
      .loading {
        margin: 1.5rem 0 1rem;
        color: var(--muted);
      }
      .consent {
        margin: 0 0 1rem;
      }
      .status {
        margin: 1rem 0 0;
        padding: 0.75rem 1rem;
        border-left: 4px solid var(--primary);
        background: var(--surface);
      }
      .status.failed {
        border-left-color: var(--error);
      }
      .status p {
        margin: 0;
      }
      .status .button {
        margin-top: 0.75rem;
      }
    `,
  ];

  /** Whether the consent box is ticked. */
  @property({ type: Boolean }) consent = false;
  /** The chosen municipality's code, if any. */
  @property() area: string | undefined;
  /** The inline error of the municipality; empty when there is none. */
  @property() areaError = '';
  /** Where sending stands. */
  @property() delivery: Delivery = 'idle';

  private _areas = new Task(this, {
    task: ([consent], { signal }) => (consent ? fetchMunicipalities(signal) : Promise.resolve([])),
    args: () => [this.consent] as const,
  });

  /** Focuses the consent box, for "Change your choice". */
  focusConsent() {
    const box = this.renderRoot.querySelector<HTMLInputElement>('#consent');
    box?.scrollIntoView({ block: 'center' });
    box?.focus({ preventScroll: true });
  }

  /** Focuses the municipality, when sending needs it. */
  focusArea() {
    this.renderRoot.querySelector('area-combobox')?.focus();
  }

  override render() {
    const consent = labels().consent;
    // Once a report may have been counted, the box and the municipality stay as they were.
    const locked = MAY_BE_COUNTED.has(this.delivery) || REFUSED.has(this.delivery);
    return html`<section aria-labelledby="contribute-heading">
      <h2 id="contribute-heading">${t('contribute.heading')}</h2>
      <p>${t('contribute.text')}</p>
      <div class="consent">
        <label class="option">
          <input
            id="consent"
            type="checkbox"
            aria-describedby=${locked ? nothing : 'consent-hint'}
            .checked=${live(this.consent)}
            ?disabled=${locked}
            @change=${this._onConsent}
          />
          <span>${consent.question}</span>
        </label>
        ${locked ? nothing : html`<p class="hint" id="consent-hint">${consent.hint}</p>`}
      </div>
      ${this.consent && !locked ? this._renderArea() : nothing}
      ${this.consent && this.delivery === 'idle'
        ? html`<button type="button" class="button" @click=${this._onSend}>${t('contribute.send')}</button>`
        : nothing}
      <div role="status">${this._renderStatus()}</div>
    </section>`;
  }

  private _renderArea() {
    return this._areas.render({
      pending: () => html`<p class="loading">${t('area.loading')}</p>`,
      error: () => html`<p class="loading">
        ${t('area.loadFailed')}
        <button type="button" class="link-button" @click=${() => this._areas.run()}>${t('area.retry')}</button>
      </p>`,
      complete: (options) => html`<area-combobox
        id="q-area"
        name="area"
        .options=${options}
        .text=${labels().area}
        .value=${this.area}
        .error=${this.areaError}
      ></area-combobox>`,
    });
  }

  private _renderStatus() {
    if (this.delivery === 'idle') return nothing;
    if (this.delivery === 'sending') return html`<div class="status"><p>${t('contribute.sending')}</p></div>`;
    const good = this.delivery === 'counted' || this.delivery === 'already-counted';
    return html`<div class="status ${good ? '' : 'failed'}">
      <p>${t(SAID[this.delivery])}</p>
      ${RETRIABLE.has(this.delivery) && this.consent
        ? html`<button type="button" class="button secondary" @click=${this._onRetry}>${t('contribute.retry')}</button>`
        : nothing}
    </div>`;
  }

  private _onConsent(event: Event) {
    const consent = (event.target as HTMLInputElement).checked;
    this.emit('consent-change', consent);
  }

  private _onSend() {
    this.emit('send');
  }

  private _onRetry() {
    this.emit('retry');
  }
}

customElements.define('contribution-offer', ContributionOffer);

declare global {
  interface HTMLElementTagNameMap {
    'contribution-offer': ContributionOffer;
  }
}
