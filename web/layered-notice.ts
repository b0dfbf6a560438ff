import { css, html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { BaseElement } from './base-element.js';
import { pageHref } from './localization.js';
import { t } from './messages.js';
import { firstLayer, restOfNotice } from './notices.js';
import { noticeText } from './notice-styles.js';
import { base } from './styles.js';

/** The full notice's sections sit under the first layer's heading here, one level down. */
const sectionsBelow = (html: string) => html.replace(/<(\/?)h2>/g, '<$1h3>');

/**
 * The data protection notice in layers, above the first question: who, why, what and the
 * risks in about a hundred words, and the full notice one tap away, in place or on /privacy.
 */
export class LayeredNotice extends BaseElement {
  static override styles = [
    base,
    noticeText,
    css`
      section {
        margin: 0 0 1.75rem;
        padding: 0.75rem 0.875rem 0.25rem;
        border-radius: var(--radius);
        background: var(--page);
        font-size: 0.9375rem;
        line-height: 1.45;
      }
      .notice li {
        margin: 0 0 0.25rem;
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.125rem;
        line-height: 1.3;
      }
      /* The first layer's items lead with a word in bold; bullets would only narrow them. */
      .first ul {
        padding: 0;
        list-style: none;
      }
      summary {
        min-height: 2.75rem;
        padding: 0.5rem 0;
        color: var(--primary);
        font-weight: 600;
        text-decoration: underline;
        text-underline-offset: 0.15em;
        cursor: pointer;
      }
      .page {
        margin: 0.5rem 0 1rem;
      }
    `,
  ];

  override render() {
    const first = firstLayer();
    // The notices are our own build-time HTML from dpia/, filled with escaped configuration values.
    return html`<section aria-labelledby="notice-heading">
      <h2 id="notice-heading">${first.title}</h2>
      <div class="notice first">${unsafeHTML(first.html)}</div>
      <details>
        <summary>${t('notice.more')}</summary>
        <p class="page"><a href=${pageHref('/privacy')}>${t('notice.page')}</a></p>
        <div class="notice">${unsafeHTML(sectionsBelow(restOfNotice().html))}</div>
      </details>
    </section>`;
  }
}

customElements.define('layered-notice', LayeredNotice);

declare global {
  interface HTMLElementTagNameMap {
    'layered-notice': LayeredNotice;
  }
}
