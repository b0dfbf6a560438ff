import { css, html } from 'lit';
import { BaseElement } from './base-element.js';
import { currentLocale, LOCALE_NAMES, LOCALES, switchLocale } from './localization.js';
import { t } from './messages.js';
import { base } from './styles.js';

/** Switches the interface to the other language, without reloading: answers stay on the page. */
export class LocaleSwitch extends BaseElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-block;
      }
      .button {
        min-height: 2.75rem;
        padding: 0.375rem 0.75rem;
        font-weight: 600;
      }
    `,
  ];

  override render() {
    const other = LOCALES.find((locale) => locale !== currentLocale())!;
    return html`<button type="button" class="button secondary" @click=${() => this._onSwitch(other)}>
      <span class="visually-hidden">${t('locale.label')}</span>
      <span lang=${other}>${LOCALE_NAMES[other]}</span>
    </button>`;
  }

  private async _onSwitch(locale: (typeof LOCALES)[number]) {
    await switchLocale(locale);
  }
}

customElements.define('locale-switch', LocaleSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'locale-switch': LocaleSwitch;
  }
}
