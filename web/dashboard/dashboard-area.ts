import { updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { t } from '../messages.js';
import { base } from '../styles.js';
import './dashboard-ages.js';
import './dashboard-choice.js';
import './dashboard-comparison.js';
import './dashboard-data-links.js';
import './dashboard-figures.js';
import type { RowsByMetric } from './dashboard-figures.js';
import './dashboard-series.js';
import { dashboard } from './dashboard-styles.js';
import { fill, formatCount, formatDay, formatMoment } from './format.js';
import { indicatorName, SHARE_INDICATORS, type ShareIndicator } from './indicators.js';
import { addDays, daysUpTo } from './periods.js';
import { areaHref, routeHref } from './route.js';
import { type Areas, fetchStats, type Level, type Region, type SnapshotInfo, type StatsQuery, type StatsRow, stableQuery } from './stats-client.js';

/** How many closed days the time series show. */
const SERIES_DAYS = 28;
/** The short view. */
const WEEK_DAYS = 7;

/** An area of the pack, found by its code. */
export interface AreaInfo {
  code: string;
  name: string;
  level: Level;
  population: number;
  /** The region a municipality belongs to. */
  region?: Region;
}

export function findArea(areas: Areas, code: string): AreaInfo | undefined {
  if (code === areas.country.code) {
    const population = areas.regions.reduce((sum, r) => sum + r.population, 0);
    return { ...areas.country, level: 'country', population };
  }
  const region = areas.regions.find((r) => r.code === code);
  if (region) return { ...region, level: 'region' };
  const municipality = areas.municipalities.find((m) => m.code === code);
  if (!municipality) return undefined;
  const { region: regionCode, ...rest } = municipality;
  const parent = areas.regions.find((r) => r.code === regionCode);
  return { ...rest, level: 'municipality', ...(parent ? { region: parent } : {}) };
}

function byMetricAndDay(rows: readonly StatsRow[]): RowsByMetric {
  const grouped = new Map<string, Map<string, StatsRow>>();
  for (const row of rows) {
    if (row.time_type !== 'day') continue;
    let days = grouped.get(row.metric);
    if (!days) grouped.set(row.metric, (days = new Map()));
    days.set(row.time_value, row);
  }
  return grouped;
}

/**
 * One area: the country (the overview), a region or a municipality. Headline figures for the
 * latest closed day with published reports, the last 28 (or 7) days as charts with tables,
 * and by level: the age breakdown (country) or the region's municipalities.
 */
export class DashboardArea extends LitElement {
  static override properties = {
    areas: { attribute: false },
    info: { attribute: false },
    code: {},
    _range: { state: true },
    _indicator: { state: true },
  };
  static override styles = [
    base,
    dashboard,
    css`
      h1 {
        margin: 0 0 0.25rem;
        font-size: 1.75rem;
        line-height: 1.2;
      }
      .crumbs {
        margin: 0 0 0.5rem;
        padding: 0;
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        font-size: 0.9375rem;
      }
      .crumbs li:not(:last-child)::after {
        content: '›';
        margin-left: 0.375rem;
        color: var(--muted);
      }
      .crumbs li {
        padding: 0.25rem 0;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.125rem 1.25rem;
        margin: 0 0 1.25rem;
        padding: 0;
        list-style: none;
        color: var(--muted);
        font-size: 0.9375rem;
      }
      .facts b {
        color: var(--ink);
        font-variant-numeric: tabular-nums;
      }
      .series {
        display: grid;
        /* minmax(0, …): a wide table scrolls inside its box instead of widening the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: 1.75rem;
      }
      .series-head {
        margin: 0 0 1rem;
      }
      .wait {
        color: var(--muted);
      }
    `,
  ];

  /** The area tree, with populations. */
  declare areas: Areas | undefined;
  /** The snapshot the dashboard reads. */
  declare info: SnapshotInfo | undefined;
  /** The area shown. */
  declare code: string;
  private declare _range: number;
  private declare _indicator: ShareIndicator;

  private readonly _stable = stableQuery();

  private readonly _rows = new Task(this, {
    task: async ([query], { signal }) => (query ? byMetricAndDay((await fetchStats(query, signal)).rows) : new Map()) as RowsByMetric,
    args: () => [this._query()] as const,
  });

  constructor() {
    super();
    this.code = '';
    this._range = SERIES_DAYS;
    this._indicator = 'symptomatic';
    updateWhenLocaleChanges(this);
  }

  /**
   * The area's rows: the last 28 closed days and today, for the country and the regions.
   * Municipalities publish no days, and the API refuses to be asked for what is never published.
   */
  private _query(): StatsQuery | undefined {
    const area = this._area();
    const info = this.info;
    if (!area || !info || area.level === 'municipality') return undefined;
    const query: StatsQuery = {
      level: area.level,
      areas: [area.code],
      from: addDays(info.openDay, -SERIES_DAYS),
      to: info.openDay,
      period: 'day',
      metrics: ['reports', ...SHARE_INDICATORS],
    };
    return this._stable(query);
  }

  private _area(): AreaInfo | undefined {
    return this.areas ? findArea(this.areas, this.code) : undefined;
  }

  /** The heading, for the page title and for the focus after navigation. */
  get heading(): HTMLElement | null {
    return this.renderRoot.querySelector('h1');
  }

  override render() {
    const area = this._area();
    const info = this.info;
    const areas = this.areas;
    if (!area || !info || !areas) return nothing;
    const query = this._query();
    return html`<section class="card" aria-labelledby="area-title">
        ${this._renderCrumbs(area, areas)}
        <h1 id="area-title" tabindex="-1">${area.name}</h1>
        <ul class="facts">
          <li>${t(`dash.level.${area.level}`)}${area.region ? html` · ${area.region.name}` : nothing}</li>
          <li>${t('dash.fact.population')} <b data-field="population">${formatCount(area.population)}</b></li>
          <li>${t('dash.fact.snapshot')} <b>${formatMoment(info.time, info.timeZone)}</b></li>
        </ul>
        ${this._rows.render({
          initial: () => html`<p class="wait" role="status">${t('dash.loading')}</p>`,
          pending: () => html`<p class="wait" role="status">${t('dash.loading')}</p>`,
          error: () => html`<p role="alert">${t('dash.loadFailed')}</p>`,
          complete: (rows) => html`<dashboard-figures
            .level=${area.level}
            .rows=${rows}
            .day=${this._referenceDay(rows, info)}
            .openDay=${info.openDay}
            .policy=${info.policy}
          ></dashboard-figures>`,
        })}
        <p class="note">
          ${t('dash.estimateNote')} <a href=${routeHref({ view: 'policy' })}>${t('dash.links.policyShort')}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="series-title">
        <h2 id="series-title">${t('dash.series.title')}</h2>
        <p class="sub">${fill('dash.series.sub', { n: this._range })}</p>
        <div class="controls">
          <dashboard-choice
            .legend=${t('dash.series.range')}
            .options=${[
              { value: String(SERIES_DAYS), label: fill('dash.series.days', { n: SERIES_DAYS }) },
              { value: String(WEEK_DAYS), label: fill('dash.series.days', { n: WEEK_DAYS }) },
            ]}
            .value=${String(this._range)}
            @choice-change=${(e: CustomEvent<string>) => (this._range = Number(e.detail))}
          ></dashboard-choice>
        </div>
        ${this._rows.render({
          complete: (rows) => this._renderSeries(rows, info),
        })}
        <dashboard-data-links .query=${query}></dashboard-data-links>
      </section>
      ${this._renderMore(area, areas, info)}`;
  }

  private _renderCrumbs(area: AreaInfo, areas: Areas) {
    if (area.level === 'country') return nothing;
    return html`<nav aria-label=${t('dash.crumbs')}>
      <ol class="crumbs">
        <li><a href=${routeHref({ view: 'overview' })}>${areas.country.name}</a></li>
        ${area.region ? html`<li><a href=${areaHref(area.region.code)}>${area.region.name}</a></li>` : nothing}
        <li aria-current="page">${area.name}</li>
      </ol>
    </nav>`;
  }

  private _renderSeries(rows: RowsByMetric, info: SnapshotInfo) {
    const days = daysUpTo(addDays(info.openDay, -1), this._range);
    return html`<div class="series">
      <dashboard-series
        kind="count"
        .heading=${t('dash.series.reports')}
        .days=${days}
        .rows=${rows.get('reports') ?? new Map()}
        .policy=${info.policy}
        data-series="reports"
      ></dashboard-series>
      <div>
        <div class="series-head">
          <dashboard-choice
            .legend=${t('dash.series.indicator')}
            .options=${SHARE_INDICATORS.map((value) => ({ value, label: indicatorName(value) }))}
            .value=${this._indicator}
            @choice-change=${(e: CustomEvent<string>) => (this._indicator = e.detail as ShareIndicator)}
          ></dashboard-choice>
        </div>
        <dashboard-series
          kind="share"
          .heading=${fill('dash.series.share', { indicator: indicatorName(this._indicator) })}
          .days=${days}
          .rows=${rows.get(this._indicator) ?? new Map()}
          .policy=${info.policy}
          data-series="share"
        ></dashboard-series>
      </div>
    </div>`;
  }

  private _renderMore(area: AreaInfo, areas: Areas, info: SnapshotInfo) {
    if (area.level === 'country') {
      const day = this._rows.value ? this._referenceDay(this._rows.value, info) : '';
      return html`<section class="card" aria-labelledby="ages-title">
        <h2 id="ages-title">${t('dash.ages.title')}</h2>
        <p class="sub">${day ? formatDay(day) : ''}</p>
        ${day ? html`<dashboard-ages .country=${area.code} .day=${day} .info=${info}></dashboard-ages>` : nothing}
      </section>`;
    }
    if (area.level === 'region') {
      const municipalities = areas.municipalities.filter((m) => m.region === area.code);
      return html`<section class="card" aria-labelledby="municipalities-title">
        <h2 id="municipalities-title">${t('dash.region.municipalities')}</h2>
        <p class="sub">${t('dash.region.municipalitiesSub')}</p>
        <dashboard-comparison level="municipality" .areas=${municipalities} .info=${info}></dashboard-comparison>
      </section>`;
    }
    return nothing;
  }

  /** The latest closed day whose reports are published; yesterday when none is. */
  private _referenceDay(rows: RowsByMetric, info: SnapshotInfo): string {
    const reports = rows.get('reports');
    for (let back = 1; back <= SERIES_DAYS; back++) {
      const day = addDays(info.openDay, -back);
      if (reports?.get(day)?.sample_size != null) return day;
    }
    return addDays(info.openDay, -1);
  }
}

customElements.define('dashboard-area', DashboardArea);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-area': DashboardArea;
  }
}
