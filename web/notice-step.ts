import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { labels } from './labels.js';
import { pageHref } from './localization.js';
import { t } from './messages.js';
import { essentialNotice } from './notices.js';
import { noticeText } from './notice-styles.js';
import { base, question } from './styles.js';

/**
 * Step 1: the essential information before any question, a link to the full notice, and
 * the unticked consent box. Consent is only about sending: without it, advice still follows.
 */
export class NoticeStep extends LitElement {
  static override properties = { consent: { type: Boolean } };
  static override styles = [
    base,
    question,
    noticeText,
    css`
      .full {
        margin: 0 0 2rem;
        font-weight: 600;
      }
      .choice {
        margin: 0 0 1.5rem;
        padding: 1rem 1.25rem;
        border: 2px solid var(--primary);
        border-radius: var(--radius);
        background: var(--primary-soft);
      }
      .choice h2 {
        margin: 0 0 0.75rem;
        font-size: 1.25rem;
      }
      .choice .option {
        border-color: var(--line);
      }
      .choice .hint {
        margin: 0.5rem 0 0;
      }
    `,
  ];

  /** Whether the consent box is ticked. */
  declare consent: boolean;

  constructor() {
    super();
    this.consent = false;
    updateWhenLocaleChanges(this);
  }

  override render() {
    const consent = labels().consent;
    // The notice is our own build-time HTML from dpia/, never anything a person typed.
    return html`<div class="notice">${unsafeHTML(essentialNotice().html)}</div>
      <p class="full"><a href=${pageHref('/privacy')}>${t('notice.fullLink')}</a></p>
      <section class="choice" aria-labelledby="choice-heading">
        <h2 id="choice-heading">${t('notice.choice')}</h2>
        <label class="option">
          <input type="checkbox" aria-describedby="consent-hint" .checked=${this.consent} @change=${this._onConsent} />
          <span>${consent.question}</span>
        </label>
        <p class="hint" id="consent-hint">${consent.hint}</p>
      </section>
      <button type="button" class="button" @click=${this._onContinue}>${t('notice.continue')}</button>`;
  }

  private _onConsent(event: Event) {
    const consent = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new CustomEvent<boolean>('consent-change', { detail: consent, bubbles: true, composed: true }));
  }

  private _onContinue() {
    this.dispatchEvent(new CustomEvent('continue', { bubbles: true, composed: true }));
  }
}

customElements.define('notice-step', NoticeStep);

declare global {
  interface HTMLElementTagNameMap {
    'notice-step': NoticeStep;
  }
}
