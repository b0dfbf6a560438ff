import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
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
  capitalised,
  type Estimate,
  formatCompact,
  formatCount,
  formatEstimate,
  formatEstimateRange,
  formatPercent,
  formatPercentRange,
  formatPeriod,
  noEstimateMeaning,
  projectedOf,
  ratePer100kOf,
  sampleCell,
  shareOf,
  valueCell,
} from './format.js';
import { COMPARED_INDICATORS, type ComparedIndicator, indicatorName, isEstimate, type Measure, measureName, measuresOf } from './indicators.js';
import { comparablePeriods, defaultPeriod, type Period, periodFromKey, periodKey, periodQuery } from './periods.js';
import { areaHref } from './route.js';
import type { Level, Municipality, Region, SnapshotInfo, StatsQuery, StatsRow } from './stats-client.js';
import { StatsTask } from './stats-task.js';

/** How a measure is written: in full in the table, short on a tile or beside a bar. */
interface Writing {
  full: (n: number) => string;
  short: (n: number) => string;
  range: (low: number, high: number) => string;
}

const WRITING: Record<Measure, Writing> = {
  reports: { full: formatCount, short: formatCompact, range: formatEstimateRange },
  reportsPer100k: { full: formatEstimate, short: formatCompact, range: formatEstimateRange },
  share: { full: formatPercent, short: formatPercent, range: formatPercentRange },
  estimatePer100k: { full: formatEstimate, short: formatCompact, range: formatEstimateRange },
  estimatePeople: { full: formatEstimate, short: formatCompact, range: formatEstimateRange },
};

/**
 * Areas of one level side by side for one period: an indicator as reports, as the share of
 * reports, or as estimated people, in a bar chart and a tile map (regions) and in a sortable
 * table (searchable for municipalities), with the CSV of exactly these rows. Municipalities
 * publish weeks only, and open on the last complete week.
 */
export class DashboardComparison extends BaseElement {
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
      /* From about 1024 px, the map and the chart side by side. */
      @media (min-width: 64rem) {
        .views.both {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
          gap: 2.5rem;
          align-items: start;
        }
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
  @property() level: Extract<Level, 'region' | 'municipality'> = 'region';
  /** The areas compared, with their populations. */
  @property({ attribute: false }) areas: readonly (Region | Municipality)[] = [];
  /** Where the areas are municipalities of several regions: the regions, to narrow the table to one. */
  @property({ attribute: false }) regions: readonly Region[] = [];
  /** Whether the areas are every area of the level (the query then names none). */
  @property({ type: Boolean }) all = false;
  @property({ attribute: false }) info: SnapshotInfo | undefined;
  @property({ type: Boolean, attribute: 'with-map' }) withMap = false;
  @property({ type: Boolean, attribute: 'with-bars' }) withBars = false;
  @property({ type: Boolean }) searchable = false;
  @state() private _indicator: ComparedIndicator = 'symptomatic';
  @state() private _measure: Measure = 'share';
  /** The chosen period's key; empty: the level's default period. */
  @state() private _period = '';

  private readonly _rows = new StatsTask(this, () => ({ query: this._query(), info: this.info }), (rows) => rows);

  private _selectedPeriod(info: SnapshotInfo): Period {
    const chosen = periodFromKey(this._period);
    const offered = comparablePeriods(info, this.level);
    return chosen && offered.some((p) => periodKey(p) === periodKey(chosen)) ? chosen : defaultPeriod(info, this.level);
  }

  /** The query of the rows shown: also the CSV link. */
  private _query(): StatsQuery | undefined {
    const info = this.info;
    if (!info || this.areas.length === 0) return undefined;
    return {
      level: this.level,
      ...(this.all ? {} : { areas: this.areas.map((a) => a.code) }),
      ...periodQuery(this._selectedPeriod(info)),
      metrics: [this._indicator],
    };
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
          @choice-change=${this._onIndicator}
        ></dashboard-choice>
        <dashboard-choice
          .legend=${t('dash.cmp.measure')}
          .options=${measuresOf(this._indicator).map((value) => ({ value, label: measureName(value) }))}
          .value=${this._measure}
          @choice-change=${(e: CustomEvent<string>) => (this._measure = e.detail as Measure)}
        ></dashboard-choice>
        <label class="select">
          ${t('dash.cmp.period')}
          <select @change=${this._onPeriod}>
            ${comparablePeriods(info, this.level).map(
              (p) => html`<option .value=${periodKey(p)} ?selected=${periodKey(p) === periodKey(period)}>${capitalised(formatPeriod(p, info.openDay))}</option>`,
            )}
          </select>
        </label>
      </div>
      ${this._rows.render((rows) => this._renderRows(rows, period, info))}
      ${query ? html`<dashboard-data-links .query=${query}></dashboard-data-links>` : nothing}`;
  }

  private _onIndicator(event: CustomEvent<string>) {
    this._indicator = event.detail as ComparedIndicator;
    // Each indicator has its own measures: keep the kind of view where it has one.
    const measures = measuresOf(this._indicator);
    if (!measures.includes(this._measure)) this._measure = measures[0]!;
  }

  private _onPeriod(event: Event) {
    this._period = (event.target as HTMLSelectElement).value;
  }

  /** The chosen measure of an area, with its interval where it has one. */
  private _measureOf(row: StatsRow | undefined, population: number): Estimate | null {
    const reports = sampleCell(row).value;
    switch (this._measure) {
      case 'reports':
        return reports === null ? null : { value: reports, low: reports, high: reports, unreliable: false };
      case 'reportsPer100k': {
        if (reports === null) return null;
        const rate = (reports / population) * 100_000;
        return { value: rate, low: rate, high: rate, unreliable: false };
      }
      case 'share':
        return shareOf(row);
      case 'estimatePer100k':
        return ratePer100kOf(row);
      case 'estimatePeople':
        return projectedOf(row);
    }
  }

  private _renderRows(rows: readonly StatsRow[], period: Period, info: SnapshotInfo) {
    const policy = info.policy;
    const byCode = new Map(rows.filter((r) => r.time_value === period.label).map((r) => [r.geo_value, r]));
    const writing = WRITING[this._measure];
    const isReports = this._indicator === 'reports';
    const entries = this.areas.map((area) => {
      const row = byCode.get(area.code);
      const measure = this._measureOf(row, area.population);
      return { area, row, measure, meaning: measure ? '' : noEstimateMeaning(row, policy) };
    });
    const label = `${indicatorName(this._indicator)}: ${measureName(this._measure)}`;
    const caption = `${label}, ${formatPeriod(period, info.openDay)}`;
    const tableEntries: TableEntry[] = entries.map((e) => ({
      code: e.area.code,
      name: e.area.name,
      href: areaHref(e.area.code),
      population: e.area.population,
      ...('region' in e.area ? { region: e.area.region } : {}),
      reports: sampleCell(e.row),
      count: isReports ? null : valueCell(e.row),
      measure: e.measure,
      missingMeaning: e.meaning,
    }));
    const bars: BarEntry[] = entries.map((e) => ({
      code: e.area.code,
      name: e.area.name,
      population: e.area.population,
      value: e.measure?.value ?? null,
      low: e.measure && e.measure.low !== e.measure.high ? e.measure.low : null,
      high: e.measure && e.measure.low !== e.measure.high ? e.measure.high : null,
      text: e.measure ? writing.short(e.measure.value) : '–',
      meaning: e.meaning,
    }));
    const tiles: MapEntry[] = entries.map((e) => ({
      code: e.area.code,
      name: e.area.name,
      value: e.measure?.value ?? null,
      text: e.measure ? writing.short(e.measure.value) : '–',
      meaning: e.meaning,
      href: areaHref(e.area.code),
    }));
    return html`${this._renderViews(tiles, bars, label, caption)}
      <dashboard-area-table
        .entries=${tableEntries}
        .regions=${this.regions}
        .policy=${policy}
        .caption=${caption}
        .countLabel=${isReports ? '' : indicatorName(this._indicator)}
        .measureLabel=${this._measure === 'reports' ? '' : measureName(this._measure)}
        .formatMeasure=${writing.full}
        .formatRange=${writing.range}
        ?searchable=${this.searchable}
      ></dashboard-area-table>
      <p class="note">${t('dash.cmp.markers', { minReports: policy.minReports, projectionMin: policy.projectionMinReports })}</p>
      <p class="note">${t(this.level === 'region' ? 'dash.cmp.notAdditiveRegions' : 'dash.cmp.notAdditiveMunicipalities')}</p>
      ${isEstimate(this._measure) ? html`<p class="note">${t('dash.estimateNote')}</p>` : nothing}`;
  }

  /** The tile map and the bar chart, where this comparison has them. */
  private _renderViews(tiles: MapEntry[], bars: BarEntry[], label: string, caption: string) {
    if (!this.withMap && !this.withBars) return nothing;
    return html`<div class="views ${this.withMap && this.withBars ? 'both' : ''}">
      ${this.withMap
        ? html`<section>
            <h3>${t('dash.cmp.map')}</h3>
            <dashboard-tile-map .entries=${tiles} .label=${label} .kind=${this._measure === 'share' ? 'percent' : 'count'}></dashboard-tile-map>
          </section>`
        : nothing}
      ${this.withBars
        ? html`<section>
            <h3>${t('dash.cmp.chart')}</h3>
            <dashboard-bars .entries=${bars} .label=${caption}></dashboard-bars>
            ${bars.some((b) => b.low !== null) ? html`<p class="note">${t('dash.cmp.whiskers')}</p>` : nothing}
          </section>`
        : nothing}
    </div>`;
  }
}

customElements.define('dashboard-comparison', DashboardComparison);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-comparison': DashboardComparison;
  }
}
