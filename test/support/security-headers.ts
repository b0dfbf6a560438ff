import { expect } from 'vitest';

export const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** What an API answer allows: nothing. */
export const EXPECTED_API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Asserts the headers every response must carry (dpia/assessment.md, M15), and those none may
 * carry: a page's, or an API answer's (a path under /api/, read from the response's URL
 * unless `api` says it, as for `app.request`).
 */
export function expectSecurityHeaders(res: Response, what: string, options: { hsts?: boolean; api?: boolean } = {}): void {
  const h = res.headers;
  const api = options.api ?? (res.url !== '' && new URL(res.url).pathname.startsWith('/api/'));
  expect(h.get('content-security-policy'), `${what}: CSP`).toBe(api ? EXPECTED_API_CSP : EXPECTED_CSP);
  expect(h.get('x-content-type-options'), `${what}: nosniff`).toBe('nosniff');
  expect(h.get('referrer-policy'), `${what}: referrer`).toBe('no-referrer');
  expect(h.get('cross-origin-resource-policy'), `${what}: CORP`).toBe('same-origin');
  expect(h.get('x-frame-options'), `${what}: framing`).toBe('DENY');
  if (!api) {
    expect(h.get('cross-origin-opener-policy'), `${what}: COOP`).toBe('same-origin');
    const permissions = h.get('permissions-policy') ?? '';
    for (const feature of ['camera', 'microphone', 'geolocation', 'browsing-topics', 'payment', 'usb']) {
      expect(permissions.split(', '), `${what}: Permissions-Policy ${feature}`).toContain(`${feature}=()`);
    }
  }
  if (options.hsts) expect(h.get('strict-transport-security'), `${what}: HSTS`).toBe('max-age=31536000; includeSubDomains');
  else expect(h.get('strict-transport-security'), `${what}: no HSTS`).toBeNull();
  for (const name of ['server', 'x-powered-by', 'set-cookie']) expect(h.get(name), `${what}: ${name}`).toBeNull();
  const cors = [...h.keys()].filter((name) => name.startsWith('access-control-'));
  expect(cors, `${what}: CORS headers`).toEqual([]);
}
