import Database from 'better-sqlite3';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALID_REPORT } from './support/reports.js';
import { metricValue, rawGet } from './support/raw-get.js';
import { startTestService, type TestService } from './support/service.js';

const DAY_MS = 86_400_000;
const TODAY = Date.UTC(2026, 10, 25, 11);

interface Problem {
  status: number;
  detail: string;
  errors: { field: string; pointer: string; detail: string }[];
}

describe('the statistics queries: strict, capped, compressed', () => {
  let service: TestService;
  let clock = TODAY - 250 * DAY_MS;
  const url = (path: string) => `${service.url}${path}`;
  const tableSizes = () => {
    const db = new Database(service.databasePath, { readonly: true });
    try {
      return ['counts', 'history'].map((t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    service = await startTestService({}, { now: () => clock });
    // One report 250 days ago, so the published days go back that far: enough rows to pass the cap.
    expect((await service.post(VALID_REPORT)).status).toBe(201);
    clock = TODAY - DAY_MS;
    for (let i = 0; i < 40; i++) expect((await service.post({ ...VALID_REPORT, area: i % 2 ? 'SI-061' : 'SI-052' })).status).toBe(201);
    clock = TODAY;
    service.releaseNow();
  });
  afterAll(() => service.stop());

  // [query, pointer]: each refused for both the JSON and the CSV.
  it.each([
    ['geo_type=country', '/time_type'],
    ['time_type=month', '/time_type'],
    ['time_type=day&geo_type=municipality', '/time_type'],
    ['time_type=week&geo_type=region&geo_value=SI-061', '/geo_value/0'],
    ['time_type=day&geo_value=SI041,SI-061', '/geo_value/1'],
    ['time_type=day&metric=', '/metric'],
    ['time_type=day&metric=reports&metric=cli', '/metric'],
    ['time_type=day&metric=reports,,cli', '/metric/1'],
    ['time_type=day&metric=reports,sneezes', '/metric/1'],
    ['time_type=day&metric=cli,cli', '/metric/1'],
    ['time_type=week&geo_type=municipality&metric=reports,symptom:fever', '/metric/1'],
    ['time_type=day&from=2026-11-25&to=2026-11-01', '/from'],
    ['time_type=day&from=yesterday', '/from'],
    ['time_type=day&format=xlsx', '/format'],
    ['time_type=day&level=region&geo_type=region', '/geo_type'],
    ['period=day&area=SI-999', '/area/0'],
  ])('refuses %s with a problem document pointing at %s, and changes nothing', async (query, pointer) => {
    const good = '/api/v1/stats?time_type=day&geo_type=region&metric=reports';
    const before = await rawGet(url(good));
    const sizes = tableSizes();
    for (const path of ['/api/v1/stats', '/api/v1/stats.csv']) {
      const res = await fetch(url(`${path}?${query}`));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await res.json()) as Problem;
      expect(problem.errors.map((e) => e.pointer), JSON.stringify(problem.errors)).toContain(pointer);
      expect(problem.errors.every((e) => e.detail.length > 0)).toBe(true);
    }
    const after = await rawGet(url(good));
    expect([after.status, after.headers.etag, after.body]).toEqual([200, before.headers.etag, before.body]);
    expect(tableSizes()).toEqual(sizes);
  });

  it('refuses a JSON or CSV answer of more than 100,000 rows, and serves a narrower one', async () => {
    for (const path of ['/api/v1/stats', '/api/v1/stats.csv']) {
      const all = await fetch(url(`${path}?time_type=day&from=2026-03-01`));
      expect(all.status).toBe(400);
      expect(((await all.json()) as Problem).detail).toMatch(/more than 100000 rows/);
      expect((await fetch(url(`${path}?time_type=day&from=2026-03-01&metric=reports`))).status).toBe(200);
    }
  });

  it('compresses with brotli or gzip as Accept-Encoding asks, each answer once per snapshot', async () => {
    const path = '/api/v1/stats.csv?time_type=day&geo_type=country&from=2026-11-01';
    const compressions = (coding: string) => metricValue(service.adminUrl!, 'answer_compressions_total', `{coding="${coding}"}`);
    const plain = await rawGet(url(path));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const brBefore = await compressions('br');

    const br = await rawGet(url(path), { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body)).toEqual(plain.body);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    const gz = await rawGet(url(path), { 'accept-encoding': 'br;q=0.5, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body)).toEqual(plain.body);

    // The same answer again: the bytes compressed before, not compressed anew.
    expect((await rawGet(url(path), { 'accept-encoding': 'br' })).body).toEqual(br.body);
    expect(await compressions('br')).toBe(brBefore + 1);
    expect((await rawGet(url(path), { 'accept-encoding': 'br', 'if-none-match': br.headers.etag as string })).status).toBe(304);

    // A new snapshot: a new answer, compressed once more.
    clock += 1000;
    service.releaseNow();
    await rawGet(url(path), { 'accept-encoding': 'br' });
    await rawGet(url(path), { 'accept-encoding': 'br' });
    expect(await compressions('br')).toBe(brBefore + 2);
  });
});
