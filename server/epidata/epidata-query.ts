import { z } from '@hono/zod-openapi';
import type { AreaPack } from '../../aggregator/areas/index.js';
import { epochDay, isoDate } from '../../aggregator/calendar.js';
import type { GeoType } from '../../aggregator/publication.js';
import { snapshotAreas } from '../../aggregator/release.js';
import { DATA_SOURCE, SIGNAL_SOURCES, SIGNALS, type SignalSource } from '../../aggregator/signals.js';
import { choice } from '../query-params.js';
import { ROW_FIELDS } from './epidata-fields.js';

/**
 * The parameters of the Epidata `covidcast` endpoint, as Delphi's API takes them and its
 * clients (epidatr, epidatpy) send them: lists comma-separated, ranges `first-last`
 * (`20261101-20261107`, `202645-202648`), `*` for everything; dates `YYYYMMDD` (or
 * `YYYY-MM-DD`, ranges `YYYY-MM-DD--YYYY-MM-DD`), weeks `YYYYWW`. Stricter than Delphi's where
 * strictness helps: an unknown signal, area or parameter is refused, not answered with nothing.
 */

/** Delphi's singular and plural names for the same list. */
export const EPIDATA_ALIASES: Readonly<Record<string, string>> = { signal: 'signals', geo_value: 'geo_values' };

/** Inclusive ranges of Delphi time numbers (YYYYMMDD or YYYYWW); undefined for `*`. */
export type TimeRanges = readonly (readonly [number, number])[] | undefined;

/** Delphi's `fields`: names to keep, or names to leave out, each with a leading -. */
export function fieldList(known: readonly string[]) {
  return z.string().transform((written, ctx) => {
    const names = written.split(',');
    names.forEach((name, i) => {
      if (!known.includes(name.replace(/^-/, ''))) ctx.addIssue({ code: 'custom', path: [i], message: `unknown field ${name}` });
      else if (name.startsWith('-') !== names[0]!.startsWith('-')) ctx.addIssue({ code: 'custom', path: [i], message: 'fields to keep and fields to leave out (-name) cannot be mixed' });
    });
    return names;
  });
}

/** A time number or range as written: 6 digits for a week, 8 for a day. */
const TIME = /^(\d{6}|\d{8}|\d{4}-\d{2}-\d{2})(?:(?:-|--)(\d{6}|\d{8}|\d{4}-\d{2}-\d{2}))?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

const number = (written: string) => Number(written.replace(/-/g, ''));

/** Whether a time number is a real day (YYYYMMDD) or week (YYYYWW, week 1 to 53). */
function valid(value: number, unit: 'day' | 'week'): boolean {
  if (unit === 'week') return value >= 100_000 && value < 1_000_000 && value % 100 >= 1 && value % 100 <= 53;
  const date = `${Math.floor(value / 10_000)}-${String(Math.floor(value / 100) % 100).padStart(2, '0')}-${String(value % 100).padStart(2, '0')}`;
  return value >= 10_000_000 && value < 100_000_000 && isoDate(epochDay(date)) === date;
}

/** `*` or a list of time numbers and ranges, checked against the unit in the object's refinement. */
const times = z.string().transform((written, ctx): { written: string[]; ranges: TimeRanges } => {
  if (written === '*') return { written: [], ranges: undefined };
  const items = written.split(',');
  const ranges: [number, number][] = [];
  items.forEach((item, i) => {
    const m = TIME.exec(item);
    if (!m) {
      ctx.addIssue({ code: 'custom', path: [i], message: `${item}: not YYYYMMDD, YYYYWW, a range of them (first-last) or *` });
      return;
    }
    const [from, to] = [number(m[1]!), number(m[2] ?? m[1]!)];
    if (from > to) ctx.addIssue({ code: 'custom', path: [i], message: `${item}: the range is inverted` });
    ranges.push([from, to]);
  });
  return { written: items, ranges };
});

/** The end of a day, as a Delphi date (YYYYMMDD or YYYY-MM-DD), or an instant (RFC 3339 date-time with an offset). */
const asOf = z.string().transform((written, ctx): { day: string } | { instant: number } => {
  if (DATE_TIME.test(written) && !Number.isNaN(Date.parse(written))) return { instant: Date.parse(written) };
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(written);
  const day = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !valid(number(day), 'day')) ctx.addIssue({ code: 'custom', message: `${written}: not a date (YYYYMMDD) or a date-time with an offset (2026-11-24T12:00:00Z)` });
  return { day };
});

/** The parameters' schema, shared by the validation and the OpenAPI description. */
export function epidataQueryShape(pack: AreaPack) {
  const codes = new Map(snapshotAreas(pack).map((a) => [a.code.toLowerCase(), a.code]));
  const signalNames = new Set(SIGNALS.map((s) => s.name));
  return {
    data_source: choice([DATA_SOURCE]).openapi({ description: `The data source: \`${DATA_SOURCE}\`.` }),
    signals: z
      .string()
      .transform((written, ctx) =>
        written.split(',').map((name, i) => {
          if (!signalNames.has(name)) ctx.addIssue({ code: 'custom', path: [i], message: `unknown signal ${name} (covidcast_meta lists them)` });
          return name;
        }),
      )
      .openapi({ type: 'string', description: 'Comma-separated signal names (`signal` is accepted too).' }),
    time_type: choice(['day', 'week']).openapi({ description: 'day, or week: epiweeks (MMWR) for the country and regions, ISO weeks for municipalities.' }),
    geo_type: choice(['country', 'region', 'municipality']),
    geo_values: z
      .string()
      .transform((written, ctx) => {
        if (written === '*') return undefined;
        return written.split(',').map((value, i) => {
          const code = codes.get(value.toLowerCase());
          if (!code) ctx.addIssue({ code: 'custom', path: [i], message: `unknown area ${value}` });
          return code ?? value;
        });
      })
      .openapi({ type: 'string', description: 'Comma-separated area codes (any case), or * for every area of geo_type (`geo_value` is accepted too).' }),
    time_values: times.openapi({ type: 'string', description: 'Days (YYYYMMDD) or weeks (YYYYWW), comma-separated, ranges first-last, or *.' }),
    as_of: asOf.optional().openapi({ type: 'string', description: 'What was published at the end of this day (YYYYMMDD), or at this instant (RFC 3339).' }),
    issues: times.optional().openapi({ type: 'string', description: 'Only values as (re)published on these days or weeks (the unit of time_type): lists, ranges, *.' }),
    lag: z.coerce.number().int().nonnegative().optional().openapi({ type: 'integer', description: 'Only values as published this many days or weeks after their period.' }),
    format: choice(['classic', 'json']).optional().openapi({ description: 'classic (default): { result, epidata, message }; json: the rows alone.' }),
    fields: fieldList(ROW_FIELDS).optional().openapi({ type: 'string', description: 'Only these fields, or all but those named with a leading -.' }),
  };
}

/** The validated query: the sources (signal × geo_type × time_type) asked for and the filters. */
export interface EpidataQuery {
  readonly sources: readonly SignalSource[];
  readonly geoType: GeoType;
  readonly timeType: 'day' | 'week';
  /** Area codes, or undefined for every area of the level. */
  readonly areas: readonly string[] | undefined;
  readonly times: TimeRanges;
  readonly version: { readonly as_of: { day: string } | { instant: number } } | { readonly issues: TimeRanges } | { readonly lag: number } | undefined;
  readonly format: 'classic' | 'json';
  readonly fields: readonly string[] | undefined;
}

export function epidataQuerySchema(pack: AreaPack) {
  const levelOf = new Map(snapshotAreas(pack).map((a) => [a.code, a.level]));
  return z
    .strictObject(epidataQueryShape(pack))
    .superRefine((q, ctx) => {
      q.signals.forEach((name, i) => {
        if (SIGNALS.some((s) => s.name === name) && !SIGNAL_SOURCES.some((s) => s.signal.name === name && s.geoType === q.geo_type && s.timeType === q.time_type)) {
          ctx.addIssue({ code: 'custom', path: ['signals', i], message: `${name} is not served for geo_type ${q.geo_type} by ${q.time_type} (covidcast_meta lists what is)` });
        }
      });
      q.geo_values?.forEach((code, i) => {
        const level = levelOf.get(code);
        if (level && level !== q.geo_type) ctx.addIssue({ code: 'custom', path: ['geo_values', i], message: `${code} is a ${level}, not a ${q.geo_type}` });
      });
      const unit = q.time_type;
      for (const name of ['time_values', 'issues'] as const) {
        q[name]?.ranges?.forEach(([from, to], i) => {
          if (!valid(from, unit) || !valid(to, unit)) ctx.addIssue({ code: 'custom', path: [name, i], message: `${q[name]!.written[i]}: not a ${unit === 'day' ? 'date (YYYYMMDD)' : 'week (YYYYWW)'}` });
        });
      }
      const versions = (['as_of', 'issues', 'lag'] as const).filter((name) => q[name] !== undefined);
      if (versions.length > 1) ctx.addIssue({ code: 'custom', path: [versions[1]!], message: `${versions.join(', ')} exclude each other: give one` });
    })
    .transform(
      (q): EpidataQuery => ({
        sources: q.signals.map((name) => SIGNAL_SOURCES.find((s) => s.signal.name === name && s.geoType === q.geo_type && s.timeType === q.time_type)!),
        geoType: q.geo_type,
        timeType: q.time_type,
        areas: q.geo_values,
        times: q.time_values.ranges,
        version: q.as_of ? { as_of: q.as_of } : q.issues ? { issues: q.issues.ranges } : q.lag !== undefined ? { lag: q.lag } : undefined,
        format: q.format ?? 'classic',
        fields: q.fields,
      }),
    );
}
