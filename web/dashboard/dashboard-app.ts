import { Task } from '@lit/task';
import { css, html, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
import { t } from '../messages.js';
import { plural } from '../plural.js';
import '../site-footer.js';
import '../site-header.js';
import { base } from '../styles.js';
import './dashboard-area.js';
import { findArea } from './dashboard-area.js';
import './dashboard-comparison.js';
import './dashboard-freshness.js';
import './dashboard-policy.js';
import { dashboard } from './dashboard-styles.js';
import { countryName } from './format.js';
import { DASHBOARD_PATH, readRoute, type Route, routeHref } from './route.js';
import { type Areas, fetchAreas, type SnapshotInfo } from './stats-client.js';
import { SnapshotWatch } from './snapshot-watch.js';

type Tab = 'overview' | 'regions' | 'municipalities' | 'policy';

/**
 * /dashboard: the public dashboards. The view is read from the address (`?view=`, `?area=`),
 * links between views change it without a reload (history.pushState), and Back works. A new
 * snapshot updates the numbers in place (SnapshotWatch). It reads the public API only and
 * keeps nothing in the browser.
 */
export class DashboardApp extends BaseElement {
  static override styles = [
    base,
    dashboard,
    css`
      :host {
        /* The header and footer line up with the dashboard's width. */
        --page-width: 96rem;
      }
      main {
        max-width: var(--page-width);
        margin: 0 auto;
        padding: 0.75rem 0.5rem 0;
      }
      @media (min-width: 36rem) {
        main {
          padding: 1.5rem 1rem 0;
        }
      }
      @media (min-width: 64rem) {
        main {
          padding: 1.5rem 1.5rem 0;
        }
      }
      dashboard-freshness {
        margin: 0 0 0.5rem;
      }
      .tabs {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        margin: 0 0 1rem;
        padding: 0;
        list-style: none;
      }
      .tabs a {
        display: flex;
        align-items: center;
        min-height: 2.75rem;
        padding: 0.25rem 0.75rem;
        border-radius: var(--radius);
        color: var(--ink);
        font-weight: 600;
        text-decoration: none;
      }
      @media (max-width: 30rem) {
        .tabs {
          gap: 0;
        }
        .tabs a {
          padding: 0.25rem 0.4375rem;
          font-size: 0.875rem;
        }
      }
      .tabs a:hover {
        background: var(--surface);
        text-decoration: underline;
      }
      .tabs a[aria-current='page'] {
        background: var(--surface);
        box-shadow: inset 0 -3px 0 var(--primary);
        color: var(--primary-dark);
      }
      h1 {
        margin: 0 0 0.25rem;
        font-size: 1.75rem;
        line-height: 1.2;
      }
      .wait {
        padding: 2rem 0;
        color: var(--muted);
      }
    `,
  ];

  @state() private _route: Route = readRoute();
  /** Set by a navigation inside the page, so the new view's heading takes the focus (not on load). */
  private _moved = false;

  private readonly _areas = new Task(this, {
    task: (_args, { signal }) => fetchAreas(signal),
    args: () => [] as const,
  });

  private readonly _snapshot = new SnapshotWatch(this);

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('popstate', this._onPopState);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPopState);
  }

  private readonly _onPopState = () => {
    this._moved = true;
    this._route = readRoute();
  };

  /** Follows a link to another dashboard view without reloading the page. */
  private _onClick(event: MouseEvent) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.composedPath().find((node): node is Element => node instanceof Element && node.localName === 'a');
    const href = link?.getAttribute('href');
    if (!link || !href || link.hasAttribute('download') || link.getAttribute('target')) return;
    const url = new URL(href, location.href);
    if (url.origin !== location.origin || url.pathname !== DASHBOARD_PATH) return;
    event.preventDefault();
    const route = readRoute(url.href);
    if (url.href !== location.href) history.pushState(null, '', url);
    this._moved = true;
    this._route = route;
  }

  protected override updated(changed: PropertyValues) {
    document.title = `${this._title()} – ${t('dash.title')} – ${t('app.name')}`;
    if (changed.has('_route') && this._moved) {
      this._moved = false;
      window.scrollTo(0, 0);
      void this._focusHeading();
    }
  }

  /** Moves the focus to the new view's heading, once it is rendered. */
  private async _focusHeading() {
    await this.updateComplete;
    const view = this.renderRoot.querySelector<HTMLElement & { heading?: HTMLElement | null; updateComplete?: Promise<unknown> }>(
      '.view',
    );
    await view?.updateComplete;
    const heading = view?.heading ?? view?.shadowRoot?.querySelector<HTMLElement>('h1') ?? this.renderRoot.querySelector<HTMLElement>('h1');
    heading?.focus({ preventScroll: true });
  }

  private _title(): string {
    const route = this._route;
    if (route.view === 'area') {
      const areas = this._areas.value;
      return (areas && findArea(areas, route.area)?.name) ?? t('dash.title');
    }
    return this._tabName(route.view);
  }

  override render() {
    const info = this._snapshot.info;
    const failed = html`<div class="card" role="alert"><p>${t('dash.loadFailed')}</p></div>`;
    const loading = html`<p class="wait" role="status">${t('dash.loading')}</p>`;
    return html`<site-header home></site-header>
      <main @click=${this._onClick}>
        ${this._renderTabs()}
        <dashboard-freshness .info=${info}></dashboard-freshness>
        ${this._snapshot.failed
          ? failed
          : this._areas.render({
              initial: () => loading,
              pending: () => loading,
              error: () => failed,
              complete: (areas) => (info ? this._renderView(areas, info) : loading),
            })}
      </main>
      <site-footer home></site-footer>`;
  }

  private _renderTabs() {
    const current = this._tab();
    return html`<nav aria-label=${t('dash.nav')}>
      <ul class="tabs">
        ${(Object.keys(TABS) as Tab[]).map(
          (tab) => html`<li>
            <a href=${routeHref({ view: tab })} aria-current=${current === tab ? 'page' : 'false'}>${this._tabName(tab)}</a>
          </li>`,
        )}
      </ul>
    </nav>`;
  }

  private _tabName(tab: Tab): string {
    const country = this._areas.value?.country;
    return tab === 'overview' && country ? countryName(country) : t(TABS[tab]);
  }

  /** The tab a view belongs to: a region under Regions, a municipality under Municipalities. */
  private _tab(): Tab | undefined {
    const route = this._route;
    if (route.view !== 'area') return route.view;
    const areas = this._areas.value;
    const level = areas ? findArea(areas, route.area)?.level : undefined;
    return level === 'country' ? 'overview' : level === 'region' ? 'regions' : level === 'municipality' ? 'municipalities' : undefined;
  }

  private _renderView(areas: Areas, info: SnapshotInfo) {
    const route = this._route;
    switch (route.view) {
      case 'overview':
        return html`<dashboard-area class="view" .areas=${areas} .info=${info} .code=${areas.country.code}></dashboard-area>`;
      case 'area':
        return findArea(areas, route.area)
          ? html`<dashboard-area class="view" .areas=${areas} .info=${info} .code=${route.area}></dashboard-area>`
          : html`<section class="card view">
              <h1 tabindex="-1">${t('dash.notFound')}</h1>
              <p><a href=${routeHref({ view: 'overview' })}>${t('dash.notFoundBack')}</a></p>
            </section>`;
      case 'regions':
        return html`<section class="card view" aria-labelledby="view-title">
          <h1 id="view-title" tabindex="-1">${t('dash.regions.title')}</h1>
          <p class="sub">${plural('dash.regions.sub', areas.regions.length)}</p>
          <dashboard-comparison level="region" all with-map with-bars .areas=${areas.regions} .info=${info}></dashboard-comparison>
        </section>`;
      case 'municipalities':
        return html`<section class="card view" aria-labelledby="view-title">
          <h1 id="view-title" tabindex="-1">${t('dash.municipalities.title')}</h1>
          <p class="sub">${plural('dash.municipalities.sub', areas.municipalities.length)}</p>
          <dashboard-comparison
            level="municipality"
            all
            searchable
            .areas=${areas.municipalities}
            .regions=${areas.regions}
            .info=${info}
          ></dashboard-comparison>
        </section>`;
      case 'policy':
        return html`<dashboard-policy class="view" .info=${info}></dashboard-policy>`;
    }
  }
}

const TABS = {
  overview: 'dash.tab.overview',
  regions: 'dash.tab.regions',
  municipalities: 'dash.tab.municipalities',
  policy: 'dash.tab.policy',
} as const satisfies Record<Tab, string>;

customElements.define('dashboard-app', DashboardApp);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-app': DashboardApp;
  }
}
