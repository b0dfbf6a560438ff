import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCounts } from './support/counts.js';
import { spawnServer } from './support/process.js';
import { VALID_REPORT } from './support/reports.js';
import { expectSecurityHeaders } from './support/security-headers.js';
import { expectPrivateLogs, sharedService, TEST_POW } from './support/service.js';

const ENDS = new Date('2026-06-30T22:00:00Z');

interface Status {
  collecting: boolean;
  collectionEnds: string | null;
  questionnaireVersion: number;
  proofOfWork: boolean;
}

async function status(url: string): Promise<Status> {
  const res = await fetch(`${url}/api/v1/status`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as Status;
}

// Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
describe('end of collection (COLLECTION_ENDS)', { shuffle: false }, () => {
  let now = ENDS.getTime() - 60_000;
  const service = sharedService({ ...TEST_POW, collectionEnds: ENDS }, { now: () => now });

  it('accepts reports before the end, and says when it ends', async () => {
    expect(await status(service().url)).toEqual({
      collecting: true,
      collectionEnds: '2026-06-30T22:00:00.000Z',
      questionnaireVersion: 1,
      proofOfWork: true,
      synthetic: false,
    });
    expect((await service().post(VALID_REPORT)).status).toBe(201);
    now = ENDS.getTime() - 1;
    expect((await service().post(VALID_REPORT)).status).toBe(201);
  });

  it('answers 410 with a problem document from the end on, before any other check, and counts nothing', async () => {
    const before = readCounts(service().databasePath);
    now = ENDS.getTime();
    const attempts: [string, RequestInit][] = [
      ['a valid report', {}],
      ['broken JSON', { body: '{"area":' }],
      ['a wrong type', { headers: { 'content-type': 'text/plain' } }],
      ['no proof of work', { headers: { 'x-altcha': '' } }],
    ];
    for (const [what, init] of attempts) {
      const res = await fetch(`${service().url}/api/v1/reports`, {
        method: 'POST',
        body: JSON.stringify(VALID_REPORT),
        ...init,
        headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      });
      expect(res.status, what).toBe(410);
      expect(res.headers.get('content-type'), what).toBe('application/problem+json');
      const problem = (await res.json()) as { status: number; detail: string };
      expect(problem).toMatchObject({ status: 410, title: 'Gone' });
      expect(problem.detail).toMatch(/collection has ended/);
      expectSecurityHeaders(res, `410 for ${what}`);
    }
    // A solved challenge does not help either.
    expect((await service().post(VALID_REPORT)).status).toBe(410);
    now = ENDS.getTime() + 86_400_000;
    expect((await service().post(VALID_REPORT)).status).toBe(410);
    expect(readCounts(service().databasePath)).toEqual(before);
  });

  it('keeps everything else working, and says that collection has ended', async () => {
    expect(await status(service().url)).toMatchObject({ collecting: false, collectionEnds: '2026-06-30T22:00:00.000Z' });
    for (const path of ['/healthz', '/api/v1/areas', '/api/v1/challenge']) {
      expect((await fetch(`${service().url}${path}`)).status, path).toBe(200);
    }
    expect((await fetch(`${service().adminUrl}/metrics`)).status, '/metrics').toBe(200);
  });
});

describe('without an end of collection', () => {
  const service = sharedService();

  it('collects, and says there is no end', async () => {
    expect(await status(service().url)).toEqual({ collecting: true, collectionEnds: null, questionnaireVersion: 1, proofOfWork: false, synthetic: false });
    expect((await service().post(VALID_REPORT)).status).toBe(201);
  });
});

describe('the built server with COLLECTION_ENDS in the past', () => {
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-ended-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a bare date as the end of that day in TIME_ZONE and refuses reports with 410', async () => {
    const server = await spawnServer({ DATABASE_PATH: join(dir, 'reports.db'), COLLECTION_ENDS: '2020-12-31', TIME_ZONE: 'Europe/Ljubljana' });
    try {
      expect(await status(server.url)).toMatchObject({ collecting: false, collectionEnds: '2020-12-31T23:00:00.000Z' });
      const res = await fetch(`${server.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(VALID_REPORT),
      });
      expect(res.status).toBe(410);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    expect(readCounts(join(dir, 'reports.db'))).toEqual([]);
    expectPrivateLogs(server.stdout);
  });
});
