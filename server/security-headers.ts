import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';

export interface SecurityHeadersOptions {
  /** Send Strict-Transport-Security: only when the service is reached over TLS (HSTS). */
  hsts: boolean;
}

/** Pages and API alike load only what this origin serves (I5: no third-party requests). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Lit's static styles are constructed style sheets (adoptedStyleSheets), which style-src
  // 'self' allows; inline <style> elements and style attributes are refused.
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  // The ALTCHA solver's workers must be files of this origin (altcha/external, or altcha-lib's
  // solver in a worker bundled as a file); the widget's default bundle starts them from blob:
  // URLs and injects a <style> element, both refused here.
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Every powerful feature switched off. Only names current browsers recognise: an unknown
 * one (FLoC's `interest-cohort`, retired in 2022 for `browsing-topics`) makes Chromium log
 * an error on every page.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'browsing-topics', 'camera', 'display-capture',
  'encrypted-media', 'fullscreen', 'geolocation', 'gyroscope', 'hid', 'idle-detection',
  'magnetometer', 'microphone', 'midi', 'payment', 'picture-in-picture', 'publickey-credentials-get',
  'screen-wake-lock', 'serial', 'sync-xhr', 'usb', 'xr-spatial-tracking',
].map((feature) => `${feature}=()`).join(', ');

/**
 * For the API's answers (JSON, CSV, problem documents), which no page loads as a document:
 * nothing may load or frame them. The page-only headers (Permissions-Policy, COOP,
 * Origin-Agent-Cluster) govern documents and would be a third of every report's answer.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Where the API's answers are. */
const API_PREFIX = '/api/';

const HSTS = 'max-age=31536000; includeSubDomains';

function headerList(options: SecurityHeadersOptions, api: boolean): [string, string][] {
  const common: [string, string][] = [
    ['referrer-policy', 'no-referrer'],
    ['x-content-type-options', 'nosniff'],
    ['x-frame-options', 'DENY'],
    ['cross-origin-resource-policy', 'same-origin'],
    ...(options.hsts ? [['strict-transport-security', HSTS] as [string, string]] : []),
  ];
  if (api) return [['content-security-policy', API_CONTENT_SECURITY_POLICY], ...common];
  return [
    ['content-security-policy', CONTENT_SECURITY_POLICY],
    ['permissions-policy', PERMISSIONS_POLICY],
    ...common,
    ['cross-origin-opener-policy', 'same-origin'],
    ['origin-agent-cluster', '?1'],
    ['x-permitted-cross-domain-policies', 'none'],
  ];
}

/**
 * The headers on every response, errors included: a strict CSP with no inline script (none
 * at all on the API's answers), no referrer, no sniffing, no framing, no cross-origin use of
 * responses, and HSTS only when configured. CORS stays closed: nothing sends
 * Access-Control-Allow-Origin, so browsers refuse cross-origin reads and preflights. Nothing
 * sets a cookie, and neither hono nor Node sends a Server or X-Powered-By banner.
 *
 * They are set on Node's response before the app runs, which costs ~5 µs a request;
 * hono's secureHeaders sets them on the finished Response, which builds a Headers object
 * for every answer and cost the report endpoint ~24 µs (a third of its CPU time). A header
 * a route sets itself wins. Without a Node response (`app.request` in a test) they go
 * through hono's context instead.
 */
export function securityHeaders(options: SecurityHeadersOptions): MiddlewareHandler {
  const pages = headerList(options, false);
  const api = headerList(options, true);
  return async function securityHeaders(c, next) {
    const headers = c.req.path.startsWith(API_PREFIX) ? api : pages;
    const outgoing = (c.env as HttpBindings | undefined)?.outgoing;
    if (outgoing) for (const [name, value] of headers) outgoing.setHeader(name, value);
    else for (const [name, value] of headers) c.header(name, value);
    await next();
  };
}
