import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvedPayload } from './support/altcha.js';
import { VALID_REPORT } from './support/reports.js';
import { expectSecurityHeaders } from './support/security-headers.js';
import { sharedService, startTestService, TEST_POW, TEST_USER_AGENT, type TestService } from './support/service.js';

/**
 * A concrete path for every route pattern with parameters or wildcards. A new route with a
 * parameter makes the test fail until a sample is added here; plain paths need nothing.
 */
const SAMPLE_PATHS: Record<string, string> = {
  '/assets/*': '/assets/app.js',
};

/** A small built web folder, so the page and asset routes exist whether or not `dist/web` does. */
function webFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'symptoms-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>form</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(root, 'privacy.html'), '<!doctype html><title>privacy</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  return root;
}

function concretePath(pattern: string): string {
  if (!/[:*]/.test(pattern)) return pattern;
  const sample = SAMPLE_PATHS[pattern];
  expect(sample, `route ${pattern} has parameters: add a sample path to SAMPLE_PATHS in test/headers.test.ts`).toBeDefined();
  return sample!;
}

const request = (url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { 'user-agent': TEST_USER_AGENT, ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(10_000) });

describe('security headers on every response', () => {
  let service: TestService;
  let web: string;
  beforeAll(async () => {
    web = webFolder();
    service = await startTestService(TEST_POW, { webRoot: web });
  });
  afterAll(async () => {
    await service.stop();
    rmSync(web, { recursive: true, force: true });
  });

  const routes = () => {
    const byPath = new Map<string, Set<string>>();
    for (const { method, path } of service.routes) {
      if (method === 'ALL') continue; // middleware and the 405 answers
      byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
    }
    return byPath;
  };

  it('finds the routes to check', () => {
    const paths = [...routes().keys()];
    for (const path of ['/api/v1/reports', '/api/v1/challenge', '/api/v1/status', '/healthz', '/', '/privacy', '/assets/*']) {
      expect(paths).toContain(path);
    }
  });

  it('on every registered route, asked with each of its methods', async () => {
    let checked = 0;
    for (const [pattern, methods] of routes()) {
      const url = `${service.url}${concretePath(pattern)}`;
      for (const method of methods) {
        const asks: [string, RequestInit][] =
          method === 'GET'
            ? [['GET', {}], ['HEAD', { method: 'HEAD' }]]
            : method === 'POST' && pattern === '/api/v1/reports'
              ? [['POST a report', { method: 'POST', headers: { 'content-type': 'application/json', 'x-altcha': await solvedPayload(service.url) }, body: JSON.stringify(VALID_REPORT) }]]
              : [[method, { method, headers: { 'content-type': 'application/json' }, body: method === 'HEAD' ? null : '{}' }]];
        for (const [what, init] of asks) {
          const res = await request(url, init);
          expect(res.status, `${what} ${pattern}`).toBeLessThan(500);
          if (pattern === '/api/v1/reports') expect(res.status).toBe(201);
          expectSecurityHeaders(res, `${what} ${pattern} (${res.status})`);
          await res.arrayBuffer();
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(routes().size);
  });

  it('on 405 answers and on preflights, which allow no other origin (CORS closed)', async () => {
    for (const [pattern, methods] of routes()) {
      const url = `${service.url}${concretePath(pattern)}`;
      const other = ['DELETE', 'PUT', 'PATCH', 'POST'].find((m) => !methods.has(m))!;
      const refused = await request(url, { method: other });
      expect(refused.status, `${other} ${pattern}`).toBe(405);
      expectSecurityHeaders(refused, `405 for ${other} ${pattern}`);

      const preflight = await request(url, {
        method: 'OPTIONS',
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-altcha' },
      });
      expect(preflight.status, `OPTIONS ${pattern}`).toBe(405);
      expectSecurityHeaders(preflight, `preflight ${pattern}`);
    }
    const crossOrigin = await request(`${service.url}/api/v1/status`, { headers: { origin: 'https://elsewhere.example' } });
    expect(crossOrigin.status).toBe(200);
    expectSecurityHeaders(crossOrigin, 'a GET from another origin');
  });

  it('on 404 answers', async () => {
    for (const path of ['/nothing-here', '/api/v1/nothing', '/assets/missing.js', '/%2e%2e/etc/passwd', '/privacy.html.bak']) {
      const res = await request(`${service.url}${path}`);
      expect(res.status, path).toBe(404);
      expectSecurityHeaders(res, `404 for ${path}`);
    }
  });

  it('on error answers of the report endpoint', async () => {
    const post = (init: { body?: string; headers?: Record<string, string> }) =>
      request(`${service.url}/api/v1/reports`, { method: 'POST', body: init.body ?? JSON.stringify(VALID_REPORT), headers: { 'content-type': 'application/json', ...init.headers } });
    const payload = await solvedPayload(service.url);
    expect((await post({ headers: { 'x-altcha': payload } })).status).toBe(201);
    const cases: [string, Promise<Response>, number][] = [
      ['no proof of work', post({}), 400],
      ['a replayed proof of work', post({ headers: { 'x-altcha': payload } }), 409],
      ['broken JSON', post({ body: '{', headers: { 'x-altcha': await solvedPayload(service.url) } }), 400],
      ['an invalid report', post({ body: '{"area":"SI-999"}', headers: { 'x-altcha': await solvedPayload(service.url) } }), 400],
      ['a wrong type', post({ headers: { 'content-type': 'text/plain' } }), 415],
      ['a body over the limit', post({ body: ' '.repeat(5000) }), 413],
    ];
    for (const [what, pending, status] of cases) {
      const res = await pending;
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res, `${status} for ${what}`);
    }
  });
});

describe('HSTS when configured (HSTS=true)', () => {
  const service = sharedService({ hsts: true });

  it('is sent on answers and errors alike', async () => {
    for (const [path, status] of [['/healthz', 200], ['/api/v1/status', 200], ['/nothing-here', 404]] as const) {
      const res = await request(`${service().url}${path}`);
      expect(res.status).toBe(status);
      expectSecurityHeaders(res, path, { hsts: true });
    }
    const res = await request(`${service().url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(415);
    expectSecurityHeaders(res, '415', { hsts: true });
  });
});
