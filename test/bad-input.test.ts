import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALID_REPORT } from './support/reports.js';
import { startTestService, TEST_USER_AGENT, type TestService } from './support/service.js';

const deep = '['.repeat(1500) + ']'.repeat(1500);
const json = (body: unknown) => JSON.stringify(body);

/** [case, body, content type, status, field named in the problem document] */
const CORPUS: [string, string, string | undefined, number, string | undefined][] = [
  ['broken JSON', '{"area": "SI-061",', 'application/json', 400, '(body)'],
  ['an empty body', '', 'application/json', 400, '(body)'],
  ['a JSON array', '[]', 'application/json', 400, '(body)'],
  ['JSON null', 'null', 'application/json', 400, '(body)'],
  ['deeply nested JSON', deep, 'application/json', 400, '(body)'],
  ['a wrong type', json({ ...VALID_REPORT, symptoms: 'fever' }), 'application/json', 400, 'symptoms'],
  ['an unknown area', json({ ...VALID_REPORT, area: 'SI-999' }), 'application/json', 400, 'area'],
  ['an unknown symptom', json({ ...VALID_REPORT, symptoms: ['fever', 'hiccups'] }), 'application/json', 400, 'symptoms'],
  ['onset without symptoms', json({ ...VALID_REPORT, symptoms: [] }), 'application/json', 400, 'onset'],
  ['missing consent', json({ ...VALID_REPORT, consent: undefined }), 'application/json', 400, 'consent'],
  ['false consent', json({ ...VALID_REPORT, consent: false }), 'application/json', 400, 'consent'],
  ['an extra field', json({ ...VALID_REPORT, email: 'a@b.si' }), 'application/json', 400, 'email'],
  ['a 5 KiB body', json({ ...VALID_REPORT, pad: 'x'.repeat(5 * 1024) }), 'application/json', 413, undefined],
  ['a form content type', json(VALID_REPORT), 'application/x-www-form-urlencoded', 415, undefined],
  ['text/plain', json(VALID_REPORT), 'text/plain', 415, undefined],
  ['no content type', json(VALID_REPORT), undefined, 415, undefined],
];

function fingerprint(path: string): string {
  const hash = createHash('sha256');
  for (const suffix of ['', '-wal']) {
    try {
      hash.update(readFileSync(path + suffix));
    } catch {
      hash.update('absent');
    }
  }
  return hash.digest('hex');
}

/** A request with a chunked body, so no Content-Length tells the limit how large it is. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'user-agent': TEST_USER_AGENT },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('bad input', () => {
  let service: TestService;
  beforeAll(async () => {
    // No WAL truncation during the test, so the files change only if a write happens.
    service = await startTestService({ walTruncateIntervalMs: 3_600_000 });
    expect((await service.post(VALID_REPORT)).status).toBe(201);
  });
  afterAll(() => service.stop());
  /** Runs a request and checks that it left the database files as they were. */
  const unchanged = async <T>(send: () => Promise<T>): Promise<T> => {
    const before = fingerprint(service.databasePath);
    const result = await send();
    expect(fingerprint(service.databasePath), 'the database files changed').toBe(before);
    return result;
  };

  it('accepts a chunked body under the limit, and the fingerprint sees its write', async () => {
    const before = fingerprint(service.databasePath);
    const body = json(VALID_REPORT);
    const res = await postChunked(service.url, [body.slice(0, 10), body.slice(10)]);
    expect(res.status).toBe(201);
    expect(fingerprint(service.databasePath)).not.toBe(before);
  });

  it.each(CORPUS)('refuses %s with a problem document, and changes nothing', async (_name, body, type, status, field) => {
    const res = await unchanged(() =>
      fetch(`${service.url}/api/v1/reports`, {
        method: 'POST',
        headers: { ...(type ? { 'content-type': type } : {}), 'user-agent': TEST_USER_AGENT },
        body,
      }),
    );
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { status: number; title: string; detail: string; errors?: { field: string }[] };
    expect(problem.status).toBe(status);
    expect(problem.title).toBeTruthy();
    expect(problem.detail).toBeTruthy();
    if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it('refuses a body over the limit that comes without a Content-Length, and changes nothing', async () => {
    const res = await unchanged(() => postChunked(service.url, Array.from({ length: 6 }, () => ' '.repeat(1024))));
    expect(res.status).toBe(413);
    expect(res.type).toBe('application/problem+json');
  });

  it('refuses other methods with 405 and Allow, and changes nothing', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const res = await unchanged(() => fetch(`${service.url}/api/v1/reports`, { method, headers: { 'user-agent': TEST_USER_AGENT } }));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
