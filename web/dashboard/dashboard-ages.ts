import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
import { labels } from '../labels.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import './dashboard-data-links.js';
import { dashboard } from './dashboard-styles.js';
import { capitalised, formatPercent, formatPeriod, renderCount, renderNoValue, renderTableHead, valueCell } from './format.js';
import { ageMetrics, indicatorName } from './indicators.js';
import { type Period, periodQuery } from './periods.js';
import type { Level, SnapshotInfo, StatsQuery } from './stats-client.js';
import { StatsTask } from './stats-task.js';

/**
 * The reports of the country or a region in one period by age band: how many reported, how
 * many had a symptom or met the COVID-like illness definition, and the share with a symptom
 * (from bands with enough reports only), drawn as a bar in its cell.
 */
export class DashboardAges extends BaseElement {
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

  /** The area's code: the country or a region (municipalities publish no age bands). */
  @property() area = '';
  @property() level: Extract<Level, 'country' | 'region'> = 'country';
  /** The period shown. */
  @property({ attribute: false }) period: Period | undefined;
  @property({ attribute: false }) info: SnapshotInfo | undefined;

  private readonly _rows = new StatsTask(this, () => ({ query: this._query(), info: this.info }), (rows) => new Map(rows.map((r) => [r.metric, r])));

  private _query(): StatsQuery | undefined {
    if (!this.area || !this.period) return undefined;
    const metrics = ageMetrics().flatMap((m) => [m.reports, m.symptomatic, m.cli]);
    return { level: this.level, areas: [this.area], ...periodQuery(this.period), metrics };
  }

  override render() {
    const { info, period } = this;
    if (!info || !period) return nothing;
    const caption = t('dash.ages.caption', { period: formatPeriod(period, info.openDay) });
    return html`<p class="sub">${capitalised(formatPeriod(period, info.openDay))}</p>
      ${this._rows.render((byMetric) => {
          const bandLabels = labels().ageBand.values as Record<string, string>;
          const policy = info.policy;
          return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${caption}>
            <table>
              <caption class="visually-hidden">${caption}</caption>
              ${renderTableHead(t('dash.col.age'), [t('dash.col.reports'), indicatorName('symptomatic'), t('dash.ages.share'), indicatorName('cli')])}
              <tbody>
                ${ageMetrics().map((m) => {
                  const reports = valueCell(byMetric.get(m.reports));
                  const symptomatic = valueCell(byMetric.get(m.symptomatic));
                  // Both counts are perturbed on their own, so the ratio is capped at 100%.
                  const share =
                    reports.value !== null && symptomatic.value !== null && reports.value >= policy.projectionMinReports
                      ? Math.min(1, symptomatic.value / reports.value)
                      : null;
                  return html`<tr data-band=${m.band}>
                    <th scope="row">${bandLabels[m.band]}</th>
                    <td class="num" data-field="reports">${renderCount(reports, policy)}</td>
                    <td class="num" data-field="symptomatic">${renderCount(symptomatic, policy)}</td>
                    <td class="num" data-field="share">
                      ${share === null
                        ? renderNoValue(t('dash.marker.fewReports', { n: policy.projectionMinReports }))
                        : html`<span class="bar"
                            ><svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                              <rect x="0" y="0" width="100" height="10" fill="#e3e8ed" />
                              <rect x="0" y="0" width=${share * 100} height="10" fill="#2b6cb0" /></svg
                            >${formatPercent(share)}</span
                          >`}
                    </td>
                    <td class="num" data-field="cli">${renderCount(valueCell(byMetric.get(m.cli)), policy)}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`;
        })}
      <p class="note">${t('dash.ages.note', { n: info.policy.projectionMinReports })} ${t('dash.ages.notAdditive')}</p>
      <dashboard-data-links .query=${this._query()}></dashboard-data-links>`;
  }
}

customElements.define('dashboard-ages', DashboardAges);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-ages': DashboardAges;
  }
}
