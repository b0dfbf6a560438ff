import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { VALID_REPORT } from './support/reports.js';
import { sharedService, TEST_USER_AGENT } from './support/service.js';

describe('service endpoints', () => {
  const service = sharedService();

  it('answers a report with its guidance outcome', async () => {
    const res = await service().post(VALID_REPORT);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ outcome: 'isolate_and_test', questionnaireVersion: 1 });
  });

  it('reports health', async () => {
    const res = await fetch(`${service().url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('exposes request and group-commit metrics whose labels carry no user data', async () => {
    await service().post(VALID_REPORT);
    await service().post({ ...VALID_REPORT, area: 'nowhere' });
    const res = await fetch(`${service().adminUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/v1\/reports",status="201"\} [1-9]/);
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/v1\/reports",status="400"\} 1/);
    expect(text).toMatch(/group_commit_batch_reports_count [1-9]/);
    expect(text).toMatch(/group_commit_duration_seconds_count [1-9]/);
    for (const leak of ['nowhere', 'SI-061', 'fever', TEST_USER_AGENT]) expect(text).not.toContain(leak);
  });

  it('answers unknown paths with a problem document', async () => {
    const res = await fetch(`${service().url}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses every report of a batch whose commit fails with 503, and counts none of them', async () => {
    const reportsCounted = () => {
      const db = new Database(service().databasePath, { readonly: true });
      try {
        return db.prepare("SELECT coalesce(sum(n), 0) FROM counts WHERE metric = 'reports'").pluck().get();
      } finally {
        db.close();
      }
    };
    const before = reportsCounted();
    // Another process holding the write lock (a careless backup, say) makes the commit fail.
    const locker = new Database(service().databasePath);
    locker.exec('BEGIN IMMEDIATE');
    try {
      const answers = await Promise.all([service().post(VALID_REPORT), service().post(VALID_REPORT)]);
      for (const res of answers) {
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.headers.get('retry-after')).toBe('5');
      }
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect(reportsCounted()).toBe(before);
    expect((await service().post(VALID_REPORT)).status).toBe(201);
    expect(reportsCounted()).toBe((before as number) + 1);
  });
});
