import { css, html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
import { t } from '../messages.js';
import { plural } from '../plural.js';
import { base } from '../styles.js';

/** One area in the comparison chart. */
export interface BarEntry {
  code: string;
  name: string;
  population: number;
  /** The value in the chosen measure, with its 95% interval where it has one. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** The value as written, or a dash. */
  text: string;
  /** Why there is no value, when there is none. */
  meaning: string;
}

/**
 * Areas side by side as horizontal bars, largest first, each with its interval as a whisker
 * and its population under its name; areas without a value come last with a dash. The
 * bars are drawn with SVG attributes (no style attributes, which the CSP refuses). The chart
 * is one image with a text alternative; the table beside it holds the same numbers.
 */
export class DashboardBars extends BaseElement {
  static override styles = [
    base,
    css`
      .bars {
        display: grid;
        grid-template-columns: minmax(7rem, max-content) 1fr auto;
        gap: 0.375rem 0.625rem;
        align-items: center;
        margin: 0;
        font-size: 0.875rem;
      }
      .name {
        line-height: 1.2;
      }
      svg {
        display: block;
        width: 100%;
        height: 1.25rem;
      }
      .value {
        text-align: right;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .missing {
        color: var(--muted);
      }
      @media (max-width: 30rem) {
        /* On a phone each area takes two lines: its name, then its bar and value. */
        .bars {
          grid-template-columns: 1fr auto;
          row-gap: 0.125rem;
        }
        .name {
          grid-column: 1 / -1;
          margin-top: 0.375rem;
        }
        .pop {
          display: inline;
          margin-left: 0.375rem;
        }
      }
      .pop {
        display: block;
        color: var(--muted);
        font-size: 0.75rem;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** The areas and their values. */
  @property({ attribute: false }) entries: readonly BarEntry[] = [];
  /** What the bars show. */
  @property() label = '';

  override render() {
    const sorted = [...this.entries].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
    const max = Math.max(0, ...sorted.map((e) => e.high ?? e.value ?? 0)) || 1;
    const x = (v: number) => (v / max) * 100;
    return html`<div class="bars" role="img" aria-label=${this._summary(sorted)}>
      ${sorted.map(
        (e) => html`<span class="name">${e.name}<span class="pop">${plural('dash.table.population', e.population)}</span></span>
          <svg viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true">
            <rect x="0" y="0" width="100" height="20" fill="#f4f6f8" />
            ${e.value === null
              ? ''
              : svg`<rect x="0" y="4" width=${x(e.value)} height="12" fill="#2b6cb0" />`}
            ${e.low === null || e.high === null
              ? ''
              : svg`<g stroke="#17212b" stroke-width="1.5" vector-effect="non-scaling-stroke">
                  <line x1=${x(e.low)} x2=${x(e.high)} y1="10" y2="10" vector-effect="non-scaling-stroke" />
                  <line x1=${x(e.low)} x2=${x(e.low)} y1="5" y2="15" vector-effect="non-scaling-stroke" />
                  <line x1=${x(e.high)} x2=${x(e.high)} y1="5" y2="15" vector-effect="non-scaling-stroke" />
                </g>`}
          </svg>
          <span class="value ${e.value === null ? 'missing' : ''}" title=${e.value === null ? e.meaning : nothing}>${e.text}</span>`,
      )}
    </div>`;
  }

  /** The text alternative: what is shown and the order, highest first. */
  private _summary(sorted: readonly BarEntry[]): string {
    const shown = sorted.filter((e) => e.value !== null);
    const list = shown.map((e) => `${e.name} ${e.text}`).join('; ');
    return `${this.label}. ${list ? t('dash.bars.summary', { list }) : t('dash.bars.none')}`;
  }
}

customElements.define('dashboard-bars', DashboardBars);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-bars': DashboardBars;
  }
}
