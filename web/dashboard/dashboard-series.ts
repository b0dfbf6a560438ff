import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uplotStyles from 'uplot/dist/uPlot.min.css?inline';
import { epochDay, isoDate } from '../../aggregator/calendar.js';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { dashboard } from './dashboard-styles.js';
import {
  type Cell,
  fill,
  formatCount,
  formatEstimate,
  formatEstimateRange,
  formatPercent,
  formatPercentRange,
  formatShortDay,
  formatTableDay,
  intlLocale,
  projectedOf,
  ratePer100kOf,
  renderCell,
  sampleCell,
  shareOf,
  valueCell,
} from './format.js';
import type { StatsRow } from './stats-client.js';

/** Reports per day (bars), or a share per day with its 95% interval (a line in a band). */
export type SeriesKind = 'count' | 'share';

const DAY_S = 86_400;
const HEIGHT = 220;
const INK = '#0b5394';
const BAND = 'rgba(11, 83, 148, 0.16)';
const BAR = 'rgba(11, 83, 148, 0.82)';
const AXIS = '#4a5563';
const GRID = '#e3e8ed';
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

interface Point {
  day: string;
  cell: Cell;
  /** For shares: the share and its interval, where the API projected one. */
  low: number | null;
  high: number | null;
}

/** The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above x, where the axis ends. */
function niceCeil(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((v) => v >= x * (1 - 1e-9))!;
}

/**
 * A time series with uPlot (canvas), its text alternative and its data as a table. The canvas
 * is hidden from assistive technology: the summary under it says what it shows, and the table
 * holds every number, markers included. Days whose value is not published are gaps, marked
 * with a small circle on the axis.
 */
export class DashboardSeries extends LitElement {
  static override properties = {
    heading: {},
    kind: {},
    days: { attribute: false },
    rows: { attribute: false },
    policy: { attribute: false },
  };
  static override styles = [
    base,
    dashboard,
    unsafeCSS(uplotStyles),
    css`
      figure {
        margin: 0;
      }
      figcaption h3 {
        margin-top: 0;
      }
      .key {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0 0 0.5rem;
        padding: 0;
        list-style: none;
        color: var(--muted);
        font-size: 0.8125rem;
      }
      .key svg {
        width: 1.25rem;
        height: 0.75rem;
        margin-right: 0.25rem;
        vertical-align: -0.05rem;
      }
      .plot {
        min-height: ${HEIGHT}px;
      }
      .readout {
        min-height: 1.5em;
        margin: 0;
        font-size: 0.875rem;
        font-variant-numeric: tabular-nums;
      }
      .summary {
        margin: 0.25rem 0 0;
      }
      tbody th {
        white-space: nowrap;
      }
    `,
  ];

  /** The chart's title. */
  declare heading: string;
  declare kind: SeriesKind;
  /** The days on the axis, oldest first. */
  declare days: readonly string[];
  /** The rows of one metric and area, by day. */
  declare rows: ReadonlyMap<string, StatsRow>;
  /** The release policy of the snapshot, for the markers. */
  declare policy: ReleasePolicy | undefined;

  private _plot: uPlot | undefined;
  private _observer: ResizeObserver | undefined;
  private _width = 0;

  constructor() {
    super();
    this.heading = '';
    this.kind = 'count';
    this.days = [];
    this.rows = new Map();
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._observer?.disconnect();
    this._observer = undefined;
    this._plot?.destroy();
    this._plot = undefined;
  }

  private _points(): Point[] {
    return this.days.map((day) => {
      const row = this.rows.get(day);
      if (this.kind === 'count') return { day, cell: sampleCell(row), low: null, high: null };
      const share = shareOf(row);
      return share
        ? { day, cell: { value: share.value, missing: null }, low: share.low, high: share.high }
        : { day, cell: { value: null, missing: row ? (row.missing_projection ?? 'not_applicable') : 'absent' }, low: null, high: null };
    });
  }

  override render() {
    const policy = this.policy;
    if (!policy) return nothing;
    const points = this._points();
    return html`<figure>
      <figcaption><h3>${this.heading}</h3></figcaption>
      ${this._renderKey()}
      <div class="plot" aria-hidden="true"></div>
      <p class="readout" aria-hidden="true"></p>
      <p class="summary">${this._summary(points)}</p>
      <details>
        <summary>${t('dash.series.table')}</summary>
        <div class="table-scroll" tabindex="0" role="region" aria-label=${`${t('dash.series.table')}: ${this.heading}`}>
          ${this.kind === 'count' ? this._renderCountTable(policy) : this._renderShareTable(policy)}
        </div>
      </details>
    </figure>`;
  }

  private _renderKey() {
    const gap = html`<li>
      <svg viewBox="0 0 20 12" aria-hidden="true"><circle cx="10" cy="6" r="3.5" fill="none" stroke=${AXIS} stroke-width="1.5" /></svg
      >${t('dash.series.keyGap')}
    </li>`;
    if (this.kind === 'count') return html`<ul class="key">${gap}</ul>`;
    return html`<ul class="key">
      <li>
        <svg viewBox="0 0 20 12" aria-hidden="true"><line x1="0" y1="6" x2="20" y2="6" stroke=${INK} stroke-width="2.5" /></svg
        >${t('dash.series.keyShare')}
      </li>
      <li>
        <svg viewBox="0 0 20 12" aria-hidden="true"><rect x="0" y="1" width="20" height="10" fill=${BAND} /></svg
        >${t('dash.series.keyInterval')}
      </li>
      ${gap}
    </ul>`;
  }

  private _renderCountTable(policy: ReleasePolicy) {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${t('dash.col.day')}</th>
          <th scope="col" class="num">${t('dash.col.reports')}</th>
        </tr>
      </thead>
      <tbody>
        ${this._tableDays().map((day) => {
          const row = this.rows.get(day);
          return html`<tr data-day=${day}>
            <th scope="row">${formatTableDay(day)}</th>
            <td class="num" data-field="reports">${renderCell(sampleCell(row), policy)}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private _renderShareTable(policy: ReleasePolicy) {
    const interval = (low: number, high: number, format: (a: number, b: number) => string) =>
      html`<span class="range">${format(low, high)}</span>`;
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${t('dash.col.day')}</th>
          <th scope="col" class="num">${t('dash.col.reports')}</th>
          <th scope="col" class="num">${t('dash.col.count')}</th>
          <th scope="col" class="num">${t('dash.col.share')}</th>
          <th scope="col" class="num">${t('dash.col.per100k')}</th>
          <th scope="col" class="num">${t('dash.col.projected')}</th>
        </tr>
      </thead>
      <tbody>
        ${this._tableDays().map((day) => {
          const row = this.rows.get(day);
          const share = shareOf(row);
          const rate = ratePer100kOf(row);
          const people = projectedOf(row);
          const none = html`<span class="marker" title=${t('dash.marker.noEstimate')}>–</span>`;
          return html`<tr data-day=${day}>
            <th scope="row">${formatTableDay(day)}</th>
            <td class="num" data-field="reports">${renderCell(sampleCell(row), policy)}</td>
            <td class="num" data-field="value">${renderCell(valueCell(row), policy)}</td>
            <td class="num" data-field="share">
              ${share ? html`${formatPercent(share.value)}${interval(share.low, share.high, formatPercentRange)}` : none}
            </td>
            <td class="num" data-field="rate">
              ${rate ? html`${formatEstimate(rate.value)}${interval(rate.low, rate.high, formatEstimateRange)}` : none}
            </td>
            <td class="num" data-field="projected">
              ${people ? html`${formatEstimate(people.value)}${interval(people.low, people.high, formatEstimateRange)}` : none}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  /** The days the table lists, newest first: those the snapshot has a row for. */
  private _tableDays(): string[] {
    return this.days.filter((day) => this.rows.has(day)).reverse();
  }

  /** The text alternative: the period, the extremes and the latest value, and how many days are missing. */
  private _summary(points: readonly Point[]): string {
    if (points.length === 0) return '';
    const format = this.kind === 'count' ? formatCount : formatPercent;
    const published = points.filter((p) => p.cell.value !== null);
    const missing = points.filter((p) => p.cell.value === null && p.cell.missing !== 'absent').length;
    const span = { from: formatShortDay(points[0]!.day), to: formatShortDay(points.at(-1)!.day) };
    if (published.length === 0) return fill('dash.series.noData', span);
    const min = published.reduce((a, b) => (b.cell.value! < a.cell.value! ? b : a));
    const max = published.reduce((a, b) => (b.cell.value! > a.cell.value! ? b : a));
    const last = published.at(-1)!;
    if (published.length === 1) {
      const single = fill('dash.series.single', { ...span, last: format(last.cell.value!), lastDay: formatShortDay(last.day) });
      return missing > 0 ? `${single} ${fill('dash.series.missingDays', { n: missing })}` : single;
    }
    const text = fill(this.kind === 'count' ? 'dash.series.countSummary' : 'dash.series.shareSummary', {
      ...span,
      min: format(min.cell.value!),
      minDay: formatShortDay(min.day),
      max: format(max.cell.value!),
      maxDay: formatShortDay(max.day),
      last: format(last.cell.value!),
      lastDay: formatShortDay(last.day),
    });
    return missing > 0 ? `${text} ${fill('dash.series.missingDays', { n: missing })}` : text;
  }

  protected override updated() {
    const box = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!box) return;
    this._plot?.destroy();
    this._width = box.clientWidth;
    this._plot = new uPlot(this._options(this._width || 320), this._data(), box);
    if (!this._observer) {
      this._observer = new ResizeObserver(() => {
        const width = box.clientWidth;
        if (width > 0 && width !== this._width) {
          this._width = width;
          this._plot?.setSize({ width, height: HEIGHT });
        }
      });
      this._observer.observe(box);
    }
  }

  private _data(): uPlot.AlignedData {
    const points = this._points();
    const xs = points.map((p) => epochDay(p.day) * DAY_S);
    const ys = points.map((p) => p.cell.value);
    if (this.kind === 'count') return [xs, ys];
    return [xs, ys, points.map((p) => p.low), points.map((p) => p.high)];
  }

  private _options(width: number): uPlot.Options {
    const points = this._points();
    const isShare = this.kind === 'share';
    const top = Math.max(0, ...points.map((p) => (isShare ? (p.high ?? p.cell.value ?? 0) : (p.cell.value ?? 0))));
    const yMax = niceCeil(Math.max(top, isShare ? 0.05 : 10) * 1.05);
    const axisPercent = new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: yMax < 0.1 ? 1 : 0 });
    const axisCount = new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 0, notation: 'compact' });
    // Days before the first published day have no row at all: nothing was held back there.
    const gaps = points.flatMap((p, i) => (p.cell.value === null && p.cell.missing !== 'absent' ? [i] : []));
    const readout = this.renderRoot.querySelector<HTMLElement>('.readout');

    const series: uPlot.Series[] = [
      {},
      isShare
        ? { stroke: INK, width: 2, spanGaps: false, points: { show: true, size: 5, fill: INK, stroke: INK } }
        : { fill: BAR, stroke: INK, width: 0, paths: uPlot.paths.bars!({ size: [0.72, 40] }), points: { show: false } },
    ];
    if (isShare) {
      const hidden: uPlot.Series = { stroke: 'transparent', width: 0, points: { show: false } };
      series.push(hidden, { ...hidden });
    }
    return {
      width,
      height: HEIGHT,
      padding: [12, 8, 0, 0],
      legend: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      cursor: { y: false, drag: { x: false, y: false, setScale: false }, points: { size: 8 } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
      scales: {
        x: { time: true, range: (_u, min, max) => [min - DAY_S / 2, max + DAY_S / 2] },
        y: { range: () => [0, yMax] },
      },
      axes: [
        {
          stroke: AXIS,
          font: FONT,
          grid: { show: false },
          ticks: { stroke: GRID, size: 4 },
          size: 28,
          space: 44,
          incrs: [DAY_S, 2 * DAY_S, 7 * DAY_S, 14 * DAY_S],
          values: (_u, splits) => splits.map((s) => formatShortDay(isoDate(Math.round(s / DAY_S)))),
        },
        {
          stroke: AXIS,
          font: FONT,
          size: 48,
          space: 32,
          grid: { stroke: GRID, width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map((s) => (isShare ? axisPercent.format(s) : axisCount.format(s))),
        },
      ],
      series,
      ...(isShare ? { bands: [{ series: [3, 2] as [number, number], fill: BAND }] } : {}),
      hooks: {
        draw: [
          (u) => {
            // A small open circle on the axis for each day without a published value.
            const ctx = u.ctx;
            const r = 3.5 * uPlot.pxRatio;
            const y = u.bbox.top + u.bbox.height - r - 2 * uPlot.pxRatio;
            ctx.save();
            ctx.strokeStyle = AXIS;
            ctx.lineWidth = 1.5 * uPlot.pxRatio;
            for (const i of gaps) {
              const x = u.valToPos(u.data[0][i]!, 'x', true);
              ctx.beginPath();
              ctx.arc(x, y, r, 0, 2 * Math.PI);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
        setCursor: [
          (u) => {
            if (!readout) return;
            const i = u.cursor.idx;
            readout.textContent = i == null ? '' : this._readout(points[i]!);
          },
        ],
      },
    };
  }

  /** What the cursor points at, in words. */
  private _readout(point: Point): string {
    const day = formatShortDay(point.day);
    if (point.cell.value === null) return `${day}: ${t('dash.series.notPublished')}`;
    if (this.kind === 'count') return `${day}: ${formatCount(point.cell.value)} ${t('dash.unit.reports')}`;
    const interval = point.low !== null && point.high !== null ? ` (${formatPercentRange(point.low, point.high)})` : '';
    return `${day}: ${formatPercent(point.cell.value)}${interval}`;
  }
}

customElements.define('dashboard-series', DashboardSeries);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-series': DashboardSeries;
  }
}
