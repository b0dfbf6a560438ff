import { updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { t } from '../messages.js';
import { base } from '../styles.js';
import './dashboard-area-table.js';
import type { TableEntry } from './dashboard-area-table.js';
import './dashboard-bars.js';
import type { BarEntry } from './dashboard-bars.js';
import './dashboard-choice.js';
import './dashboard-data-links.js';
import { dashboard } from './dashboard-styles.js';
import './dashboard-tile-map.js';
import type { MapEntry } from './dashboard-tile-map.js';
import {
  type Cell,
  type Estimate,
  fill,
  formatCount,
  formatDay,
  formatDayRange,
  formatEstimate,
  formatEstimateRange,
  markerMeaning,
  markerText,
  projectedOf,
  ratePer100kOf,
  sampleCell,
  valueCell,
} from './format.js';
import { COMPARED_INDICATORS, type ComparedIndicator, indicatorName, type Measure } from './indicators.js';
import { addDays, comparablePeriods, dayPeriod, type Period, periodFromKey, periodKey, periodQuery } from './periods.js';
import { areaHref } from './route.js';
import { fetchStats, type Level, type Region, type SnapshotInfo, type StatsQuery, type StatsRow, stableQuery } from './stats-client.js';

/**
 * Areas of one level side by side for one period: the chosen indicator per 100,000 inhabitants
 * or in absolute numbers, as a bar chart and a tile map (regions) and as a sortable table
 * (searchable for municipalities), with the CSV of exactly these rows.
 */
export class DashboardComparison extends LitElement {
  static override properties = {
    level: {},
    areas: { attribute: false },
    all: { type: Boolean },
    info: { attribute: false },
    withMap: { type: Boolean, attribute: 'with-map' },
    withBars: { type: Boolean, attribute: 'with-bars' },
    searchable: { type: Boolean },
    _indicator: { state: true },
    _measure: { state: true },
    _period: { state: true },
  };
  static override styles = [
    base,
    dashboard,
    css`
      .views {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 1.5rem;
        margin: 0 0 1.5rem;
      }
      h3 {
        margin-top: 0;
      }
      .wait {
        color: var(--muted);
      }
    `,
  ];

  /** The level compared: regions or municipalities. */
  declare level: Extract<Level, 'region' | 'municipality'>;
  /** The areas compared, with their populations. */
  declare areas: readonly Region[];
  /** Whether the areas are every area of the level (the query then names none). */
  declare all: boolean;
  declare info: SnapshotInfo | undefined;
  declare withMap: boolean;
  declare withBars: boolean;
  declare searchable: boolean;
  private declare _indicator: ComparedIndicator;
  private declare _measure: Measure;
  /** The chosen period's key; empty: the latest closed day. */
  private declare _period: string;

  private readonly _rows = new Task(this, {
    task: async ([query], { signal }) => (query ? (await fetchStats(query, signal)).rows : []),
    args: () => [this._query()] as const,
  });

  constructor() {
    super();
    this.level = 'region';
    this.areas = [];
    this.all = false;
    this.withMap = false;
    this.withBars = false;
    this.searchable = false;
    this._indicator = 'symptomatic';
    this._measure = 'per100k';
    this._period = '';
    updateWhenLocaleChanges(this);
  }

  private _selectedPeriod(info: SnapshotInfo): Period {
    return periodFromKey(this._period) ?? dayPeriod(addDays(info.openDay, -1));
  }

  /** The query of the rows shown: also the CSV link. Stable per choice, so the task runs once per change. */
  private readonly _stable = stableQuery();
  private _query(): StatsQuery | undefined {
    const info = this.info;
    if (!info || this.areas.length === 0) return undefined;
    const period = this._selectedPeriod(info);
    // Municipalities publish weeks only, and the API refuses to be asked for their days.
    if (this.level === 'municipality' && period.type === 'day') return undefined;
    const query: StatsQuery = {
      level: this.level,
      ...(this.all ? {} : { areas: this.areas.map((a) => a.code) }),
      ...periodQuery(period),
      metrics: [this._indicator],
    };
    return this._stable(query);
  }

  override render() {
    const info = this.info;
    if (!info) return nothing;
    const period = this._selectedPeriod(info);
    const query = this._query();
    return html`<div class="controls">
        <dashboard-choice
          .legend=${t('dash.cmp.indicator')}
          .options=${COMPARED_INDICATORS.map((value) => ({ value, label: indicatorName(value) }))}
          .value=${this._indicator}
          @choice-change=${(e: CustomEvent<string>) => (this._indicator = e.detail as ComparedIndicator)}
        ></dashboard-choice>
        <dashboard-choice
          .legend=${t('dash.cmp.measure')}
          .options=${[
            { value: 'per100k', label: t('dash.cmp.per100k') },
            { value: 'absolute', label: t('dash.cmp.absolute') },
          ]}
          .value=${this._measure}
          @choice-change=${(e: CustomEvent<string>) => (this._measure = e.detail as Measure)}
        ></dashboard-choice>
        <label class="select">
          ${t('dash.cmp.period')}
          <select @change=${this._onPeriod}>
            ${comparablePeriods(info.openDay, this.level === 'region').map(
              (p) => html`<option .value=${periodKey(p)} ?selected=${periodKey(p) === periodKey(period)}>${this._periodName(p, info)}</option>`,
            )}
          </select>
        </label>
      </div>
      ${this._rows.render({
        initial: () => html`<p class="wait" role="status">${t('dash.loading')}</p>`,
        pending: () => html`<p class="wait" role="status">${t('dash.loading')}</p>`,
        error: () => html`<p role="alert">${t('dash.loadFailed')}</p>`,
        complete: (rows) => this._renderRows(rows, period, info),
      })}
      ${query ? html`<dashboard-data-links .query=${query}></dashboard-data-links>` : nothing}`;
  }

  private _periodName(p: Period, info: SnapshotInfo): string {
    if (p.type === 'week') return fill('dash.period.week', { week: p.label.slice(-2).replace(/^0/, ''), days: formatDayRange(p.first, p.last) });
    if (p.first === info.openDay) return fill('dash.period.today', { day: formatDay(p.first) });
    if (p.first === addDays(info.openDay, -1)) return fill('dash.period.yesterday', { day: formatDay(p.first) });
    return formatDay(p.first);
  }

  private _onPeriod(event: Event) {
    this._period = (event.target as HTMLSelectElement).value;
  }

  /** The chosen measure of an area: per 100,000 inhabitants, or the absolute number. */
  private _measureOf(row: StatsRow | undefined, population: number): { measure: Estimate | null; missing: Cell } {
    const reports = sampleCell(row);
    if (this._indicator === 'reports') {
      if (reports.value === null) return { measure: null, missing: reports };
      const value = this._measure === 'per100k' ? (reports.value / population) * 100_000 : reports.value;
      return { measure: { value, low: value, high: value, unreliable: false }, missing: reports };
    }
    const measure = this._measure === 'per100k' ? ratePer100kOf(row) : projectedOf(row);
    if (measure) return { measure, missing: reports };
    if (reports.value === null) return { measure: null, missing: reports };
    const count = valueCell(row);
    return { measure: null, missing: count.value === null ? count : { value: null, missing: 'not_applicable' } };
  }

  private _renderRows(rows: readonly StatsRow[], period: Period, info: SnapshotInfo) {
    const policy = info.policy;
    const byCode = new Map(rows.filter((r) => r.time_value === period.label).map((r) => [r.geo_value, r]));
    const isReports = this._indicator === 'reports';
    const formatMeasure = isReports && this._measure === 'absolute' ? formatCount : formatEstimate;
    const entries = this.areas.map((area) => {
      const row = byCode.get(area.code);
      const { measure, missing } = this._measureOf(row, area.population);
      const text = measure ? formatMeasure(measure.value) : markerText(missing.missing ?? 'absent', policy);
      const meaning =
        missing.missing === 'not_applicable'
          ? fill('dash.marker.fewReports', { n: policy.projectionMinReports })
          : markerMeaning(missing.missing ?? 'absent', policy);
      return { area, row, measure, text, meaning };
    });
    const label = this._measureLabel();
    const caption = `${indicatorName(this._indicator)}: ${label}, ${this._periodName(period, info)}`;
    const tableEntries: TableEntry[] = entries.map((e) => ({
      code: e.area.code,
      name: e.area.name,
      href: areaHref(e.area.code),
      population: e.area.population,
      reports: sampleCell(e.row),
      count: isReports ? null : valueCell(e.row),
      measure: e.measure,
      measureMarker: e.text,
      measureMeaning: e.meaning,
    }));
    const bars: BarEntry[] = entries.map((e) => ({
      code: e.area.code,
      name: e.area.name,
      population: e.area.population,
      value: e.measure?.value ?? null,
      low: e.measure && e.measure.low !== e.measure.high ? e.measure.low : null,
      high: e.measure && e.measure.low !== e.measure.high ? e.measure.high : null,
      text: e.text,
    }));
    const tiles: MapEntry[] = entries.map((e) => ({
      code: e.area.code,
      name: e.area.name,
      value: e.measure?.value ?? null,
      text: e.text,
      href: areaHref(e.area.code),
    }));
    return html`${this._renderViews(tiles, bars, `${indicatorName(this._indicator)}: ${label}`, caption, formatMeasure)}
      <dashboard-area-table
        .entries=${tableEntries}
        .policy=${policy}
        .caption=${caption}
        .countLabel=${isReports ? '' : indicatorName(this._indicator)}
        .measureLabel=${label}
        .formatMeasure=${formatMeasure}
        .formatRange=${formatEstimateRange}
        ?searchable=${this.searchable}
      ></dashboard-area-table>
      <p class="note">
        ${fill('dash.cmp.markers', { minReports: policy.minReports, projectionMin: policy.projectionMinReports })}
        ${isReports ? nothing : t('dash.estimateNote')}
      </p>`;
  }

  /** The tile map and the bar chart, where this comparison has them. */
  private _renderViews(tiles: MapEntry[], bars: BarEntry[], label: string, caption: string, format: (n: number) => string) {
    if (!this.withMap && !this.withBars) return nothing;
    return html`<div class="views">
      ${this.withMap
        ? html`<section>
            <h3>${t('dash.cmp.map')}</h3>
            <dashboard-tile-map .entries=${tiles} .label=${label} .format=${format}></dashboard-tile-map>
          </section>`
        : nothing}
      ${this.withBars
        ? html`<section>
            <h3>${t('dash.cmp.chart')}</h3>
            <dashboard-bars .entries=${bars} .label=${caption}></dashboard-bars>
            ${this._indicator === 'reports' ? nothing : html`<p class="note">${t('dash.cmp.whiskers')}</p>`}
          </section>`
        : nothing}
    </div>`;
  }

  private _measureLabel(): string {
    if (this._indicator === 'reports') return t(this._measure === 'per100k' ? 'dash.measure.reportsPer100k' : 'dash.measure.reports');
    return t(this._measure === 'per100k' ? 'dash.measure.ratePer100k' : 'dash.measure.people');
  }
}

customElements.define('dashboard-comparison', DashboardComparison);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-comparison': DashboardComparison;
  }
}
