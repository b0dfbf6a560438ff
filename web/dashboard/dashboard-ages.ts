import { updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { labels } from '../labels.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import './dashboard-data-links.js';
import { dashboard } from './dashboard-styles.js';
import { fill, formatDay, formatPercent, renderCell, valueCell } from './format.js';
import { ageMetrics, indicatorName } from './indicators.js';
import { fetchStats, type SnapshotInfo, type StatsQuery, stableQuery } from './stats-client.js';

/**
 * The country's reports on one day by age band: how many reported, how many had a symptom or
 * met the COVID-like illness definition, and the share with a symptom (from bands with enough
 * reports only), drawn as a bar in its cell.
 */
export class DashboardAges extends LitElement {
  static override properties = {
    country: {},
    day: {},
    info: { attribute: false },
  };
  static override styles = [
    base,
    dashboard,
    css`
      .bar {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        justify-content: flex-end;
      }
      .bar svg {
        flex: none;
        width: 5rem;
        height: 0.75rem;
      }
      @media (max-width: 26rem) {
        .bar svg {
          width: 3rem;
        }
      }
      .wait {
        color: var(--muted);
      }
    `,
  ];

  /** The country's code. */
  declare country: string;
  /** The day shown. */
  declare day: string;
  declare info: SnapshotInfo | undefined;

  private readonly _stable = stableQuery();

  private readonly _rows = new Task(this, {
    task: async ([query], { signal }) => (query ? (await fetchStats(query, signal)).rows : []),
    args: () => [this._query()] as const,
  });

  constructor() {
    super();
    this.country = '';
    this.day = '';
    updateWhenLocaleChanges(this);
  }

  private _query(): StatsQuery | undefined {
    if (!this.country || !this.day) return undefined;
    const metrics = ageMetrics().flatMap((m) => [m.reports, m.symptomatic, m.cli]);
    const query: StatsQuery = { level: 'country', areas: [this.country], from: this.day, to: this.day, period: 'day', metrics };
    return this._stable(query);
  }

  override render() {
    const info = this.info;
    if (!info) return nothing;
    return html`${this._rows.render({
        initial: () => html`<p class="wait" role="status">${t('dash.loading')}</p>`,
        pending: () => html`<p class="wait" role="status">${t('dash.loading')}</p>`,
        error: () => html`<p role="alert">${t('dash.loadFailed')}</p>`,
        complete: (rows) => {
          const byMetric = new Map(rows.map((r) => [r.metric, r]));
          const bandLabels = labels().ageBand.values as Record<string, string>;
          const policy = info.policy;
          return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${fill('dash.ages.caption', { day: formatDay(this.day) })}>
            <table>
              <caption class="visually-hidden">${fill('dash.ages.caption', { day: formatDay(this.day) })}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('dash.col.age')}</th>
                  <th scope="col" class="num">${t('dash.col.reports')}</th>
                  <th scope="col" class="num">${indicatorName('symptomatic')}</th>
                  <th scope="col" class="num">${t('dash.ages.share')}</th>
                  <th scope="col" class="num">${indicatorName('cli')}</th>
                </tr>
              </thead>
              <tbody>
                ${ageMetrics().map((m) => {
                  const reports = valueCell(byMetric.get(m.reports));
                  const symptomatic = valueCell(byMetric.get(m.symptomatic));
                  const share =
                    reports.value !== null && symptomatic.value !== null && reports.value >= policy.projectionMinReports
                      ? symptomatic.value / reports.value
                      : null;
                  return html`<tr data-band=${m.band}>
                    <th scope="row">${bandLabels[m.band]}</th>
                    <td class="num" data-field="reports">${renderCell(reports, policy)}</td>
                    <td class="num" data-field="symptomatic">${renderCell(symptomatic, policy)}</td>
                    <td class="num" data-field="share">
                      ${share === null
                        ? html`<span class="marker" title=${fill('dash.marker.fewReports', { n: policy.projectionMinReports })}>–</span>`
                        : html`<span class="bar"
                            ><svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                              <rect x="0" y="0" width="100" height="10" fill="#e3e8ed" />
                              <rect x="0" y="0" width=${share * 100} height="10" fill="#2b6cb0" /></svg
                            >${formatPercent(share)}</span
                          >`}
                    </td>
                    <td class="num" data-field="cli">${renderCell(valueCell(byMetric.get(m.cli)), policy)}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`;
        },
      })}
      <p class="note">${fill('dash.ages.note', { n: info.policy.projectionMinReports })}</p>
      ${this._query() ? html`<dashboard-data-links .query=${this._query()}></dashboard-data-links>` : nothing}`;
  }
}

customElements.define('dashboard-ages', DashboardAges);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-ages': DashboardAges;
  }
}
