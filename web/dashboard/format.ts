import { html, type TemplateResult } from 'lit';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { currentLocale } from '../localization.js';
import { type MessageId, t } from '../messages.js';
import type { StatsRow } from './stats-client.js';

/** Why a number is not shown: the API's missing codes, and `absent` where there is no row at all. */
export type Missing = 'below_minimum' | 'not_applicable' | 'absent';

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

const INTL_LOCALES = { sl: 'sl-SI', en: 'en-GB' } as const;

/** The BCP 47 tag numbers and dates are written in. */
export function intlLocale(): string {
  return INTL_LOCALES[currentLocale()];
}

/** A message with `{name}` placeholders filled in. */
export function fill(id: MessageId, params: Record<string, string | number>): string {
  return t(id).replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 0 }).format(n);
}

const percent = () => new Intl.NumberFormat(intlLocale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** Estimates carry three significant digits: more would claim a precision a self-selected sample has not. */
const estimate = () => new Intl.NumberFormat(intlLocale(), { maximumSignificantDigits: 3 });

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

/** A moment in the service's time zone: `5. 3. 2026, 14:35`. */
export function formatMoment(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
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
export function shareOf(row: StatsRow | undefined): Estimate | null {
  if (!row || row.share === null || row.ci_low === null || row.ci_high === null) return null;
  return { value: row.share, low: row.ci_low, high: row.ci_high, unreliable: row.unreliable === true };
}

/** The age-standardised share (country only). */
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

/** The marker shown instead of a number: `<5`, `<10`, or a dash. */
export function markerText(missing: Missing, policy: ReleasePolicy): string {
  if (missing === 'below_minimum') return `<${policy.minReports}`;
  return '–';
}

/** What a marker means, for its title and for screen readers. */
export function markerMeaning(missing: Missing, policy: ReleasePolicy): string {
  if (missing === 'below_minimum') return fill('dash.marker.belowMinimum', { n: policy.minReports });
  return t('dash.marker.none');
}

/** A released number, or its marker with its meaning as a tooltip. */
export function renderCell(cell: Cell, policy: ReleasePolicy, format: (n: number) => string = formatCount): TemplateResult {
  if (cell.value !== null) return html`${format(cell.value)}`;
  const missing = cell.missing ?? 'absent';
  return html`<span class="marker" title=${markerMeaning(missing, policy)}>${markerText(missing, policy)}</span>`;
}
