import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE_POLICY } from '../aggregator/release-policy.js';
import { snapshotSchema } from '../server/snapshot-info.js';
import { startTestService, type TestService } from './support/service.js';

// 10:00 in Ljubljana: today's 06:00 publication is out, the next is at 12:00.
const MORNING = Date.UTC(2026, 10, 25, 9);
const HOUR_MS = 3_600_000;

// Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
describe('GET /api/v1/snapshot', { shuffle: false }, () => {
  let service: TestService;
  let clock = MORNING;
  const snapshot = (headers: Record<string, string> = {}) => fetch(`${service.url}/api/v1/snapshot`, { headers });

  beforeAll(async () => {
    service = await startTestService({}, { now: () => clock });
  });
  afterAll(() => service.stop());

  it('gives the snapshot the statistics are read from: its time, open day and policy, and no row', async () => {
    const res = await snapshot();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body: unknown = await res.json();
    expect(snapshotSchema.parse(body)).toEqual(body);
    expect(body).toEqual({
      time: new Date(MORNING).toISOString(),
      openDay: '2026-11-25',
      openDayPublishedAt: expect.any(String),
      openDayNextAt: new Date(MORNING + 2 * HOUR_MS).toISOString(),
      timeZone: 'Europe/Ljubljana',
      policy: DEFAULT_RELEASE_POLICY,
    });
    const stats = (await (await fetch(`${service.url}/api/v1/stats?geo_type=country&time_type=day&metric=reports`)).json()) as { snapshot: unknown };
    expect(stats.snapshot).toEqual(body);
  });

  it('answers 304 to its ETag while the snapshot is the same, and the next snapshot with a new ETag', async () => {
    const first = await snapshot();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(first.headers.get('last-modified')).toBe(new Date(clock).toUTCString());

    const again = await snapshot({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    clock = MORNING + 3 * HOUR_MS;
    service.releaseNow();
    const later = await snapshot({ 'if-none-match': etag });
    expect(later.status).toBe(200);
    expect(later.headers.get('etag')).not.toBe(etag);
    expect(await later.json()).toMatchObject({ time: new Date(clock).toISOString(), openDayNextAt: new Date(MORNING + 8 * HOUR_MS).toISOString() });
  });

  it('is described in the OpenAPI document by the schema it answers with', async () => {
    const doc = (await (await fetch(`${service.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const answer = doc.paths['/api/v1/snapshot']?.get?.responses;
    expect(answer?.['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Snapshot' });
    expect(answer?.['304']).toBeDefined();
    expect(Object.keys(doc.components.schemas.Snapshot!.properties).sort()).toEqual(Object.keys(snapshotSchema.shape).sort());
  });
});
