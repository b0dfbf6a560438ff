import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { isDemonstration, isSynthetic } from './instance.js';
import { t } from './messages.js';
import { base } from './styles.js';

/**
 * Says, on every page of an instance whose operator has not given its identity, that this
 * is a demonstration: a resident must not take it for a health authority's service. On a
 * demonstration with synthetic data (`npm run demo`) it also says the numbers are made up,
 * so no one reads them as an outbreak.
 */
export class DemoBanner extends LitElement {
  static override styles = [
    base,
    css`
      p {
        max-width: 44rem;
        margin: 0 auto;
        padding: 0.5rem 1rem;
        font-size: 0.9375rem;
        font-weight: 600;
        line-height: 1.35;
      }
      div {
        background: var(--warning-soft);
        border-bottom: 2px solid var(--warning);
        color: var(--ink);
      }
    `,
  ];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    if (!isDemonstration()) return nothing;
    return html`<div role="note"><p>${t('demo.banner')}${isSynthetic() ? html` ${t('demo.synthetic')}` : nothing}</p></div>`;
  }
}

customElements.define('demo-banner', DemoBanner);

declare global {
  interface HTMLElementTagNameMap {
    'demo-banner': DemoBanner;
  }
}
