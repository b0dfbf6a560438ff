import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { dashboard } from './dashboard-styles.js';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { intlLocale } from '../localization.js';
import { formatMoment } from './format.js';
import { indicatorDefinition, indicatorName, SHARE_INDICATORS } from './indicators.js';
import { DATA_PACKAGE_HREF, type SnapshotInfo } from './stats-client.js';

/** Today's publication times, every `everyHours` from midnight: `06:00`, `12:00`, `18:00`. */
function publicationTimes(everyHours: number): string[] {
  const clock = new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const times = [];
  for (let hour = everyHours; hour < 24; hour += everyHours) times.push(clock.format(Date.UTC(2000, 0, 1, hour)));
  return times;
}

/** The counts never published, in words: `1 ali 2`. */
function neverPublished(smallest: number): string {
  const counts = Array.from({ length: smallest - 1 }, (_, i) => String(i + 1));
  return new Intl.ListFormat(intlLocale(), { type: 'disjunction' }).format(counts);
}

function todayRule(times: readonly string[]): string {
  return t('dash.policy.today', { times: new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(times), first: times[0]! });
}

/** The protection in plain words, each rule with the snapshot's own figures. */
function protections(p: ReleasePolicy): string[] {
  const { maxDeviation, smallestPublished } = p.perturbation;
  return [
    t('dash.policy.perturbed', { max: maxDeviation }),
    ...(smallestPublished > 1
      ? [t('dash.policy.small', { never: neverPublished(smallestPublished), smallest: smallestPublished, emptyMax: maxDeviation + 1 })]
      : []),
    t('dash.policy.totals'),
    t('dash.policy.belowMinimumRule', { n: p.minReports }),
    p.openDayEveryHours < 24 ? todayRule(publicationTimes(p.openDayEveryHours)) : t('dash.policy.todayClosed'),
    t('dash.policy.municipalities'),
  ];
}

/**
 * How the numbers come about and why some are held back: the release policy in the snapshot's
 * own figures and in plain words (perturbed counts, no 1s and 2s, totals that need not add up,
 * nothing below the minimum, a provisional today), what the markers mean, and what a
 * projection from a self-selected sample can and cannot say. Every view links here.
 */
export class DashboardPolicy extends BaseElement {
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
      /* Text at a readable line length, on however wide a card. */
      p,
      ul,
      dl {
        max-width: 48rem;
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

  @property({ attribute: false }) info: SnapshotInfo | undefined;

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
      <h2>${t('dash.policy.rules')}</h2>
      <ul data-part="protection">
        ${protections(p).map((rule) => html`<li>${rule}</li>`)}
        <li>${t('dash.policy.snapshot', { time: formatMoment(info.time, info.timeZone) })}</li>
      </ul>
      <h2>${t('dash.policy.markers')}</h2>
      <dl data-part="markers">
        <dt>&lt;${p.minReports}</dt>
        <dd>${t('dash.policy.belowMinimum', { n: p.minReports })}</dd>
        <dt>–</dt>
        <dd>${t('dash.policy.dash', { n: p.projectionMinReports, minReports: p.minReports })}</dd>
        <dt><span class="estimate-flag">${t('dash.fig.provisional')}</span></dt>
        <dd>${t('dash.policy.provisional')}</dd>
      </dl>
      <h2>${t('dash.policy.estimates')}</h2>
      <p>${t('dash.policy.estimatesText', { n: p.projectionMinReports })}</p>
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
