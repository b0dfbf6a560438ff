import { dayIn } from '../../aggregator/day.js';
import { estimate, signalPeriods } from '../../aggregator/signal-estimates.js';
import { DATA_SOURCE, type SignalSource, type WeekSystem } from '../../aggregator/signals.js';
import { issueOf, lagOf, type RowsContext, timeOf } from './epidata-rows.js';

/**
 * A row of the Epidata `covidcast_meta` endpoint: one per signal, level and time type that is
 * served (SIGNAL_SOURCES), with Delphi's summary of the values published now (over the values present), and
 * what a value is there (`description`, `week_system`): where weeks are epiweeks and where ISO
 * weeks.
 */
export interface MetaRow {
  data_source: string;
  signal: string;
  time_type: 'day' | 'week';
  geo_type: string;
  min_time: number | null;
  max_time: number | null;
  num_locations: number;
  min_value: number | null;
  max_value: number | null;
  mean_value: number | null;
  stdev_value: number | null;
  /** When a value last changed, in seconds since 1970 (UTC). */
  last_update: number | null;
  max_issue: number | null;
  min_lag: number | null;
  max_lag: number | null;
  week_system: WeekSystem | null;
  description: string;
}

// Every field of a row, in order, for `fields`; the type holds the list to MetaRow.
const META_FIELD_SET: Record<keyof MetaRow, true> = {
  data_source: true, signal: true, time_type: true, geo_type: true, min_time: true, max_time: true, num_locations: true,
  min_value: true, max_value: true, mean_value: true, stdev_value: true, last_update: true, max_issue: true, min_lag: true,
  max_lag: true, week_system: true, description: true,
};
export const META_FIELDS = Object.keys(META_FIELD_SET);

/** Running extremes and Welford's mean and variance. */
class Summary {
  n = 0;
  mean = 0;
  private m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  add(x: number): void {
    this.n++;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
    this.min = Math.min(this.min, x);
    this.max = Math.max(this.max, x);
  }

  get stdev(): number | null {
    return this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : null;
  }
}

const orNull = (s: Summary, x: number) => (s.n > 0 ? x : null);

export function metaRow(ctx: RowsContext, source: SignalSource): MetaRow {
  const shape = ctx.history.tables[source.table]!;
  const values = new Summary();
  const times = new Summary();
  const lags = new Summary();
  const locations = new Set<number>();
  let issued = Number.NEGATIVE_INFINITY;
  for (const period of signalPeriods(source, ctx.days, ctx.weeks)) {
    const time = timeOf(source, period.label);
    for (let area = 0; area < shape.areas.length; area++) {
      const e = estimate(ctx, source, area, period, Number.POSITIVE_INFINITY);
      if (!e || e.value === null) continue;
      values.add(e.value);
      times.add(time.number);
      lags.add(lagOf(source, issueOf(source, dayIn(ctx.timeZone, e.issued)).start, time.start));
      locations.add(area);
      issued = Math.max(issued, e.issued);
    }
  }
  return {
    data_source: DATA_SOURCE,
    signal: source.signal.name,
    time_type: source.timeType,
    geo_type: source.geoType,
    min_time: orNull(times, times.min),
    max_time: orNull(times, times.max),
    num_locations: locations.size,
    min_value: orNull(values, values.min),
    max_value: orNull(values, values.max),
    mean_value: orNull(values, values.mean),
    stdev_value: values.stdev,
    last_update: orNull(values, Math.floor(issued / 1000)),
    max_issue: orNull(values, issueOf(source, dayIn(ctx.timeZone, Math.max(0, issued))).number),
    min_lag: orNull(lags, lags.min),
    max_lag: orNull(lags, lags.max),
    week_system: source.weeks,
    description: `${source.signal.description} ${source.description}`,
  };
}
