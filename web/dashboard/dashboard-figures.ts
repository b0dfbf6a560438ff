import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { BaseElement } from '../base-element.js';
import { t } from '../messages.js';
import { plural } from '../plural.js';
import { base } from '../styles.js';
import { dashboard } from './dashboard-styles.js';
import {
  AS_ESTIMATE,
  formatDay,
  formatEstimate,
  formatEstimateRange,
  formatPercent,
  formatPercentRange,
  formatPeriod,
  formatTime,
  noEstimateMeaning,
  projectedOf,
  ratePer100kOf,
  renderCount,
  renderNoValue,
  sampleCell,
  shareOf,
  standardisedOf,
} from './format.js';
import { indicatorDefinition, indicatorName, SHARE_INDICATORS, type ShareIndicator } from './indicators.js';
import { nextMonday, type Period, weekBefore } from './periods.js';
import type { Level, SnapshotInfo, StatsRow } from './stats-client.js';
import { trendOf } from './trend.js';

/** Rows by metric, then by period (`time_value`). */
export type RowsByMetric = ReadonlyMap<string, ReadonlyMap<string, StatsRow>>;

/**
 * The headline numbers of an area for its latest published period (a day for the country and
 * regions, a week for municipalities): the reports, and for each indicator the share of
 * reports with its 95% interval and the reports it comes from, against a week earlier. The
 * projection onto the population comes second, as the estimate it is. Beside them, today so
 * far: provisional, published at fixed times.
 */
export class DashboardFigures extends BaseElement {
  static override styles = [
    base,
    dashboard,
    css`
      .reports {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
        gap: 0.75rem;
        margin: 0 0 1.5rem;
      }
      .figure {
        padding: 0.875rem 1rem 1rem;
        border-radius: var(--radius);
        background: var(--primary-soft);
      }
      .figure.provisional {
        background: var(--estimate-soft);
      }
      .label {
        margin: 0;
        font-size: 0.9375rem;
        font-weight: 700;
        line-height: 1.3;
      }
      .def {
        margin: 0.125rem 0 0.5rem;
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
      .big .unit {
        font-size: 1rem;
        font-weight: 600;
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
      .indicators {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
        gap: 0.75rem;
        margin: 0 0 1.5rem;
        padding: 0;
        list-style: none;
      }
      .indicator {
        padding: 0.875rem 1rem 1rem;
        border: 1px solid var(--soft-line);
        border-radius: var(--radius);
      }
      .trend {
        margin: 0.5rem 0 0;
        padding-top: 0.5rem;
        border-top: 1px solid var(--soft-line);
      }
      .estimates {
        padding: 1rem;
        border-radius: var(--radius);
        background: var(--page);
      }
      .estimates h3 {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
        margin: 0 0 0.5rem;
      }
      .estimates dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
        gap: 0.75rem;
        margin: 0.75rem 0 0;
      }
      .estimates dt {
        font-weight: 700;
      }
      .estimates dd {
        margin: 0;
      }
      .flag {
        margin: 0.375rem 0 0;
      }
    `,
  ];

  /** The level of the area: the open day is published for the country and regions only. */
  @property() level: Level = 'country';
  /** The area's rows of reports and of each indicator. */
  @property({ attribute: false }) rows: RowsByMetric = new Map();
  /** The period the headline is for: the latest with published reports. */
  @property({ attribute: false }) period: Period | undefined;
  @property({ attribute: false }) info: SnapshotInfo | undefined;

  override render() {
    const { period, info } = this;
    if (!period || !info) return nothing;
    const policy = info.policy;
    const earlier = weekBefore(period);
    const reports = this.rows.get('reports');
    const periodName = formatPeriod(period, info.openDay);
    return html`<div class="reports">
        <div class="figure" data-figure="period">
          <p class="label">${t('dash.fig.reports', { period: periodName })}</p>
          <p class="big" data-field="reports">${renderCount(sampleCell(reports?.get(period.label)), policy)}</p>
          <p class="detail" data-field="earlier">
            ${t('dash.fig.reportsEarlier', { period: formatPeriod(earlier, info.openDay) })}
            <b>${renderCount(sampleCell(reports?.get(earlier.label)), policy)}</b>
          </p>
          <p class="detail muted">${t(period.type === 'day' ? 'dash.fig.latestDay' : 'dash.fig.latestWeek')}</p>
        </div>
        ${this._renderOpen(info)}
      </div>
      <h2>${t('dash.fig.sharesTitle', { period: periodName })}</h2>
      <p class="sub">${t('dash.fig.sharesSub')}</p>
      <ul class="indicators">
        ${SHARE_INDICATORS.map((indicator) => this._renderShare(indicator, period, earlier, info))}
      </ul>
      ${this._renderEstimates(period, policy, periodName)}`;
  }

  /** Today so far, provisional (country, regions); for a municipality, when this week is published. */
  private _renderOpen(info: SnapshotInfo) {
    if (this.level === 'municipality') {
      return html`<div class="figure provisional" data-figure="today">
        <p class="label">${t('dash.fig.thisWeek')}</p>
        <p class="detail">${t('dash.fig.thisWeekNote', { day: formatDay(nextMonday(info.openDay)) })}</p>
      </div>`;
    }
    const { openDayPublishedAt: published, openDayNextAt: next, timeZone } = info;
    const nextText = next ? t('dash.fig.todayNext', { time: formatTime(next, timeZone) }) : t('dash.fig.todayNextClose');
    if (!published) {
      return html`<div class="figure provisional" data-figure="today">
        <p class="label">${t('dash.fig.today')}</p>
        <p class="detail" data-field="today-status">${t('dash.fig.todayNone')} ${nextText}</p>
      </div>`;
    }
    const today = this.rows.get('reports')?.get(info.openDay);
    return html`<div class="figure provisional" data-figure="today">
      <p class="label">${t('dash.fig.todayUntil', { time: formatTime(published, timeZone) })}</p>
      <p class="big" data-field="reports">${renderCount(sampleCell(today), info.policy)}</p>
      <p class="detail" data-field="today-status">
        <span class="estimate-flag">${t('dash.fig.provisional')}</span> ${t('dash.fig.todayPublished', { time: formatTime(published, timeZone) })}
        ${nextText}
      </p>
    </div>`;
  }

  private _renderShare(indicator: ShareIndicator, period: Period, earlier: Period, info: SnapshotInfo) {
    const rows = this.rows.get(indicator);
    const row = rows?.get(period.label);
    const share = shareOf(row);
    const before = shareOf(rows?.get(earlier.label));
    const reports = sampleCell(row).value;
    return html`<li class="indicator" data-figure=${indicator}>
      <p class="label">${indicatorName(indicator)}</p>
      <p class="def">${indicatorDefinition(indicator)}</p>
      ${share && reports !== null
        ? html`<p class="big" data-field="share">${formatPercent(share.value)}</p>
            <p class="detail" data-field="interval">${t('dash.fig.interval', { range: formatPercentRange(share.low, share.high) })}</p>
            <p class="detail muted" data-field="base">${plural('dash.fig.fromReports', reports)}</p>
            ${share.unreliable ? html`<p class="flag"><span class="estimate-flag">${t('dash.fig.unreliable')}</span></p>` : nothing}`
        : html`<p class="big muted" data-field="share">${renderNoValue(noEstimateMeaning(row, info.policy))}</p>
            <p class="detail muted">${this._whyNoShare(row, info.policy)}</p>`}
      <p class="detail trend" data-field="trend">
        ${share && before
          ? t(`dash.trend.${trendOf(share, before)}`, { share: formatPercent(before.value), period: formatPeriod(earlier, info.openDay) })
          : t('dash.trend.none', { period: formatPeriod(earlier, info.openDay) })}
      </p>
    </li>`;
  }

  /** Why there is no share: the period published too few reports, or too few to estimate from. */
  private _whyNoShare(row: StatsRow | undefined, policy: ReleasePolicy): string {
    const reports = sampleCell(row);
    if (reports.value === null) return noEstimateMeaning(row, policy);
    return plural('dash.fig.fewReports', reports.value, { min: policy.projectionMinReports });
  }

  /** The projection onto the population: second, and named as the estimate it is. */
  private _renderEstimates(period: Period, policy: ReleasePolicy, periodName: string) {
    return html`<section class="estimates" aria-labelledby="estimates-title">
      <h3 id="estimates-title">${t('dash.est.title', { period: periodName })} <span class="estimate-flag">${t('dash.est.flag')}</span></h3>
      <p class="detail">${t('dash.est.assumption')}</p>
      <dl>
        ${SHARE_INDICATORS.map((indicator) => {
          const row = this.rows.get(indicator)?.get(period.label);
          const rate = ratePer100kOf(row);
          const people = projectedOf(row);
          const standardised = standardisedOf(row);
          return html`<div data-estimate=${indicator}>
            <dt>${indicatorName(indicator)}</dt>
            ${rate && people
              ? html`<dd class="detail" data-field="rate">
                    ${t('dash.est.rate', { value: formatEstimate(rate.value), range: formatEstimateRange(rate.low, rate.high) })}
                  </dd>
                  <dd class="detail" data-field="projected">
                    ${plural('dash.est.people', people.value, { range: formatEstimateRange(people.low, people.high) }, AS_ESTIMATE)}
                  </dd>`
              : html`<dd class="detail muted">${noEstimateMeaning(row, policy)}</dd>`}
            ${standardised
              ? html`<dd class="detail" data-field="standardised">
                  ${t('dash.est.standardised', {
                    share: formatPercent(standardised.value),
                    range: formatPercentRange(standardised.low, standardised.high),
                  })}
                </dd>`
              : nothing}
          </div>`;
        })}
      </dl>
    </section>`;
  }
}

customElements.define('dashboard-figures', DashboardFigures);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-figures': DashboardFigures;
  }
}
