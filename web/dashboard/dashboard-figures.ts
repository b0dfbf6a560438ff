import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { dashboard } from './dashboard-styles.js';
import {
  type Estimate,
  fill,
  formatDay,
  formatEstimate,
  formatEstimateRange,
  formatPercent,
  formatPercentRange,
  markerMeaning,
  markerText,
  projectedOf,
  ratePer100kOf,
  renderCell,
  sampleCell,
  shareOf,
  standardisedOf,
} from './format.js';
import { addDays } from './periods.js';
import { indicatorDefinition, indicatorName, SHARE_INDICATORS, type ShareIndicator } from './indicators.js';
import type { Level, StatsRow } from './stats-client.js';

/** Rows by metric, then by day. */
export type RowsByMetric = ReadonlyMap<string, ReadonlyMap<string, StatsRow>>;

/**
 * The headline numbers of an area: reports today and on the latest closed day, and for each
 * indicator its share with the 95% interval, the projected number of people and the rate per
 * 100,000 (and, for the country, the age-standardised share).
 */
export class DashboardFigures extends LitElement {
  static override properties = {
    level: {},
    rows: { attribute: false },
    day: {},
    openDay: {},
    policy: { attribute: false },
  };
  static override styles = [
    base,
    dashboard,
    css`
      .reports {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.75rem;
        margin: 0 0 1.5rem;
      }
      .figure {
        padding: 0.875rem 1rem 1rem;
        border-radius: var(--radius);
        background: var(--primary-soft);
      }
      .label {
        margin: 0;
        font-size: 0.9375rem;
        font-weight: 700;
        line-height: 1.3;
      }
      .def {
        margin: 0.125rem 0 0;
        color: var(--muted);
        font-size: 0.8125rem;
        line-height: 1.35;
      }
      .big {
        margin: 0.25rem 0 0.125rem;
        font-size: 2rem;
        font-weight: 700;
        line-height: 1.15;
        font-variant-numeric: tabular-nums;
      }
      .big .marker {
        font-size: 1.5rem;
      }
      .detail {
        margin: 0.125rem 0 0;
        font-size: 0.875rem;
        line-height: 1.4;
        font-variant-numeric: tabular-nums;
      }
      .muted {
        color: var(--muted);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
        margin: 0 0 0.25rem;
      }
      .head h2 {
        margin: 0;
        font-size: 1.125rem;
      }
      .indicators {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .indicator {
        display: grid;
        gap: 0.25rem 1.25rem;
        padding: 0.875rem 0;
        border-bottom: 1px solid var(--soft-line);
      }
      .indicator:last-child {
        border-bottom: 0;
        padding-bottom: 0;
      }
      @media (min-width: 36rem) {
        .indicator {
          grid-template-columns: 10rem 10.5rem 1fr;
          align-items: start;
        }
        .indicator .big {
          margin-top: 0;
        }
      }
      .flag {
        margin: 0.375rem 0 0;
      }
    `,
  ];

  /** The level of the area: the open day is published for the country and regions only. */
  declare level: Level;
  /** The area's rows of reports and of each indicator. */
  declare rows: RowsByMetric;
  /** The day the indicators are shown for: the latest closed day with published reports. */
  declare day: string;
  /** Today in the service's time zone. */
  declare openDay: string;
  declare policy: ReleasePolicy | undefined;

  constructor() {
    super();
    this.level = 'country';
    this.rows = new Map();
    this.day = '';
    this.openDay = '';
    updateWhenLocaleChanges(this);
  }

  override render() {
    const policy = this.policy;
    if (!policy) return nothing;
    const reports = this.rows.get('reports');
    const today = reports?.get(this.openDay);
    return html`<div class="reports">
        <div class="figure" data-figure="today">
          <p class="label">${t('dash.fig.today')}</p>
          ${this.level === 'municipality'
            ? html`<p class="detail">${t('dash.fig.todayMunicipality')}</p>`
            : html`<p class="big" data-field="reports">${renderCell(sampleCell(today), policy)}</p>
                <p class="detail muted">${t('dash.fig.todayNote')}</p>`}
        </div>
        <div class="figure" data-figure="day">
          <p class="label">
            ${this.day === addDays(this.openDay, -1) ? t('dash.fig.yesterday') : fill('dash.fig.onDay', { day: formatDay(this.day) })}
          </p>
          <p class="big" data-field="reports">${renderCell(sampleCell(reports?.get(this.day)), policy)}</p>
          <p class="detail muted">${t('dash.fig.reportsUnit')}</p>
        </div>
      </div>
      <div class="head">
        <h2>${fill('dash.fig.estimatesTitle', { day: formatDay(this.day) })}</h2>
        <span class="estimate-flag">${t('dash.fig.estimate')}</span>
      </div>
      <ul class="indicators">
        ${SHARE_INDICATORS.map((indicator) => this._renderIndicator(indicator, policy))}
      </ul>`;
  }

  private _renderIndicator(indicator: ShareIndicator, policy: ReleasePolicy) {
    const row = this.rows.get(indicator)?.get(this.day);
    const share = shareOf(row);
    const people = projectedOf(row);
    const rate = ratePer100kOf(row);
    const standardised = this.level === 'country' ? standardisedOf(row) : null;
    return html`<li class="indicator" data-figure=${indicator}>
      <div>
        <p class="label">${indicatorName(indicator)}</p>
        <p class="def">${indicatorDefinition(indicator)}</p>
      </div>
      ${share
        ? html`<div>
              <p class="big" data-field="share">${formatPercent(share.value)}</p>
              <p class="detail muted" data-field="interval">
                ${t('dash.fig.interval')}<br />${formatPercentRange(share.low, share.high)}
              </p>
            </div>
            <div>
              ${people ? this._estimate('dash.fig.people', people, 'projected') : nothing}
              ${rate ? this._estimate('dash.fig.rate', rate, 'rate') : nothing}
              ${standardised
                ? html`<p class="detail" data-field="standardised">
                    ${fill('dash.fig.standardised', {
                      share: formatPercent(standardised.value),
                      range: formatPercentRange(standardised.low, standardised.high),
                    })}
                  </p>`
                : nothing}
              ${share.unreliable ? html`<p class="flag"><span class="estimate-flag">${t('dash.fig.unreliable')}</span></p>` : nothing}
            </div>`
        : this._renderMissing(row, policy)}
    </li>`;
  }

  private _estimate(id: 'dash.fig.people' | 'dash.fig.rate', e: Estimate, field: string) {
    return html`<p class="detail" data-field=${field}>
      ${fill(id, { value: formatEstimate(e.value), range: formatEstimateRange(e.low, e.high) })}
    </p>`;
  }

  /** Why there is no share: the count is held back, or there are too few reports to estimate from. */
  private _renderMissing(row: StatsRow | undefined, policy: ReleasePolicy) {
    const reports = sampleCell(row);
    if (reports.value === null) {
      const missing = reports.missing ?? 'absent';
      return html`<div>
          <p class="big" data-field="share"><span class="marker" title=${markerMeaning(missing, policy)}>${markerText(missing, policy)}</span></p>
        </div>
        <p class="detail muted">${missing === 'absent' ? t('dash.fig.noData') : markerMeaning(missing, policy)}</p>`;
    }
    if (row?.value === null && row.missing_value) {
      return html`<div>
          <p class="big" data-field="share"><span class="marker" title=${markerMeaning(row.missing_value, policy)}>${markerText(row.missing_value, policy)}</span></p>
        </div>
        <p class="detail muted">${markerMeaning(row.missing_value, policy)}</p>`;
    }
    return html`<div><p class="big muted" data-field="share">–</p></div>
      <p class="detail muted">${fill('dash.fig.fewReports', { n: policy.projectionMinReports, count: reports.value })}</p>`;
  }
}

customElements.define('dashboard-figures', DashboardFigures);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-figures': DashboardFigures;
  }
}
