import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { BaseElement } from '../base-element.js';
import { base } from '../styles.js';

export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * A small set of exclusive choices (28 or 7 days, per 100,000 or absolute): native radio
 * buttons drawn as a segmented control, so arrow keys, labels and screen readers work as usual.
 * Fires `choice-change` with the chosen value.
 */
export class DashboardChoice extends BaseElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-block;
        max-width: 100%;
      }
      fieldset {
        min-width: 0;
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend {
        margin: 0 0 0.25rem;
        padding: 0;
        color: var(--muted);
        font-size: 0.875rem;
        font-weight: 600;
      }
      .options {
        display: flex;
        flex-wrap: wrap;
        gap: 0.375rem;
      }
      label {
        position: relative;
        display: block;
      }
      input {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        margin: 0;
        opacity: 0;
        cursor: pointer;
      }
      span {
        display: flex;
        align-items: center;
        min-height: 2.5rem;
        padding: 0.25rem 0.875rem;
        border: 1px solid var(--line);
        border-radius: 1.25rem;
        background: var(--surface);
        color: var(--ink);
        font-size: 0.9375rem;
        font-weight: 600;
        white-space: nowrap;
      }
      label:hover span {
        background: var(--primary-soft);
      }
      input:checked + span {
        border-color: var(--primary);
        background: var(--primary);
        color: #fff;
      }
      @media (max-width: 30rem) {
        span {
          min-height: 2.25rem;
          padding: 0.125rem 0.5625rem;
          font-size: 0.875rem;
        }
      }
      input:focus-visible + span {
        outline: 3px solid var(--focus);
        outline-offset: 2px;
      }
    `,
  ];

  /** What is being chosen, shown above the choices. */
  @property() legend = '';
  /** The choices, in order. */
  @property({ attribute: false }) options: readonly ChoiceOption[] = [];
  /** The chosen value. */
  @property() value = '';

  override render() {
    return html`<fieldset>
      <legend>${this.legend}</legend>
      <div class="options">
        ${this.options.map(
          (option) => html`<label>
            <input type="radio" name="choice" .value=${option.value} .checked=${live(option.value === this.value)} @change=${this._onChange} />
            <span>${option.label}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private _onChange(event: Event) {
    const input = event.target as HTMLInputElement;
    if (!input.checked) return;
    this.value = input.value;
    this.emit('choice-change', input.value);
  }
}

customElements.define('dashboard-choice', DashboardChoice);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-choice': DashboardChoice;
  }
}
