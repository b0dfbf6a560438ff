import { html, nothing, type TemplateResult } from 'lit';
import type { MissingReason } from '../../aggregator/publication.js';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { currentLocale, intlLocale } from '../localization.js';
import { t } from '../messages.js';
import { AS_COUNT } from '../plural.js';
import { addDays, type Period } from './periods.js';
import type { StatsRow } from './stats-client.js';

/** Why a number is not shown: the API's missing codes, and `absent` where there is no row at all. */
export type Missing = MissingReason | 'absent';

/** A released number, or why it is not there. */
export interface Cell {
  value: number | null;
  missing: Missing | null;
}

/** A projected share with its 95% interval, in whatever unit it is given. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
  /** The relative standard error is 30% or more. */
  unreliable: boolean;
}

/** Estimates carry three significant digits: more would claim a precision a self-selected sample has not. */
export const AS_ESTIMATE: Intl.NumberFormatOptions = { maximumSignificantDigits: 3 };

export function formatCount(n: number): string {
  return new Intl.NumberFormat(intlLocale(), AS_COUNT).format(n);
}

/** A number short enough for a map tile or a bar label: `105 tis.`, `105K`. */
export function formatCompact(n: number): string {
  return new Intl.NumberFormat(intlLocale(), { notation: 'compact', maximumSignificantDigits: 3 }).format(n);
}

const percent = () => new Intl.NumberFormat(intlLocale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const estimate = () => new Intl.NumberFormat(intlLocale(), AS_ESTIMATE);

/** A share (0 to 1) as a percentage with one decimal. */
export function formatPercent(share: number): string {
  return percent().format(share);
}

export function formatPercentRange(low: number, high: number): string {
  return percent().formatRange(low, high);
}

/** A projected number of people or a rate per 100,000. */
export function formatEstimate(n: number): string {
  return estimate().format(n);
}

export function formatEstimateRange(low: number, high: number): string {
  return estimate().formatRange(low, high);
}

/**
 * The country in the page's language (`Slovenia`, `Slovenija`), from its ISO code; the area
 * pack's own name where the browser does not know the code.
 */
export function countryName(country: { code: string; name: string }): string {
  try {
    const name = new Intl.DisplayNames([intlLocale()], { type: 'region', fallback: 'none' }).of(country.code);
    return name ?? country.name;
  } catch {
    return country.name;
  }
}

const UTC = { timeZone: 'UTC' } as const;
const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

/** A day in words: `5. marec 2026`, `5 March 2026`. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { ...UTC, day: 'numeric', month: 'long', year: 'numeric' }).format(dateOf(day));
}

/** A day in short, for tables and axes: `5. 3.`, `5 Mar`. */
export function formatShortDay(day: string): string {
  const options: Intl.DateTimeFormatOptions =
    currentLocale() === 'sl' ? { ...UTC, day: 'numeric', month: 'numeric' } : { ...UTC, day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(intlLocale(), options).format(dateOf(day));
}

/** A day with its weekday, for the rows of a daily table: `čet., 5. 3.`. */
export function formatTableDay(day: string): string {
  const options: Intl.DateTimeFormatOptions =
    currentLocale() === 'sl'
      ? { ...UTC, weekday: 'short', day: 'numeric', month: 'numeric' }
      : { ...UTC, weekday: 'short', day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(intlLocale(), options).format(dateOf(day));
}

/** From one day to another: `2.–8. 3. 2026`. */
export function formatDayRange(first: string, last: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { ...UTC, day: 'numeric', month: 'numeric', year: 'numeric' }).formatRange(
    dateOf(first),
    dateOf(last),
  );
}

/**
 * A period by name, as it reads inside a sentence: `včeraj, 24. november 2026`, `danes do zdaj
 * (začasno), 25. november 2026`, a day, or a week with its days: `47. teden, 16.–22. 11. 2026`.
 */
export function formatPeriod(p: Period, openDay: string): string {
  if (p.type === 'week') return t('dash.period.week', { week: Number(p.label.slice(-2)), days: formatDayRange(p.first, p.last) });
  if (p.first === openDay) return t('dash.period.today', { day: formatDay(p.first) });
  if (p.first === addDays(openDay, -1)) return t('dash.period.yesterday', { day: formatDay(p.first) });
  return formatDay(p.first);
}

/** Text that starts a line (a choice, a label): its first letter in upper case. */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase(intlLocale()) + text.slice(1);
}

/** A moment in the service's time zone: `5. 3. 2026, 14:35`. */
export function formatMoment(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The time of day of a moment in the service's time zone: `14:35`. */
export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { timeZone, timeStyle: 'short' }).format(new Date(iso));
}

/** The released value of a row. */
export function valueCell(row: StatsRow | undefined): Cell {
  if (!row) return { value: null, missing: 'absent' };
  return { value: row.value, missing: row.value === null ? (row.missing_value ?? 'not_applicable') : null };
}

/** The released number of reports behind a row. */
export function sampleCell(row: StatsRow | undefined): Cell {
  if (!row) return { value: null, missing: 'absent' };
  return { value: row.sample_size, missing: row.sample_size === null ? (row.missing_sample_size ?? 'not_applicable') : null };
}

/** The share and its interval, where the API projected one. */
export function shareOf(row: StatsRow | undefined): (Estimate & { stderr: number }) | null {
  if (!row || row.share === null || row.ci_low === null || row.ci_high === null || row.stderr === null) return null;
  return { value: row.share, low: row.ci_low, high: row.ci_high, stderr: row.stderr, unreliable: row.unreliable === true };
}

/** The age-standardised share (country and regions). */
export function standardisedOf(row: StatsRow | undefined): Estimate | null {
  if (!row || row.standardised_share === null || row.standardised_ci_low === null || row.standardised_ci_high === null) return null;
  return {
    value: row.standardised_share,
    low: row.standardised_ci_low,
    high: row.standardised_ci_high,
    unreliable: row.standardised_unreliable === true,
  };
}

/** The projected number of people in the area, with its interval. */
export function projectedOf(row: StatsRow | undefined): Estimate | null {
  if (!row || row.projected === null || row.projected_low === null || row.projected_high === null) return null;
  return { value: row.projected, low: row.projected_low, high: row.projected_high, unreliable: row.unreliable === true };
}

/** The projection per 100,000 inhabitants, with its interval. */
export function ratePer100kOf(row: StatsRow | undefined): Estimate | null {
  const share = shareOf(row);
  if (!share || row?.rate_per_100k == null) return null;
  return { value: row.rate_per_100k, low: share.low * 100_000, high: share.high * 100_000, unreliable: share.unreliable };
}

/**
 * What a count column writes instead of a number: `<10` where the area-period had too few
 * reports to publish anything else, a dash otherwise. Only counts get `<10`: beside a rate or a
 * share it would read as a small rate.
 */
function countMarker(missing: Missing, policy: ReleasePolicy): string {
  return missing === 'below_minimum' ? `<${policy.minReports}` : '–';
}

/** What a missing number means, for its title and for screen readers. */
export function missingMeaning(missing: Missing, policy: ReleasePolicy): string {
  if (missing === 'below_minimum') return t('dash.marker.belowMinimum', { n: policy.minReports });
  return t('dash.marker.none');
}

/** Why a row has no share or estimate: too few reports in the area-period, or too few to estimate from. */
export function noEstimateMeaning(row: StatsRow | undefined, policy: ReleasePolicy): string {
  const reports = sampleCell(row);
  if (reports.value === null) return missingMeaning(reports.missing ?? 'absent', policy);
  return t('dash.marker.fewReports', { n: policy.projectionMinReports });
}

/** A dash in place of a rate or share, its reason in a tooltip and for screen readers. */
export function renderNoValue(meaning: string): TemplateResult {
  return html`<span class="marker" title=${meaning}><span aria-hidden="true">–</span><span class="visually-hidden">${meaning}</span></span>`;
}

/** A released count, or its marker with its meaning. */
export function renderCount(cell: Cell, policy: ReleasePolicy): TemplateResult {
  if (cell.value !== null) return html`${formatCount(cell.value)}`;
  const missing = cell.missing ?? 'absent';
  const meaning = missingMeaning(missing, policy);
  return html`<span class="marker" title=${meaning}
    ><span aria-hidden="true">${countMarker(missing, policy)}</span><span class="visually-hidden">${meaning}</span></span
  >`;
}

/** A number table's head: the column of the row headings, then the numbers' columns, aligned right. */
export function renderTableHead(rowHeadings: string, numbers: readonly string[]): TemplateResult {
  return html`<thead>
    <tr>
      <th scope="col">${rowHeadings}</th>
      ${numbers.map((name) => html`<th scope="col" class="num">${name}</th>`)}
    </tr>
  </thead>`;
}

/** The interval of an estimate under its value, where it has one; a narrow column may break it after its dash. */
export function renderRange(e: Estimate, format: (low: number, high: number) => string): TemplateResult | typeof nothing {
  if (e.low === e.high) return nothing;
  const [low, ...high] = format(e.low, e.high).split('–');
  return html`<span class="range">${high.length > 0 ? html`${low}–<wbr />${high.join('–')}` : low}</span>`;
}
