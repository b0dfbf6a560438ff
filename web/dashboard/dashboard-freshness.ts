import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { formatMoment, formatTime } from './format.js';
import { numbersKey, type SnapshotInfo } from './stats-client.js';

/**
 * How fresh the numbers are, above every view: the snapshot they come from, and when today's
 * provisional numbers were published and will be next. When new numbers arrive while the page
 * is open, a status message says so (once, politely), since they change in place.
 */
export class DashboardFreshness extends BaseElement {
  static override styles = [
    base,
    css`
      p {
        margin: 0;
        color: var(--muted);
        font-size: 0.875rem;
        line-height: 1.45;
      }
      /* Its line is kept free from the start: a message appearing there moves nothing below it,
         in browsers without scroll anchoring too. */
      [role='status'] {
        min-height: 1.45em;
      }
      b {
        color: var(--ink);
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** The latest snapshot. */
  @property({ attribute: false }) info: SnapshotInfo | undefined;
  /** When the published numbers last changed while the page was open (the snapshot's time). */
  @state() private _updatedAt: string | undefined;
  private _key: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has('info') || !this.info) return;
    const key = numbersKey(this.info);
    if (this._key !== undefined && key !== this._key) this._updatedAt = this.info.time;
    this._key = key;
  }

  override render() {
    const info = this.info;
    if (!info) return nothing;
    const { timeZone, openDayPublishedAt: published, openDayNextAt: next } = info;
    const today = published
      ? next
        ? t('dash.fresh.today', { published: formatTime(published, timeZone), next: formatTime(next, timeZone) })
        : t('dash.fresh.todayLast', { published: formatTime(published, timeZone) })
      : next
        ? t('dash.fresh.todayFirst', { next: formatTime(next, timeZone) })
        : '';
    return html`<p data-field="snapshot">
        ${t('dash.fresh.snapshot')} <b data-field="snapshot-time">${formatMoment(info.time, timeZone)}</b>. ${today}
      </p>
      <p role="status" data-field="updated">
        ${this._updatedAt ? html`<b>${t('dash.fresh.updated', { time: formatTime(this._updatedAt, timeZone) })}</b>` : nothing}
      </p>`;
  }
}

customElements.define('dashboard-freshness', DashboardFreshness);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-freshness': DashboardFreshness;
  }
}
