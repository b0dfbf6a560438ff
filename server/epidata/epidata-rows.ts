import { dayNumber, epiweek, epochDay, isoDate, isoWeek, isoWeekMonday, isoWeekNumber, mondayOf, sundayOf } from '../../aggregator/calendar.js';
import { dayIn, startOfDayIn } from '../../aggregator/day.js';
import type { MissingReason } from '../../aggregator/publication.js';
import { estimate, type EstimateContext, estimateVersions, type SignalEstimate, type SignalPeriod, signalPeriods } from '../../aggregator/signal-estimates.js';
import type { SignalSource } from '../../aggregator/signals.js';
import type { EpidataRow } from './epidata-fields.js';
import type { EpidataQuery, TimeRanges } from './epidata-query.js';

/**
 * The rows of the Epidata `covidcast` endpoint, in Delphi's format: the signals' values as the
 * publication history holds them now, at an earlier moment (`as_of`), or as (re)issued on given
 * days (`issues`) or so long after their period (`lag`). Times are Delphi's numbers: YYYYMMDD
 * for days; YYYYWW for weeks, epiweeks or ISO weeks as the source says, and so are their issues.
 */

/** Delphi's missing codes (delphi_utils.Nans): 0 present, 1 not applicable, 3 withheld for privacy (too few reports). */
function missingCode(reason: MissingReason | null): number {
  return reason === null ? 0 : reason === 'not_applicable' ? 1 : 3;
}

export interface RowsContext extends EstimateContext {
  readonly timeZone: string;
  /** The snapshot's days, weeks and open day: the periods there are. */
  readonly days: readonly string[];
  readonly weeks: readonly string[];
  readonly openDay: string;
}

/** A period's time number, and the first day of the period or unit of time it stands for. */
export function timeOf(source: SignalSource, label: string): { readonly number: number; readonly start: number } {
  if (source.weeks === 'iso') return { number: isoWeekNumber(label), start: isoWeekMonday(label) };
  if (source.weeks === 'mmwr') return { number: epiweek(epochDay(label)), start: epochDay(label) };
  return { number: dayNumber(label), start: epochDay(label) };
}

/** The issue of a release, in the source's unit of time: the day, epiweek or ISO week it fell in. */
export function issueOf(source: SignalSource, day: string): { readonly number: number; readonly start: number } {
  const d = epochDay(day);
  if (source.weeks === 'iso') return { number: isoWeekNumber(isoWeek(mondayOf(d))), start: mondayOf(d) };
  if (source.weeks === 'mmwr') return { number: epiweek(sundayOf(d)), start: sundayOf(d) };
  return { number: dayNumber(day), start: d };
}

const inRanges = (value: number, ranges: TimeRanges) => ranges === undefined || ranges.some(([from, to]) => value >= from && value <= to);

/** The estimates a query asks for, each with the day whose open day decides whether it is provisional. */
function selected(ctx: RowsContext, q: EpidataQuery, source: SignalSource, area: number, period: SignalPeriod): { e: SignalEstimate; openDay: string }[] {
  const v = q.version;
  if (v === undefined) {
    const e = estimate(ctx, source, area, period, Number.POSITIVE_INFINITY);
    return e ? [{ e, openDay: ctx.openDay }] : [];
  }
  if ('as_of' in v) {
    const end = 'instant' in v.as_of ? v.as_of.instant : startOfDayIn(ctx.timeZone, isoDate(epochDay(v.as_of.day) + 1)) - 1;
    const e = estimate(ctx, source, area, period, end);
    return e ? [{ e, openDay: dayIn(ctx.timeZone, end) }] : [];
  }
  // Delphi keeps one value per issue: the last one published in that day or week.
  const byIssue = new Map<number, SignalEstimate>();
  for (const e of estimateVersions(ctx, source, area, period)) byIssue.set(issueOf(source, dayIn(ctx.timeZone, e.issued)).number, e);
  const start = timeOf(source, period.label).start;
  return [...byIssue.values()]
    .filter((e) => {
      const issue = issueOf(source, dayIn(ctx.timeZone, e.issued));
      return 'issues' in v ? inRanges(issue.number, v.issues) : lagOf(source, issue.start, start) === v.lag;
    })
    .map((e) => ({ e, openDay: dayIn(ctx.timeZone, e.issued) }));
}

export const lagOf = (source: SignalSource, issueStart: number, periodStart: number) => (issueStart - periodStart) / (source.timeType === 'day' ? 1 : 7);

/** The rows of a query, by signal, time, area and issue. */
export function* epidataRows(ctx: RowsContext, q: EpidataQuery): Generator<EpidataRow> {
  for (const source of q.sources) {
    const shape = ctx.history.tables[source.table]!;
    const areas = q.areas ?? shape.areas;
    for (const period of signalPeriods(source, ctx.days, ctx.weeks)) {
      const time = timeOf(source, period.label);
      if (!inRanges(time.number, q.times)) continue;
      for (const code of areas) {
        for (const { e, openDay } of selected(ctx, q, source, shape.areaIndex.get(code)!, period)) {
          const issue = issueOf(source, dayIn(ctx.timeZone, e.issued));
          yield {
            geo_value: code,
            signal: source.signal.name,
            time_value: time.number,
            issue: issue.number,
            lag: lagOf(source, issue.start, time.start),
            value: e.value,
            stderr: e.stderr,
            sample_size: e.sampleSize,
            missing_value: missingCode(e.missing),
            missing_stderr: missingCode(e.missing),
            missing_sample_size: missingCode(e.missingSampleSize),
            provisional: period.inputs.at(-1) === openDay,
          };
        }
      }
    }
  }
}
