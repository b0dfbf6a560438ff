import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { BaseElement } from './base-element.js';
import { pageHref } from './localization.js';
import { t } from './messages.js';
import { base } from './styles.js';

/** The emergency number and the links every page carries. */
export class SiteFooter extends BaseElement {
  static override styles = [
    base,
    css`
      footer {
        /* A page may set a wider width (the dashboard does); its header and footer follow. */
        max-width: var(--page-width, 44rem);
        margin: 0 auto;
        padding: 1.5rem 1rem 2.5rem;
        color: var(--muted);
      }
      p {
        margin: 0 0 0.5rem;
      }
      .emergency {
        color: var(--ink);
        font-weight: 600;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.5rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      a {
        display: inline-block;
        padding: 0.5rem 0;
      }
    `,
  ];

  /** Whether to link to the questionnaire (on every page but the questionnaire). */
  @property({ type: Boolean }) home = false;

  override render() {
    return html`<footer>
      <p class="emergency">${t('footer.emergency')} <a href="tel:112">112</a>.</p>
      <ul>
        ${this.home ? html`<li><a href=${pageHref('/')}>${t('footer.form')}</a></li>` : nothing}
        <li><a href=${pageHref('/privacy')}>${t('footer.privacy')}</a></li>
      </ul>
    </footer>`;
  }
}

customElements.define('site-footer', SiteFooter);

declare global {
  interface HTMLElementTagNameMap {
    'site-footer': SiteFooter;
  }
}
