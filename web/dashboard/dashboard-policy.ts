import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { dashboard } from './dashboard-styles.js';
import { fill, formatMoment } from './format.js';
import { indicatorDefinition, indicatorName, SHARE_INDICATORS } from './indicators.js';
import { DATA_PACKAGE_HREF, type SnapshotInfo } from './stats-client.js';

/**
 * How the numbers come about and why some are held back: the release policy in the snapshot's
 * own figures, what the markers mean, and what a projection from a self-selected sample can
 * and cannot say. Every view links here.
 */
export class DashboardPolicy extends LitElement {
  static override properties = { info: { attribute: false } };
  static override styles = [
    base,
    dashboard,
    css`
      h1 {
        margin: 0 0 1rem;
        font-size: 1.75rem;
        line-height: 1.2;
      }
      h2 {
        margin: 1.75rem 0 0.5rem;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.5rem 1rem;
        margin: 0 0 1rem;
      }
      dt {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      dd {
        margin: 0;
      }
      ul {
        margin: 0 0 1rem;
        padding-left: 1.25rem;
      }
      li {
        margin: 0 0 0.5rem;
      }
    `,
  ];

  declare info: SnapshotInfo | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  get heading(): HTMLElement | null {
    return this.renderRoot.querySelector('h1');
  }

  override render() {
    const info = this.info;
    if (!info) return nothing;
    const p = info.policy;
    return html`<article class="card" id="policy">
      <h1 tabindex="-1">${t('dash.policy.title')}</h1>
      <p>${t('dash.policy.intro')}</p>
      <h2>${t('dash.policy.markers')}</h2>
      <dl>
        <dt>&lt;${p.minReports}</dt>
        <dd>${fill('dash.policy.belowMinimum', { n: p.minReports })}</dd>
        <dt>–</dt>
        <dd>${fill('dash.policy.dash', { n: p.projectionMinReports })}</dd>
      </dl>
      <h2>${t('dash.policy.rules')}</h2>
      <ul>
        <li>${t('dash.policy.counters')}</li>
        <li>${fill('dash.policy.perturbed', { max: p.perturbation.maxDeviation, smallest: p.perturbation.smallestPublished })}</li>
        <li>${fill('dash.policy.today', { n: p.openDayEveryHours })}</li>
        <li>${fill('dash.policy.snapshot', { time: formatMoment(info.time, info.timeZone) })}</li>
      </ul>
      <h2>${t('dash.policy.estimates')}</h2>
      <p>${fill('dash.policy.estimatesText', { n: p.projectionMinReports })}</p>
      <p>${t('dash.policy.selfSelected')}</p>
      <h2>${t('dash.policy.indicators')}</h2>
      <dl>
        ${SHARE_INDICATORS.map((i) => html`<dt>${indicatorName(i)}</dt><dd>${indicatorDefinition(i)}</dd>`)}
      </dl>
      <h2>${t('dash.policy.data')}</h2>
      <p>${t('dash.policy.dataText')} <a href=${DATA_PACKAGE_HREF}>${t('dash.policy.dataPackage')}</a>.</p>
    </article>`;
  }
}

customElements.define('dashboard-policy', DashboardPolicy);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-policy': DashboardPolicy;
  }
}
