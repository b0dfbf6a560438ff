import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleasedRow } from '../aggregator/released-rows.js';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { DEFAULT_RELEASE_POLICY } from '../aggregator/release-policy.js';
import { VALID_REPORT } from './support/reports.js';
import { startTestService, type TestService } from './support/service.js';

const DAY_MS = 86_400_000;
const D = DEFAULT_RELEASE_POLICY.perturbation.maxDeviation;
const pack = loadAreaPack('si');
// Noon in Ljubljana on two consecutive days, so the arrival day is unambiguous.
const YESTERDAY = Date.UTC(2026, 10, 24, 11);
const TODAY = YESTERDAY + DAY_MS;

/** A published row, as the API serves it. */
type Row = ReleasedRow;

const report = (area: string, symptoms: string[] = []) => ({
  ...VALID_REPORT,
  area,
  symptoms,
  ...(symptoms.length > 0 ? { onset: '1-3d' } : { onset: undefined }),
});

// Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
describe('public statistics', { shuffle: false }, () => {
  let service: TestService;
  let clock = YESTERDAY;
  const get = async (path: string) => {
    const res = await fetch(`${service.url}${path}`);
    return { res, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
  };
  const stats = async (query: string) => ((await get(`/api/v1/stats?${query}`)).body as { rows: Row[] }).rows;
  const countsReads = async () => Number(/^counts_reads_total (\d+)/m.exec(await (await fetch(`${service.adminUrl}/metrics`)).text())![1]);

  beforeAll(async () => {
    // One report three weeks earlier, so the published days start then: a long CSV.
    clock = Date.UTC(2026, 10, 2, 11);
    service = await startTestService({}, { now: () => clock });
    expect((await service.post(report('SI-061'))).status).toBe(201);
    clock = YESTERDAY;
    // Yesterday: Ljubljana (SI-061) gets 40 reports, 25 with COVID-like illness; Kranj (SI-052)
    // 12; Bohinj (SI-004) 3, too few to publish. How each number is perturbed is the release's
    // business (test/release.test.ts).
    const sends = [
      ...Array.from({ length: 25 }, () => report('SI-061', ['fever', 'cough'])),
      ...Array.from({ length: 15 }, () => report('SI-061')),
      ...Array.from({ length: 12 }, () => report('SI-052', ['headache'])),
      ...Array.from({ length: 3 }, () => report('SI-004', ['fever', 'cough'])),
    ];
    for (const body of sends) expect((await service.post(body)).status).toBe(201);
    clock = TODAY;
    service.releaseNow();
  });
  afterAll(() => service.stop());

  it('publishes every count within the largest deviation of the counters, and municipalities by week only', async () => {
    const rows = await stats('time_type=day&from=2026-11-24&to=2026-11-24');
    expect(rows.filter((r) => r.geo_type === 'municipality')).toEqual([]);
    const db = new Database(service.databasePath, { readonly: true });
    const municipalities = (area: string) => (area === 'SI' ? [...pack.municipalityByCode.keys()] : [...pack.municipalityByCode.values()].filter((m) => m.region === area).map((m) => m.code));
    // Prepared once: the view unpacks every metric of the counters and the frozen values, so each preparation is not cheap.
    const count = db.prepare("SELECT coalesce(sum(n), 0) FROM counts WHERE day = '2026-11-24' AND area = ? AND metric = ?").pluck();
    const counter = (area: string, metric: string) => municipalities(area).reduce((sum, code) => sum + (count.get(code, metric) as number), 0);
    const published = rows.filter((r) => r.value !== null);
    expect(published.length).toBeGreaterThan(50);
    for (const r of published) {
      const n = counter(r.geo_value, r.metric);
      expect(Math.abs(r.value! - n), `${r.geo_value} ${r.metric}: ${r.value} for ${n}`).toBeLessThanOrEqual(n === 0 ? D + 1 : D);
      expect([1, 2]).not.toContain(r.value);
    }
    db.close();
    const row = (area: string, metric: string) => rows.find((r) => r.geo_value === area && r.metric === metric)!;
    // Osrednjeslovenska: Ljubljana's 40 reports, 25 of them COVID-like.
    expect(Math.abs(row('SI041', 'reports').value! - 40)).toBeLessThanOrEqual(D);
    expect(row('SI041', 'symptomatic')).toMatchObject({ share: Math.min(1, row('SI041', 'symptomatic').value! / row('SI041', 'reports').value!) });
  });

  it('serves the same rows as JSON and as CSV, and the CSV parses back', async () => {
    const query = 'time_type=day&geo_type=region&geo_value=SI041,SI042&from=2026-11-24&to=2026-11-24';
    const json = await stats(query);
    const { res, body } = await get(`/api/v1/stats.csv?${query}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="symptoms_region_SI041\+SI042_day_2026-11-24_2026-11-24_released-.*\.csv"/);
    const text = body as string;
    const bytes = new Uint8Array(await (await fetch(`${service.url}/api/v1/stats.csv?${query}`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('\r\n');
    const csv = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(csv).toHaveLength(json.length);
    const asCsv = (v: unknown) => (v === null ? '' : typeof v === 'boolean' ? String(v) : String(v));
    expect(csv).toEqual(json.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, asCsv(v)]))));
    const header = Object.keys(csv[0]!);
    const dictionary = ((await get('/api/v1/datapackage.json')).body as { resources: { schema: { fields: { name: string }[] } }[] }).resources[0]!.schema.fields.map((f) => f.name);
    expect(header).toEqual(dictionary);
  });

  it('builds a large CSV that parses as one file with one header', async () => {
    const query = 'time_type=day&from=2026-11-02&to=2026-11-24';
    const json = await stats(query);
    expect(json.length).toBeGreaterThan(5000);
    const { body } = await get(`/api/v1/stats.csv?${query}`);
    const text = body as string;
    expect(text.split('time_type,time_value').length - 1).toBe(1);
    expect(text.includes('\ufeff')).toBe(false);
    const csv = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(csv.map((r) => `${r.geo_value} ${r.metric} ${r.value}`)).toEqual(json.map((r) => `${r.geo_value} ${r.metric} ${r.value ?? ''}`));
  });

  it('describes every metric in the data package, from the questionnaire', async () => {
    const { body } = await get('/api/v1/datapackage.json');
    const fields = (body as { resources: { schema: { fields: { name: string; categories?: { value: string; label: string }[] }[] } }[] }).resources[0]!.schema.fields;
    const metrics = fields.find((f) => f.name === 'metric')!.categories!;
    expect(metrics.map((m) => m.value)).toEqual(expect.arrayContaining(['reports', 'cli', 'symptom:loss_of_smell_or_taste', 'guidance:emergency', 'age:75+:cli']));
    expect(metrics.find((m) => m.value === 'cli')!.label).toContain('fever and (cough or shortness of breath)');
  });

  it('does not publish a new report in a small municipality before its day closes', async () => {
    const before = await stats('time_type=day&from=2026-11-24');
    expect((await service.post(report('SI-163', ['fever', 'cough']))).status).toBe(201);
    service.releaseNow();
    const after = await stats('time_type=day&from=2026-11-24');
    expect(after.filter((r) => r.geo_value === 'SI-163' && r.value !== null)).toEqual([]);
    expect(after).toEqual(before.map((r) => ({ ...r })));
  });

  it('publishes today at fixed times only, as provisional numbers', async () => {
    const today = async () => (await stats('time_type=day&geo_type=region&geo_value=SI041&metric=reports&from=2026-11-25'))[0];
    const before = await today();
    for (let i = 0; i < 22; i++) expect((await service.post(report('SI-061'))).status).toBe(201);
    service.releaseNow();
    // 12:00 was the last publication time: 22 more reports change nothing until 18:00.
    expect(await today()).toEqual(before);
    clock = TODAY + 6 * 3_600_000;
    service.releaseNow();
    const after = (await today())!;
    expect(after.provisional).toBe(true);
    expect(Math.abs(after.value! - 22)).toBeLessThanOrEqual(D);
    const { snapshot } = (await get('/api/v1/stats?time_type=day&geo_type=country&metric=reports')).body as { snapshot: Record<string, unknown> };
    expect(snapshot).toMatchObject({ openDay: '2026-11-25', openDayPublishedAt: new Date(clock).toISOString(), openDayNextAt: null });
  });

  it('answers from memory: no stats request reads SQLite', async () => {
    const reads = await countsReads();
    for (const path of ['/api/v1/stats?time_type=day', '/api/v1/stats.csv?time_type=week&geo_type=region', '/api/v1/stats?time_type=day&metric=reports', '/api/v1/datapackage.json']) {
      expect((await get(path)).res.status).toBe(200);
    }
    expect(await countsReads()).toBe(reads);
    service.releaseNow();
    expect(await countsReads()).toBe(reads + 1);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag after a new snapshot', async () => {
    const first = await fetch(`${service.url}/api/v1/stats?time_type=day&geo_type=country`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(first.headers.get('last-modified')).toBeTruthy();
    const again = await fetch(`${service.url}/api/v1/stats?time_type=day&geo_type=country`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    clock += 1000;
    service.releaseNow();
    const later = await fetch(`${service.url}/api/v1/stats?time_type=day&geo_type=country`, { headers: { 'if-none-match': etag } });
    expect(later.status).toBe(200);
    expect(later.headers.get('etag')).not.toBe(etag);
  });

  it('still takes the former parameter names, for one more version', async () => {
    const current = await stats('time_type=day&geo_type=region&geo_value=SI041&metric=reports,cli&from=2026-11-20');
    expect(current.length).toBeGreaterThan(0);
    expect(await stats('period=day&level=region&area=SI041&metrics=reports,cli&from=2026-11-20')).toEqual(current);
  });

  it('describes the public API in OpenAPI', async () => {
    const { body } = await get('/api/v1/openapi.json');
    const doc = body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of [
      ['/api/v1/reports', 'post'],
      ['/api/v1/stats', 'get'],
      ['/api/v1/stats.csv', 'get'],
      ['/api/v1/datapackage.json', 'get'],
      ['/api/v1/areas', 'get'],
      ['/api/epidata/covidcast/', 'get'],
      ['/api/epidata/covidcast_meta/', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeTruthy();
    }
  });

  it('publishes a municipality once its week is complete, only if it published 10 reports', async () => {
    clock = Date.UTC(2026, 10, 30, 11);
    service.releaseNow();
    const week = await stats('time_type=week&geo_type=municipality&geo_value=SI-061,SI-004&from=2026-11-23&to=2026-11-29');
    const row = (area: string, metric: string) => week.find((r) => r.geo_value === area && r.metric === metric)!;
    expect(Math.abs(row('SI-061', 'reports').value! - 63)).toBeLessThanOrEqual(D);
    expect(row('SI-061', 'cli').time_value).toBe('2026-W48');
    // Bohinj's 3 reports are published as fewer than 10, and nothing else.
    expect(row('SI-004', 'reports')).toMatchObject({ value: null, missing_value: 'below_minimum' });
    expect(new Set(week.map((r) => r.metric))).toEqual(new Set(['reports', 'symptomatic', 'cli', 'ili', 'covid_criteria']));
  });

  it('keeps in the database the counters, the release secret and the values it published, nothing else, while serving', async () => {
    const db = new Database(service.databasePath, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name").pluck().all()).toEqual(['counters', 'counts', 'frozen', 'history', 'metrics', 'release_secret']);
    // The last value recorded for each cell of a closed day is the one served; -1 records none.
    const names = db.prepare('SELECT name FROM metrics ORDER BY idx').pluck().all() as string[];
    const last = new Map<string, { area: string; metric: string; value: number }>();
    for (const { area, value } of db.prepare("SELECT area, value FROM history WHERE period = '2026-11-24' ORDER BY issued").all() as { area: string; value: Buffer }[]) {
      names.forEach((metric, k) => {
        if (value.readInt32BE(4 * k) !== -1) last.set(`${area} ${metric}`, { area, metric, value: value.readInt32BE(4 * k) });
      });
    }
    const recorded = [...last.values()];
    db.close();
    const served = new Map((await stats('time_type=day&from=2026-11-24&to=2026-11-24')).map((r) => [`${r.geo_value} ${r.metric}`, r.value ?? -2]));
    for (const r of recorded) expect(served.get(`${r.area} ${r.metric}`), `${r.area} ${r.metric}`).toBe(r.value);
    // And every value served above 0 was recorded: the history holds the whole day, not a part.
    const servedAboveZero = [...served].filter(([, value]) => value > 0).map(([cell]) => cell);
    expect(servedAboveZero).toContain('SI041 reports');
    expect(servedAboveZero.filter((cell) => !last.has(cell))).toEqual([]);
    expect(pack.municipalityByCode.has('SI-163')).toBe(true);
  });
});
