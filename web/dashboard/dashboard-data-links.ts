import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { routeHref } from './route.js';
import { DATA_PACKAGE_HREF, type StatsQuery, statsHref } from './stats-client.js';

/**
 * The data behind a view: the CSV of exactly the rows it shows (the same filters), the same
 * rows as JSON, the data package that describes every column, and the release policy.
 */
export class DashboardDataLinks extends BaseElement {
  static override styles = [
    base,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        margin: 1rem 0 0;
        padding: 0.75rem 0 0;
        border-top: 1px solid var(--soft-line);
        list-style: none;
        font-size: 0.9375rem;
      }
      a {
        display: inline-block;
        padding: 0.375rem 0;
      }
      .csv {
        font-weight: 700;
      }
      svg {
        width: 1rem;
        height: 1rem;
        margin-right: 0.25rem;
        vertical-align: -0.125rem;
      }
    `,
  ];

  /** The filters of the rows the view shows. */
  @property({ attribute: false }) query: StatsQuery | undefined;

  override render() {
    const query = this.query;
    if (!query) return nothing;
    return html`<ul>
      <li>
        <a class="csv" href=${statsHref(query, 'csv')} download data-link="csv">
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1v9m-4-4 4 4 4-4M2 14h12" fill="none" stroke="currentColor" stroke-width="2" /></svg
          >${t('dash.links.csv')}</a
        >
      </li>
      <li><a href=${statsHref(query, 'json')} data-link="json">${t('dash.links.json')}</a></li>
      <li><a href=${DATA_PACKAGE_HREF} data-link="datapackage">${t('dash.links.dataPackage')}</a></li>
      <li><a href=${routeHref({ view: 'policy' })} data-link="policy">${t('dash.links.policy')}</a></li>
    </ul>`;
  }
}

customElements.define('dashboard-data-links', DashboardDataLinks);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-data-links': DashboardDataLinks;
  }
}
