import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { type AreaOption, exactArea, matchAreas } from './area-search.js';
import { t } from './messages.js';
import { QuestionElement } from './question-element.js';
import { describedBy, hintAndError, type QuestionText } from './question-labels.js';
import { base, question } from './styles.js';

/**
 * The municipality: a text box that suggests names as they are typed, with or without
 * diacritics (`crnomelj` finds Črnomelj). The ARIA 1.2 combobox pattern with a listbox
 * popup and list autocomplete with automatic selection: typing highlights the best match,
 * Enter takes it, arrows move, Escape closes or clears. Only a name from the list is an answer.
 */
export class AreaCombobox extends QuestionElement<QuestionText> {
  static override styles = [
    base,
    question,
    css`
      .field {
        position: relative;
      }
      input {
        display: block;
        width: 100%;
        min-height: 3rem;
        padding: 0.5rem 0.75rem;
      }
      [aria-invalid='true'] {
        border-color: var(--error);
      }
      [role='listbox'] {
        position: absolute;
        z-index: 2;
        top: calc(100% + 0.25rem);
        right: 0;
        left: 0;
        max-height: min(18rem, 50vh);
        margin: 0;
        padding: 0.25rem 0;
        overflow-y: auto;
        list-style: none;
        background: var(--surface);
        border: 2px solid var(--line);
        border-radius: var(--radius);
        box-shadow: 0 0.5rem 1.5rem rgb(23 33 43 / 18%);
      }
      [role='listbox'][hidden] {
        display: none;
      }
      [role='option'] {
        padding: 0.625rem 0.75rem;
        border-left: 4px solid transparent;
        cursor: pointer;
      }
      [role='option']:hover {
        background: var(--page);
      }
      [role='option'][aria-selected='true'] {
        border-left-color: var(--primary);
        background: var(--primary-soft);
        font-weight: 600;
      }
      .none {
        margin: 0.5rem 0 0;
        color: var(--muted);
      }
    `,
  ];

  /** The municipalities to choose from. */
  @property({ attribute: false }) options: readonly AreaOption[] = [];
  /** The chosen municipality's code, if any. */
  @property() value: string | undefined;
  @state() private _typed = '';
  @state() private _open = false;
  @state() private _active = -1;

  override focus(options?: FocusOptions) {
    this._input()?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // A chosen municipality shows its name, also when the list arrives after the value.
    if ((changed.has('value') || changed.has('options')) && this.value) {
      const chosen = this.options.find((o) => o.code === this.value);
      if (chosen) this._typed = chosen.name;
    }
  }

  protected override updated() {
    if (this._open && this._active >= 0) {
      this.renderRoot.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
    }
  }

  override render() {
    const text = this.text;
    const matches = this._matches();
    const active = this._open ? matches[this._active] : undefined;
    const noMatch = this._open && matches.length === 0;
    return html`<div class=${this.error ? 'invalid' : ''}>
      <label class="label" for="input">${text?.question}</label>
      ${hintAndError(text, this.error)}
      <div class="field">
        <input
          id="input"
          type="text"
          role="combobox"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-expanded=${this._open && matches.length > 0 ? 'true' : 'false'}
          aria-activedescendant=${active ? `option-${active.code}` : nothing}
          aria-describedby=${describedBy(text, this.error)}
          aria-invalid=${this.error ? 'true' : nothing}
          .value=${live(this._typed)}
          @input=${this._onInput}
          @keydown=${this._onKeyDown}
          @blur=${this._onBlur}
        />
        <ul
          id="listbox"
          role="listbox"
          aria-label=${text?.question ?? ''}
          ?hidden=${!this._open || matches.length === 0}
          @pointerdown=${(e: Event) => e.preventDefault()}
        >
          ${this._open
            ? matches.map(
                (option) => html`<li
                  id="option-${option.code}"
                  role="option"
                  aria-selected=${option === active ? 'true' : 'false'}
                  @click=${() => this._choose(option)}
                >
                  ${option.name}
                </li>`,
              )
            : nothing}
        </ul>
      </div>
      ${noMatch ? html`<p class="none" aria-hidden="true">${t('area.noResults')}</p>` : nothing}
      <p class="visually-hidden" role="status">
        ${this._open ? (noMatch ? t('area.noResults') : t('area.results', { n: matches.length })) : ''}
      </p>
    </div>`;
  }

  private _input() {
    return this.renderRoot.querySelector<HTMLInputElement>('input');
  }

  private _matches(): AreaOption[] {
    return this._typed.trim() ? matchAreas(this.options, this._typed) : [...this.options].sort((a, b) => a.name.localeCompare(b.name, 'sl'));
  }

  private _onInput(event: Event) {
    this._typed = (event.target as HTMLInputElement).value;
    this._open = this._typed.trim().length > 0;
    this._active = this._open && this._matches().length > 0 ? 0 : -1;
    if (this.value !== undefined) this.answer(undefined);
  }

  private _onKeyDown(event: KeyboardEvent) {
    const count = this._matches().length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this._open) {
          this._open = true;
          this._active = count > 0 ? 0 : -1;
        } else if (count > 0) this._active = Math.min(this._active + 1, count - 1);
        break;
      case 'ArrowUp':
        if (!this._open) return;
        event.preventDefault();
        if (count > 0) this._active = Math.max(this._active - 1, 0);
        break;
      case 'Enter':
        if (!this._open) return; // submits the form
        event.preventDefault();
        if (this._active >= 0) this._choose(this._matches()[this._active]!);
        else this._close();
        break;
      case 'Escape':
        if (this._open) this._close();
        else if (this._typed) {
          this._typed = '';
          if (this.value !== undefined) this.answer(undefined);
        } else return;
        event.preventDefault();
        break;
    }
  }

  /** Leaving the box with a name typed in full (or the only match) counts as choosing it. */
  private _onBlur() {
    if (this.value === undefined && this._typed.trim()) {
      const matches = matchAreas(this.options, this._typed);
      const option = exactArea(this.options, this._typed) ?? (matches.length === 1 ? matches[0] : undefined);
      if (option) this._choose(option);
    }
    this._close();
  }

  private _choose(option: AreaOption) {
    this._typed = option.name;
    this._close();
    this.answer(option.code);
  }

  private _close() {
    this._open = false;
    this._active = -1;
  }
}

customElements.define('area-combobox', AreaCombobox);

declare global {
  interface HTMLElementTagNameMap {
    'area-combobox': AreaCombobox;
  }
}
