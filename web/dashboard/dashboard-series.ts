import { css, html, nothing, unsafeCSS } from 'lit';
import { property } from 'lit/decorators.js';
import uPlot from 'uplot';
import uplotStyles from 'uplot/dist/uPlot.min.css?inline';
import { epochDay, isoDate } from '../../aggregator/calendar.js';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { BaseElement } from '../base-element.js';
import { intlLocale } from '../localization.js';
import { t } from '../messages.js';
import { plural } from '../plural.js';
import { base } from '../styles.js';
import { niceTicks, tickLabels } from './axis-ticks.js';
import { dashboard } from './dashboard-styles.js';
import {
  type Cell,
  formatCount,
  formatDayRange,
  formatPercent,
  formatPercentRange,
  formatShortDay,
  formatTableDay,
  noEstimateMeaning,
  renderCount,
  renderNoValue,
  renderRange,
  renderTableHead,
  sampleCell,
  shareOf,
  valueCell,
} from './format.js';
import type { Period } from './periods.js';
import type { StatsRow } from './stats-client.js';

/** Reports per period (bars), or a share per period with its 95% interval (a line in a band). */
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
  period: Period;
  cell: Cell;
  /** For shares: the share and its interval, where the API projected one. */
  low: number | null;
  high: number | null;
}

/** A period on the time axis: its first day, in seconds. */
const xOf = (p: Period) => epochDay(p.first) * DAY_S;

/**
 * A time series of days or weeks with uPlot (canvas), its text alternative and its data as a
 * table. The canvas is hidden from assistive technology: the summary under it says what it
 * shows, and the table holds every number, markers included. Periods whose value is not
 * published are gaps, marked with a small circle on the axis.
 */
export class DashboardSeries extends BaseElement {
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
  @property() heading = '';
  @property() kind: SeriesKind = 'count';
  /** The periods on the axis, oldest first: days, or weeks. */
  @property({ attribute: false }) periods: readonly Period[] = [];
  /** The rows of one metric and area, by period (`time_value`). */
  @property({ attribute: false }) rows: ReadonlyMap<string, StatsRow> = new Map();
  /** The release policy of the snapshot, for the markers. */
  @property({ attribute: false }) policy: ReleasePolicy | undefined;

  private _plot: uPlot | undefined;
  /** What the chart was last drawn from. */
  private _drawn = '';
  private _observer: ResizeObserver | undefined;
  private _width = 0;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._observer?.disconnect();
    this._observer = undefined;
    this._plot?.destroy();
    this._plot = undefined;
  }

  private _points(): Point[] {
    return this.periods.map((period) => {
      const row = this.rows.get(period.label);
      if (this.kind === 'count') return { period, cell: sampleCell(row), low: null, high: null };
      const share = shareOf(row);
      return share
        ? { period, cell: { value: share.value, missing: null }, low: share.low, high: share.high }
        : { period, cell: { value: null, missing: row ? (row.missing_projection ?? 'not_applicable') : 'absent' }, low: null, high: null };
    });
  }

  /** The value axis: round ticks from zero to the largest value (or interval), and their labels. */
  private _ticks(points: readonly Point[]): { ticks: number[]; labels: string[] } {
    const isShare = this.kind === 'share';
    const top = Math.max(0, ...points.map((p) => (isShare ? (p.high ?? p.cell.value ?? 0) : (p.cell.value ?? 0))));
    const ticks = niceTicks(Math.max(top, isShare ? 0.05 : 10), 4, !isShare);
    return { ticks, labels: tickLabels(ticks, intlLocale(), isShare ? 'percent' : 'count') };
  }

  override render() {
    const policy = this.policy;
    if (!policy) return nothing;
    const points = this._points();
    // The labels drawn on the canvas, also as an attribute: a check can read what the eye reads.
    const { labels } = this._ticks(points);
    return html`<figure>
      <figcaption><h3>${this.heading}</h3></figcaption>
      ${this._renderKey()}
      <div class="plot" aria-hidden="true" data-ticks=${labels.join('|')}></div>
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

  private _periodHeading(): string {
    return t(this._isWeekly() ? 'dash.col.week' : 'dash.col.day');
  }

  /** The first column of a table: the day with its weekday, or the week's days. */
  private _periodCell(p: Period) {
    return html`<th scope="row">${p.type === 'day' ? formatTableDay(p.first) : formatDayRange(p.first, p.last)}</th>`;
  }

  private _renderCountTable(policy: ReleasePolicy) {
    return html`<table>
      ${renderTableHead(this._periodHeading(), [t('dash.col.reports')])}
      <tbody>
        ${this._tablePeriods().map(
          (p) => html`<tr data-period=${p.label}>
            ${this._periodCell(p)}
            <td class="num" data-field="reports">${renderCount(sampleCell(this.rows.get(p.label)), policy)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** Shares only: the estimates for the population are in the headline, named as estimates. */
  private _renderShareTable(policy: ReleasePolicy) {
    return html`<table>
      ${renderTableHead(this._periodHeading(), [t('dash.col.reports'), t('dash.col.count'), t('dash.col.share')])}
      <tbody>
        ${this._tablePeriods().map((p) => {
          const row = this.rows.get(p.label);
          const share = shareOf(row);
          return html`<tr data-period=${p.label}>
            ${this._periodCell(p)}
            <td class="num" data-field="reports">${renderCount(sampleCell(row), policy)}</td>
            <td class="num" data-field="value">${renderCount(valueCell(row), policy)}</td>
            <td class="num" data-field="share">
              ${share
                ? html`${formatPercent(share.value)}${renderRange(share, formatPercentRange)}`
                : renderNoValue(noEstimateMeaning(row, policy))}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private _isWeekly(): boolean {
    return this.periods[0]?.type === 'week';
  }

  /** The periods the table lists, newest first: those the snapshot has a row for. */
  private _tablePeriods(): Period[] {
    return this.periods.filter((p) => this.rows.has(p.label)).reverse();
  }

  /** The text alternative: the period, the extremes and the latest value, and how many days are missing. */
  private _summary(points: readonly Point[]): string {
    if (points.length === 0) return '';
    const format = this.kind === 'count' ? formatCount : formatPercent;
    const published = points.filter((p) => p.cell.value !== null);
    const missing = points.filter((p) => p.cell.value === null && p.cell.missing !== 'absent').length;
    const when = (p: Point) => (p.period.type === 'day' ? formatShortDay(p.period.first) : t('dash.series.weekOf', { day: formatShortDay(p.period.first) }));
    const span = { from: when(points[0]!), to: formatShortDay(points.at(-1)!.period.last) };
    if (published.length === 0) return t('dash.series.noData', span);
    const min = published.reduce((a, b) => (b.cell.value! < a.cell.value! ? b : a));
    const max = published.reduce((a, b) => (b.cell.value! > a.cell.value! ? b : a));
    const last = published.at(-1)!;
    const gaps = missing > 0 ? ` ${plural(this._isWeekly() ? 'dash.series.missingWeeks' : 'dash.series.missingDays', missing)}` : '';
    if (published.length === 1) return t('dash.series.single', { ...span, last: format(last.cell.value!), lastDay: when(last) }) + gaps;
    const text = t(this.kind === 'count' ? 'dash.series.countSummary' : 'dash.series.shareSummary', {
      ...span,
      min: format(min.cell.value!),
      minDay: when(min),
      max: format(max.cell.value!),
      maxDay: when(max),
      last: format(last.cell.value!),
      lastDay: when(last),
    });
    return text + gaps;
  }

  protected override updated() {
    const box = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!box) return;
    // A new snapshot hands over new rows, mostly with the same numbers: the chart is drawn again
    // only when what it shows changed, so a live update leaves it (and the reader's place) alone.
    const data = this._data();
    const drawn = JSON.stringify([data, box.dataset['ticks'], this.kind, intlLocale()]);
    if (this._plot && drawn === this._drawn) return;
    this._drawn = drawn;
    this._plot?.destroy();
    this._width = box.clientWidth;
    this._plot = new uPlot(this._options(this._width || 320), data, box);
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
    const xs = points.map((p) => xOf(p.period));
    const ys = points.map((p) => p.cell.value);
    if (this.kind === 'count') return [xs, ys];
    return [xs, ys, points.map((p) => p.low), points.map((p) => p.high)];
  }

  private _options(width: number): uPlot.Options {
    const points = this._points();
    const isShare = this.kind === 'share';
    const { ticks, labels } = this._ticks(points);
    const step = (this._isWeekly() ? 7 : 1) * DAY_S;
    // Periods before the first published one have no row at all: nothing was held back there.
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
        x: { time: true, range: (_u, min, max) => [min - step / 2, max + step / 2] },
        y: { range: () => [0, ticks.at(-1)!] },
      },
      axes: [
        {
          stroke: AXIS,
          font: FONT,
          grid: { show: false },
          ticks: { stroke: GRID, size: 4 },
          size: 28,
          space: 44,
          incrs: [1, 2, 7, 14, 28, 56].map((n) => n * step).filter((incr) => incr >= step),
          values: (_u, splits) => splits.map((s) => formatShortDay(isoDate(Math.round(s / DAY_S)))),
        },
        {
          stroke: AXIS,
          font: FONT,
          size: 48,
          space: 32,
          grid: { stroke: GRID, width: 1 },
          ticks: { show: false },
          splits: () => ticks,
          values: () => labels,
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
    const { period } = point;
    const day = period.type === 'day' ? formatShortDay(period.first) : formatDayRange(period.first, period.last);
    if (point.cell.value === null) return `${day}: ${t('dash.series.notPublished')}`;
    if (this.kind === 'count') return `${day}: ${plural('dash.n.reports', point.cell.value)}`;
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
