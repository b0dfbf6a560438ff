import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
import { t } from '../messages.js';
import { plural } from '../plural.js';
import { base } from '../styles.js';
import './dashboard-ages.js';
import './dashboard-choice.js';
import './dashboard-comparison.js';
import './dashboard-data-links.js';
import './dashboard-figures.js';
import type { RowsByMetric } from './dashboard-figures.js';
import './dashboard-series.js';
import { dashboard } from './dashboard-styles.js';
import { countryName, formatCount } from './format.js';
import { indicatorName, SHARE_INDICATORS, type ShareIndicator } from './indicators.js';
import { closedDays, completeWeeks, type Period } from './periods.js';
import { areaHref, routeHref } from './route.js';
import type { Areas, Level, Region, SnapshotInfo, StatsQuery, StatsRow } from './stats-client.js';
import { StatsTask } from './stats-task.js';

/**
 * How far back the series reach, in the area's kind of period: days for the country and
 * regions, weeks for municipalities (which publish weeks only). The first is the default.
 */
const RANGES = { day: [28, 7], week: [12, 26] } as const;

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
  if (code === areas.country.code) return { code, name: countryName(areas.country), level: 'country', population: areas.country.population };
  const region = areas.regions.find((r) => r.code === code);
  if (region) return { ...region, level: 'region' };
  const municipality = areas.municipalities.find((m) => m.code === code);
  if (!municipality) return undefined;
  const { region: regionCode, ...rest } = municipality;
  const parent = areas.regions.find((r) => r.code === regionCode);
  return { ...rest, level: 'municipality', ...(parent ? { region: parent } : {}) };
}

function byMetricAndPeriod(rows: readonly StatsRow[]): RowsByMetric {
  const grouped = new Map<string, Map<string, StatsRow>>();
  for (const row of rows) {
    let periods = grouped.get(row.metric);
    if (!periods) grouped.set(row.metric, (periods = new Map()));
    periods.set(row.time_value, row);
  }
  return grouped;
}

/** Municipalities publish weeks; the country and regions days. */
const periodType = (level: Level) => (level === 'municipality' ? 'week' : 'day');

/** The closed periods a series may show, newest first: enough for the longest range and a week before it. */
function recentPeriods(level: Level, openDay: string): Period[] {
  const type = periodType(level);
  const longest = Math.max(...RANGES[type]);
  return type === 'week' ? completeWeeks(openDay, longest + 1) : closedDays(openDay, longest + 7);
}

/**
 * One area: the country (the overview), a region or a municipality. Headline figures for the
 * latest published period (a day, or a week for a municipality), the recent periods as charts
 * with tables, and by level: the age breakdown (country, regions) and a region's municipalities.
 */
export class DashboardArea extends BaseElement {
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
      @media (min-width: 64rem) {
        .series {
          grid-template-columns: repeat(2, minmax(0, 1fr));
          gap: 2.5rem;
        }
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
  @property({ attribute: false }) areas: Areas | undefined;
  /** The snapshot the dashboard reads. */
  @property({ attribute: false }) info: SnapshotInfo | undefined;
  /** The area shown. */
  @property() code = '';
  /** How many periods the series show. */
  @state() private _range = 0;
  @state() private _indicator: ShareIndicator = 'symptomatic';

  private readonly _rows = new StatsTask(this, () => ({ query: this._query(), info: this.info }), byMetricAndPeriod);

  /** The area's rows: its recent closed periods, and today where it is published (country, regions). */
  private _query(): StatsQuery | undefined {
    const area = this._area();
    const info = this.info;
    if (!area || !info) return undefined;
    return {
      level: area.level,
      areas: [area.code],
      from: recentPeriods(area.level, info.openDay).at(-1)!.first,
      to: info.openDay,
      period: periodType(area.level),
      metrics: ['reports', ...SHARE_INDICATORS],
    };
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
    const type = periodType(area.level);
    const range = this._range || RANGES[type][0];
    return html`<section class="card" aria-labelledby="area-title">
        ${this._renderCrumbs(area, areas)}
        <h1 id="area-title" tabindex="-1">${area.name}</h1>
        <ul class="facts">
          <li>${t(`dash.level.${area.level}`)}${area.region ? html` · ${area.region.name}` : nothing}</li>
          <li>${t('dash.fact.population')} <b data-field="population">${formatCount(area.population)}</b></li>
        </ul>
        ${this._rows.render(
          (rows) => html`<dashboard-figures
            .level=${area.level}
            .rows=${rows}
            .period=${this._referencePeriod(rows, area.level, info)}
            .info=${info}
          ></dashboard-figures>`,
        )}
        <p class="note">
          ${t('dash.estimateNote')} <a href=${routeHref({ view: 'policy' })}>${t('dash.links.policyShort')}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="series-title">
        <h2 id="series-title">${t('dash.series.title')}</h2>
        <p class="sub">${plural(type === 'day' ? 'dash.series.subDays' : 'dash.series.subWeeks', range)}</p>
        <div class="controls">
          <dashboard-choice
            .legend=${t('dash.series.range')}
            .options=${RANGES[type].map((n) => ({ value: String(n), label: plural(type === 'day' ? 'dash.series.days' : 'dash.series.weeks', n) }))}
            .value=${String(range)}
            @choice-change=${(e: CustomEvent<string>) => (this._range = Number(e.detail))}
          ></dashboard-choice>
        </div>
        ${this._rows.render((rows) => this._renderSeries(rows, area.level, info, range))}
        <dashboard-data-links .query=${this._query()}></dashboard-data-links>
      </section>
      ${this._renderMore(area, areas, info)}`;
  }

  private _renderCrumbs(area: AreaInfo, areas: Areas) {
    if (area.level === 'country') return nothing;
    return html`<nav aria-label=${t('dash.crumbs')}>
      <ol class="crumbs">
        <li><a href=${routeHref({ view: 'overview' })}>${countryName(areas.country)}</a></li>
        ${area.region ? html`<li><a href=${areaHref(area.region.code)}>${area.region.name}</a></li>` : nothing}
        <li aria-current="page">${area.name}</li>
      </ol>
    </nav>`;
  }

  private _renderSeries(rows: RowsByMetric, level: Level, info: SnapshotInfo, range: number) {
    const periods = recentPeriods(level, info.openDay).slice(0, range).reverse();
    const reportsHeading = t(periodType(level) === 'day' ? 'dash.series.reports' : 'dash.series.reportsWeekly');
    return html`<div class="series">
      <dashboard-series
        kind="count"
        .heading=${reportsHeading}
        .periods=${periods}
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
          .heading=${t('dash.series.share', { indicator: indicatorName(this._indicator) })}
          .periods=${periods}
          .rows=${rows.get(this._indicator) ?? new Map()}
          .policy=${info.policy}
          data-series="share"
        ></dashboard-series>
      </div>
    </div>`;
  }

  private _renderMore(area: AreaInfo, areas: Areas, info: SnapshotInfo) {
    if (area.level === 'municipality') return nothing;
    const rows = this._rows.value;
    const ages = html`<section class="card" aria-labelledby="ages-title">
      <h2 id="ages-title">${t('dash.ages.title')}</h2>
      ${rows
        ? html`<dashboard-ages .area=${area.code} .level=${area.level} .period=${this._referencePeriod(rows, area.level, info)} .info=${info}></dashboard-ages>`
        : nothing}
    </section>`;
    if (area.level === 'country') return ages;
    const municipalities = areas.municipalities.filter((m) => m.region === area.code);
    return html`${ages}
      <section class="card" aria-labelledby="municipalities-title">
        <h2 id="municipalities-title">${t('dash.region.municipalities')}</h2>
        <p class="sub">${t('dash.region.municipalitiesSub')}</p>
        <dashboard-comparison level="municipality" .areas=${municipalities} .info=${info}></dashboard-comparison>
      </section>`;
  }

  /** The latest closed period whose reports are published: the last one when none is. */
  private _referencePeriod(rows: RowsByMetric, level: Level, info: SnapshotInfo): Period {
    const reports = rows.get('reports');
    const periods = recentPeriods(level, info.openDay);
    return periods.find((p) => reports?.get(p.label)?.sample_size != null) ?? periods[0]!;
  }
}

customElements.define('dashboard-area', DashboardArea);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-area': DashboardArea;
  }
}
