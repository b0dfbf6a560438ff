import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochDay, isoDate } from '../aggregator/calendar.js';
import { AGE_BANDS } from '../aggregator/questionnaire.js';
import { DEFAULT_RELEASE_POLICY } from '../aggregator/release-policy.js';
import type { ReleasedRow } from '../aggregator/released-rows.js';
import type { EpidataRow as Row } from '../server/epidata/epidata-fields.js';
import { type ClientParams, epidatpyRequest, epidatrRequest } from './support/epidata-clients.js';
import { VALID_REPORT } from './support/reports.js';
import { expectPrivateLogs, startTestService, type TestService } from './support/service.js';

const V = DEFAULT_RELEASE_POLICY.perturbation.variance;
const SOURCE = 'symptom-self-report';
/** 06:00 in Ljubljana (UTC+1 in November) on a November day of 2026, plus hours. */
const at = (day: number, hour: number) => Date.UTC(2026, 10, day, hour - 1);
/** Days 16 (a Monday) to 24 closed, the 25th open. */
const DAYS = [16, 17, 18, 19, 20, 21, 22, 23, 24];
const date = (day: number) => `2026-11-${String(day).padStart(2, '0')}`;

interface Envelope<T> {
  result: number;
  epidata: T[];
  message: string;
}

/** Reports of every age band in turn, a third with COVID-like illness. */
const report = (area: string, i: number) => {
  const symptoms = i % 3 === 0 ? [] : i % 3 === 1 ? ['fever', 'cough'] : ['headache'];
  return { ...VALID_REPORT, area, ageBand: AGE_BANDS[i % AGE_BANDS.length]!, symptoms, ...(symptoms.length ? { onset: '1-3d' } : { onset: undefined }) };
};

/** The share and standard error the signals are defined as, from published counts: k counts pooled carry k × V. */
function share(x: number, n: number, k: number) {
  const p = Math.min(1, x / n);
  return { value: 100 * p, stderr: 100 * Math.sqrt((p * (1 - p)) / n + (k * V * (1 + p * p)) / (n * n)) };
}

// Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
describe('the Epidata endpoint, replayed as Delphi clients call it', { shuffle: false }, () => {
  let service: TestService;
  /** The service before the restart, whose database the second one opens. */
  let first: TestService | undefined;
  let clock = at(16, 5);
  /** Answers recorded right after a release, to be asked for again with as_of. */
  const recorded = new Map<string, string>();
  const history = { data_source: SOURCE, signals: ['raw_cli', 'smoothed_cli'], geo_type: 'region', time_type: 'day', geo_values: '*', time_values: '*' } satisfies ClientParams;

  const get = async (request: { url: string; headers: Record<string, string> }) => {
    const res = await fetch(request.url, { headers: request.headers });
    return { res, body: (await res.json()) as Envelope<Row> & { errors?: { pointer: string }[] } };
  };
  const epidatr = (params: ClientParams, endpoint = 'covidcast') => get(epidatrRequest(`${service.url}/api/epidata`, endpoint, params));
  const epidatpy = (params: ClientParams, endpoint = 'covidcast') => get(epidatpyRequest(`${service.url}/api/epidata`, endpoint, params));
  const published = async (query: string) => ((await (await fetch(`${service.url}/api/v1/stats?${query}`)).json()) as { rows: ReleasedRow[] }).rows;
  const release = async (time: number) => {
    clock = time;
    service.releaseNow();
    recorded.set(String(time), await (await fetch(epidatrRequest(`${service.url}/api/epidata`, 'covidcast', history).url)).text());
  };
  const post = async (area: string, n: number) => {
    for (let i = 0; i < n; i++) expect((await service.post(report(area, i))).status).toBe(201);
  };

  beforeAll(async () => {
    service = await startTestService({}, { now: () => clock });
    // Each day: reports before the open day's publication times, and a release after each of
    // them, as the service's cadence would; a day's final numbers come with the next morning's.
    // Ljubljana gets 6 reports of every age band a day, so its age bands are never published
    // as 0; Kranj gets 16; Bohinj 1, too few to publish.
    for (const day of [...DAYS, 25]) {
      clock = at(day, 5);
      await post('SI-061', 24);
      await post('SI-052', 8);
      await release(at(day, 7));
      if (day === 25) break;
      clock = at(day, 8);
      await post('SI-061', 24);
      await post('SI-004', 1);
      await release(at(day, 13));
      await post('SI-052', 8);
      await release(at(day, 19));
    }
  }, 120_000);
  afterAll(async () => {
    await service.stop();
    if (first) {
      rmSync(first.dir, { recursive: true, force: true });
      expectPrivateLogs(first.logs);
    }
  });

  it('answers epidatr with the fields and types of Delphi’s documented format', async () => {
    const { res, body } = await epidatr({ data_source: SOURCE, signals: ['smoothed_cli', 'raw_cli'], geo_type: 'region', time_type: 'day', geo_values: ['SI041', 'SI042'], time_values: { from: 20261118, to: 20261124 } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body).toMatchObject({ result: 1, message: 'success' });
    expect(Object.keys(body).sort()).toEqual(['epidata', 'message', 'result']);
    expect(body.epidata).toHaveLength(2 * 2 * 7);
    for (const row of body.epidata) {
      expect(Object.keys(row)).toEqual(['geo_value', 'signal', 'time_value', 'issue', 'lag', 'value', 'stderr', 'sample_size', 'missing_value', 'missing_stderr', 'missing_sample_size', 'provisional']);
      expect(row.time_value).toBeGreaterThanOrEqual(20261118);
      expect(row.time_value).toBeLessThanOrEqual(20261124);
      for (const field of ['time_value', 'issue', 'lag', 'missing_value', 'missing_stderr', 'missing_sample_size'] as const) expect(Number.isInteger(row[field]), field).toBe(true);
      expect(row.value === null ? row.missing_value : 0).toBe(row.missing_value);
      expect([0, 3]).toContain(row.missing_value);
      if (row.value !== null) expect(typeof row.stderr).toBe('number');
      expect(row.provisional).toBe(false);
      // A closed day was last published when it closed (lag 1), unless its final numbers drew
      // the same deviations as its last publication of the day (lag 0).
      expect([0, 1]).toContain(row.lag);
      expect(row.issue).toBe(Number(isoDate(epochDay(date(row.time_value % 100)) + row.lag).replace(/-/g, '')));
    }
  });

  it('computes every value from the published counts: a day, 7 days pooled with 7 × the perturbation variance, and the age-standardised share', async () => {
    const { body } = await epidatpy({ data_source: SOURCE, signals: 'smoothed_cli,raw_cli,raw_wcli', geo_type: 'region', time_type: 'day', geo_values: 'SI041', time_values: '20261124' });
    const row = (signal: string) => body.epidata.find((r) => r.signal === signal)!;
    const days = await published('time_type=day&geo_type=region&geo_value=SI041&metric=reports,cli&from=2026-11-18&to=2026-11-24');
    const count = (day: string, metric: string) => days.find((r) => r.time_value === day && r.metric === metric)!.value!;
    const week = DAYS.slice(2).map(date);
    const x = week.reduce((sum, d) => sum + count(d, 'cli'), 0);
    const n = week.reduce((sum, d) => sum + count(d, 'reports'), 0);
    expect(row('smoothed_cli')).toMatchObject({ ...share(x, n, 7), sample_size: n, missing_value: 0 });
    expect(row('smoothed_cli').value).toBeCloseTo(share(x, n, 7).value, 10);
    expect(row('raw_cli').value).toBeCloseTo(share(count('2026-11-24', 'cli'), count('2026-11-24', 'reports'), 1).value, 10);
    expect(row('raw_cli').stderr).toBeCloseTo(share(count('2026-11-24', 'cli'), count('2026-11-24', 'reports'), 1).stderr, 10);
    const standardised = (await published('time_type=day&geo_type=region&geo_value=SI041&metric=cli&from=2026-11-24&to=2026-11-24'))[0]!;
    expect(standardised.standardised_share).not.toBeNull();
    expect(row('raw_wcli').value).toBeCloseTo(100 * standardised.standardised_share!, 10);
    expect(row('raw_wcli').stderr).toBeCloseTo(100 * standardised.standardised_stderr!, 10);
  });

  it('serves municipalities by the ISO weeks they publish, and the country by epiweeks summed from its published days', async () => {
    const municipal = await epidatr({ data_source: SOURCE, signals: 'smoothed_cli', geo_type: 'municipality', time_type: 'week', geo_values: ['si-061', 'SI-004'], time_values: '*' });
    const weekRow = (await published('time_type=week&geo_type=municipality&geo_value=SI-061&metric=cli&from=2026-11-16&to=2026-11-22'))[0]!;
    expect(municipal.body.epidata.find((r) => r.geo_value === 'SI-061')).toMatchObject({
      time_value: 202647,
      issue: 202648,
      lag: 1,
      value: 100 * weekRow.share!,
      stderr: 100 * weekRow.stderr!,
      sample_size: weekRow.sample_size,
    });
    // Bohinj's reports are too few to publish: a row with Delphi's privacy code, no number.
    expect(municipal.body.epidata.find((r) => r.geo_value === 'SI-004')).toMatchObject({ value: null, stderr: null, sample_size: null, missing_value: 3, missing_sample_size: 3 });

    const country = await epidatpy({ data_source: SOURCE, signals: 'smoothed_cli', geo_type: 'country', time_type: 'week', geo_values: 'SI', time_values: '202646-202647' });
    // Epiweek 202646 runs from Sunday 15 to Saturday 21 November; the 15th was never published, so 6 days are pooled.
    const days = await published('time_type=day&geo_type=country&metric=reports,cli&from=2026-11-15&to=2026-11-21');
    const sum = (metric: string) => days.filter((r) => r.metric === metric).reduce((s, r) => s + r.value!, 0);
    expect(country.body.epidata).toHaveLength(1);
    const [week] = country.body.epidata;
    expect(week).toMatchObject({ time_value: 202646, sample_size: sum('reports'), ...share(sum('cli'), sum('reports'), 6) });
    // Issued when its Saturday closed (the next epiweek), or on the Saturday if the final draw changed nothing.
    expect([0, 1]).toContain(week!.lag);
    expect(week!.issue).toBe(202646 + week!.lag);
  });

  it('marks provisional only what ends on the open day, in the JSON, the CSV and the Epidata rows', async () => {
    const { body } = await epidatr({ data_source: SOURCE, signals: ['raw_cli', 'smoothed_cli'], geo_type: 'country', time_type: 'day', geo_values: '*', time_values: '*' });
    expect(body.epidata.filter((r) => r.provisional).map((r) => r.time_value)).toEqual([20261125, 20261125]);
    for (const r of body.epidata.filter((r) => r.provisional)) expect([r.issue, r.lag]).toEqual([20261125, 0]);
    const rows = await published('time_type=day&geo_type=country&metric=reports&from=2026-11-20');
    expect(rows.filter((r) => r.provisional).map((r) => r.time_value)).toEqual(['2026-11-25']);
    const csv = await (await fetch(`${service.url}/api/v1/stats.csv?time_type=day&geo_type=country&metric=reports&from=2026-11-20`)).text();
    expect(csv.split('\r\n').filter((line) => line.includes(',true,')).map((line) => line.split(',')[1])).toEqual(['2026-11-25']);
  });

  it('gives back exactly what was published at an earlier time (as_of a day, or an instant)', async () => {
    for (const day of [18, 21, 24]) {
      // The end of a day: what its last release (19:00) published, the day then open and provisional.
      const asOfDay = await epidatr({ ...history, as_of: Number(date(day).replace(/-/g, '')) });
      expect(asOfDay.body).toEqual(JSON.parse(recorded.get(String(at(day, 19)))!));
      const provisional = asOfDay.body.epidata.filter((r) => r.provisional);
      expect(provisional.length).toBeGreaterThan(0);
      expect(new Set(provisional.map((r) => r.time_value))).toEqual(new Set([Number(date(day).replace(/-/g, ''))]));
      const asOfInstant = await epidatpy({ ...history, as_of: new Date(at(day, 13) + 60_000).toISOString() });
      expect(asOfInstant.body).toEqual(JSON.parse(recorded.get(String(at(day, 13)))!));
    }
  });

  it('gives what was (re)issued on given days, and at a given lag', async () => {
    const issued = await epidatr({ data_source: SOURCE, signals: 'raw_cli', geo_type: 'country', time_type: 'day', geo_values: 'SI', time_values: '*', issues: { from: 20261120, to: 20261120 } });
    // On the 20th: the 20th's last publication of the day (lag 0, provisional), and the 19th's
    // final numbers (lag 1) unless they drew the same deviations as its last publication.
    const latest19 = (await epidatr({ data_source: SOURCE, signals: 'raw_cli', geo_type: 'country', time_type: 'day', geo_values: 'SI', time_values: 20261119 })).body.epidata[0]!;
    expect(issued.body.epidata.map((r) => [r.time_value, r.issue, r.lag, r.provisional])).toEqual([
      ...(latest19.lag === 1 ? [[20261119, 20261120, 1, false]] : []),
      [20261120, 20261120, 0, true],
    ]);
    const asOf20 = await epidatr({ data_source: SOURCE, signals: 'raw_cli', geo_type: 'country', time_type: 'day', geo_values: 'SI', time_values: '20261119-20261120', as_of: 20261120 });
    expect(issued.body.epidata.map((r) => r.value)).toEqual(asOf20.body.epidata.slice(latest19.lag === 1 ? 0 : 1).map((r) => r.value));

    const lagged = await epidatpy({ data_source: SOURCE, signals: 'raw_cli', geo_type: 'country', time_type: 'day', geo_values: 'SI', time_values: '*', lag: 0 });
    expect(lagged.body.epidata.map((r) => r.time_value)).toEqual([...DAYS, 25].map((d) => Number(date(d).replace(/-/g, ''))));
    for (const r of lagged.body.epidata) expect([r.issue, r.lag, r.provisional]).toEqual([r.time_value, 0, true]);
    const none = await epidatr({ data_source: SOURCE, signals: 'raw_cli', geo_type: 'country', time_type: 'day', geo_values: 'SI', time_values: '*', lag: 7 });
    expect(none.body).toEqual({ result: -2, epidata: [], message: 'no results' });
  });

  it('lists every signal served in covidcast_meta, with what its weeks are', async () => {
    const { body } = await epidatpy({}, 'covidcast_meta');
    expect(body.result).toBe(1);
    const meta = body.epidata as unknown as Record<string, unknown>[];
    const row = (signal: string, geo: string, time: string) => meta.find((m) => m.signal === signal && m.geo_type === geo && m.time_type === time);
    expect(row('smoothed_cli', 'municipality', 'week')).toMatchObject({ data_source: SOURCE, week_system: 'iso', num_locations: 2, min_time: 202647, max_time: 202647 });
    expect(row('smoothed_cli', 'country', 'week')).toMatchObject({ week_system: 'mmwr', min_time: 202646 });
    expect(row('smoothed_wcli', 'region', 'day')).toMatchObject({ week_system: null, max_time: 20261125, max_issue: 20261125, min_lag: 0, max_lag: 1 });
    expect(row('raw_cli', 'municipality', 'day')).toBeUndefined();
    expect(row('smoothed_cli', 'municipality', 'week')!.description).toMatch(/ISO 8601 weeks/);
    for (const m of meta) expect(Object.keys(m)).toContain('stdev_value');
  });

  it.each([
    ['a signal it does not have', { signals: 'smoothed_cli,smoothed_whh_cmnty_cli' }, '/signals/1'],
    ['a signal not served at that level', { geo_type: 'municipality', signals: 'raw_cli', time_type: 'week' }, '/signals/0'],
    ['another data source', { data_source: 'fb-survey' }, '/data_source'],
    ['an area of another level', { geo_values: 'SI041,SI-061' }, '/geo_values/1'],
    ['an unknown area', { geo_values: 'SI099' }, '/geo_values/0'],
    ['a malformed date', { time_values: '2026111' }, '/time_values/0'],
    ['an inverted range', { time_values: '20261124,20261124-20261120' }, '/time_values/1'],
    ['weeks for days', { time_values: '202647' }, '/time_values/0'],
    ['no such day', { time_values: '20261131' }, '/time_values/0'],
    ['as_of with issues', { as_of: 20261120, issues: 20261120 }, '/issues'],
    ['a negative lag', { lag: -1 }, '/lag'],
    ['an unknown format', { format: 'csv' }, '/format'],
    ['mixed fields', { fields: 'value,-stderr' }, '/fields/1'],
    ['an unknown parameter', { geo: 'region:*' }, '/geo'],
  ])('refuses %s with a 400 problem document that Delphi clients read too', async (_, change, pointer) => {
    const before = await epidatr(history);
    const { res, body } = await epidatr({ ...history, ...change });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(body.errors!.map((e) => e.pointer)).toContain(pointer);
    expect(body).toMatchObject({ result: -1, epidata: [], status: 400 });
    expect(body.message).toMatch(/^invalid query/);
    expect((await epidatr(history)).body).toEqual(before.body);
  });

  it('refuses a parameter given twice, under either of its names', async () => {
    const url = `${service.url}/api/epidata/covidcast/?data_source=${SOURCE}&signal=raw_cli&signals=raw_cli&geo_type=country&time_type=day&geo_value=SI&time_values=*`;
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['/signals']);
  });

  it('keeps the history of what it published across a restart', async () => {
    const before = (await epidatr({ ...history, as_of: 20261122 })).body;
    first = service;
    await first.close();
    service = await startTestService({ databasePath: first.databasePath }, { now: () => clock });
    expect((await epidatr({ ...history, as_of: 20261122 })).body).toEqual(before);
    expect(before).toEqual(JSON.parse(recorded.get(String(at(22, 19)))!));
  });
});
