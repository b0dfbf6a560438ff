import { css, html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { BaseElement } from './base-element.js';
import { pageHref } from './localization.js';
import { t } from './messages.js';
import { noticeText } from './notice-styles.js';
import { firstLayer, restOfNotice } from './notices.js';
import './site-footer.js';
import './site-header.js';
import { base } from './styles.js';

/** /privacy: the whole data protection notice from dpia/, its first layer first, in the chosen language. */
export class PrivacyPage extends BaseElement {
  static override styles = [
    base,
    noticeText,
    css`
      main {
        max-width: 44rem;
        margin: 0 auto;
        padding: 1rem 0.75rem 0;
      }
      article {
        padding: 1.25rem 1rem 1.75rem;
        border-radius: 0.75rem;
        background: var(--surface);
        box-shadow: 0 1px 3px rgb(23 33 43 / 12%);
      }
      @media (min-width: 36rem) {
        main {
          padding: 2rem 1rem 0;
        }
        article {
          padding: 2rem 2.25rem 2.5rem;
        }
      }
      h1 {
        margin: 0 0 1rem;
        font-size: 1.75rem;
        line-height: 1.2;
      }
      .notice > h2:first-child {
        margin-top: 0;
      }
      .lead {
        margin: 0 0 1rem;
        font-size: 1.25rem;
        font-weight: 700;
      }
      .back {
        margin: 2rem 0 0;
        font-weight: 600;
      }
    `,
  ];

  protected override updated() {
    document.title = `${t('privacy.title')} – ${t('app.name')}`;
  }

  override render() {
    const first = firstLayer();
    // The notices are our own build-time HTML from dpia/, filled with escaped configuration values.
    return html`<site-header home></site-header>
      <main>
        <article>
          <h1>${t('privacy.title')}</h1>
          <p class="lead">${first.title}</p>
          <div class="notice">${unsafeHTML(first.html)}${unsafeHTML(restOfNotice().html)}</div>
          <p class="back"><a href=${pageHref('/')}>${t('privacy.back')}</a></p>
        </article>
      </main>
      <site-footer home></site-footer>`;
  }
}

customElements.define('privacy-page', PrivacyPage);

declare global {
  interface HTMLElementTagNameMap {
    'privacy-page': PrivacyPage;
  }
}
