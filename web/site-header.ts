import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { BaseElement } from './base-element.js';
import './demo-banner.js';
import './locale-switch.js';
import { pageHref } from './localization.js';
import { t } from './messages.js';
import { base } from './styles.js';

/** The service's name and the language switcher, at the top of every page; above them, on a demonstration instance, its banner. */
export class SiteHeader extends BaseElement {
  static override styles = [
    base,
    css`
      header {
        border-top: 4px solid var(--primary);
        background: var(--surface);
        border-bottom: 1px solid var(--soft-line);
      }
      .bar {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        justify-content: space-between;
        /* A page may set a wider width (the dashboard does); its header and footer follow. */
        max-width: var(--page-width, 44rem);
        margin: 0 auto;
        padding: 0.75rem 1rem;
      }
      .brand {
        display: flex;
        flex: 1;
        min-width: 0;
        gap: 0.625rem;
        align-items: center;
        color: var(--ink);
        text-decoration: none;
      }
      .brand:hover .name {
        text-decoration: underline;
      }
      svg {
        flex: none;
        width: 2rem;
        height: 2rem;
      }
      .name {
        display: block;
        font-weight: 700;
        line-height: 1.25;
      }
      locale-switch {
        flex: none;
      }
      .topic {
        display: block;
        color: var(--muted);
        font-size: 0.875rem;
        line-height: 1.3;
      }
      @media (max-width: 26rem) {
        /* On the narrowest screens the name and the switcher keep one row. */
        .topic {
          display: none;
        }
      }
    `,
  ];

  /** Whether the name links to the questionnaire (on every page but the questionnaire). */
  @property({ type: Boolean }) home = false;

  override render() {
    const brand = html`<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="#0b5394" />
        <path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" fill="#fff" />
      </svg>
      <span><span class="name">${t('app.name')}</span><span class="topic">${t('app.topic')}</span></span>`;
    return html`<demo-banner></demo-banner>
      <header>
      <div class="bar">
        ${this.home ? html`<a class="brand" href=${pageHref('/')}>${brand}</a>` : html`<div class="brand">${brand}</div>`}
        <locale-switch></locale-switch>
      </div>
    </header>`;
  }
}

customElements.define('site-header', SiteHeader);

declare global {
  interface HTMLElementTagNameMap {
    'site-header': SiteHeader;
  }
}
