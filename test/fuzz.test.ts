import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { fold, metricNames } from '../aggregator/fold.js';
import { guide } from '../aggregator/guidance.js';
import type { Report } from '../aggregator/questionnaire.js';
import { answerFields } from './support/arbitraries.js';
import { solvedPayload } from './support/altcha.js';
import { readCounts } from './support/counts.js';
import { VALID_REPORT } from './support/reports.js';
import { sharedService, TEST_POW, TEST_USER_AGENT } from './support/service.js';

/** Each request must be answered within this; a slower answer fails the property (never a hang). */
const REQUEST_TIMEOUT_MS = 5000;
/** Bounds of each property: runs, and time (fewer runs rather than a slow suite). */
const RUNS = { numRuns: 60, interruptAfterTimeLimit: 4000, markInterruptAsFailure: false } as const;

/** Classic troublemakers (after the Big List of Naughty Strings), written out here. */
const NAUGHTY = [
  '', ' ', 'undefined', 'null', 'NULL', 'nil', 'true', 'false', '0', '-1', '1e309', 'NaN', 'Infinity', '0xffffffff',
  '9007199254740993', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '\u0000', '\u200b',
  '\ufeff', '\u202e', '\ud800', 'Ω≈ç√∫˜µ≤≥÷', '田中さんにあげて下さい', '𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐', '😀👍🏽👨‍👩‍👧', 'Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --", "'; DROP TABLE counts; --",
  '=1+1', '+cmd|calc', '@SUM(1)', '-2+3', '../../../../etc/passwd', '%00', '%s%s%s%n', '{{7*7}}', '${jndi:ldap://x/a}',
  '\r\nSet-Cookie: a=b', 'SI-061\u0000', 'SI-061 ', ' SI-061', 'si-061', 'SI\u2010061', 'fever\n', 'Fever', 'fever ',
  '\\', '\\u0000', '０', '1/0', '[]', '{}', '"', 'ÅÍÎÏ˝ÓÔÒÚÆ☃',
];

type Counts = Map<string, number>;
const snapshot = (path: string): Counts => new Map(readCounts(path).map((r) => [`${r.day}|${r.area}|${r.metric}`, r.n]));

function difference(before: Counts, after: Counts): Counts {
  const delta: Counts = new Map();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const d = (after.get(key) ?? 0) - (before.get(key) ?? 0);
    if (d !== 0) delta.set(key, d);
  }
  return delta;
}

describe('fuzzing the report endpoint', () => {
  const codes = [...loadAreaPack('si').municipalityByCode.keys()];
  const service = sharedService(TEST_POW, { forbiddenInLogs: ['<script>', 'DROP TABLE', 'jndi', 'Set-Cookie: a=b'] });

  /**
   * Sends one request and checks the invariants: an answer within the timeout, never a 5xx,
   * a problem document for every refusal, and the counters change only with a 201, by
   * exactly what that report folds into.
   */
  async function check(init: { method?: string; path?: string; body?: string | Uint8Array; headers?: Record<string, string>; pow?: boolean }): Promise<number> {
    const headers: Record<string, string> = { 'user-agent': TEST_USER_AGENT, ...init.headers };
    if (init.pow !== false && !('x-altcha' in headers)) headers['x-altcha'] = await solvedPayload(service().url);
    const method = init.method ?? 'POST';
    const before = snapshot(service().databasePath);
    const res = await fetch(`${service().url}${init.path ?? '/api/v1/reports'}`, {
      method,
      headers,
      ...(method === 'GET' || method === 'HEAD' ? {} : { body: (init.body ?? '') as BodyInit }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    expect(res.status, `${method} answered ${res.status}: ${text.slice(0, 200)}`).toBeLessThan(500);
    if (res.status >= 400 && method !== 'HEAD') expect(res.headers.get('content-type')).toBe('application/problem+json');
    const delta = difference(before, snapshot(service().databasePath));
    if (res.status !== 201) {
      expect([...delta.keys()], `counters changed on a ${res.status}`).toEqual([]);
    } else {
      const report = JSON.parse(typeof init.body === 'string' ? init.body : new TextDecoder().decode(init.body)) as Report;
      const expected = metricNames(fold(report, '', guide(report), 0)).map((metric) => `${report.area}|${metric}`).sort();
      const days = new Set([...delta.keys()].map((key) => key.split('|')[0]));
      expect(days.size).toBe(1);
      expect([...delta.keys()].map((key) => key.slice(key.indexOf('|') + 1)).sort()).toEqual(expected);
      expect([...delta.values()].every((d) => d === 1)).toBe(true);
    }
    return res.status;
  }

  it('answers arbitrary JSON values with 400 or 413', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expect([400, 413]).toContain(await check({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } }));
      }),
      RUNS,
    );
  });

  it('counts report-shaped bodies with valid and hostile field values only when they are valid', async () => {
    // Mostly valid values, so that about a quarter of the bodies are valid reports.
    const either = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 20, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...NAUGHTY) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
    const answer = answerFields({ maxWarningSigns: 1 });
    const report = fc
      .record({
        area: either(fc.constantFrom(...codes)),
        ageBand: either(answer.ageBand),
        symptoms: either(answer.symptoms),
        warningSigns: either(answer.warningSigns),
        onset: either(answer.onset),
        // Onset belongs with symptoms only: mostly as it should, sometimes against the rule.
        onsetMode: fc.constantFrom('as-required', 'as-required', 'as-required', 'always', 'never'),
        contact: either(answer.contact),
        test: either(answer.test),
        consent: either(fc.constant(true)),
        extra: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
      })
      .map(({ onset, onsetMode, extra, ...rest }) => {
        const symptomatic = Array.isArray(rest.symptoms) && rest.symptoms.length > 0;
        const withOnset = onsetMode === 'always' || (onsetMode === 'as-required' && symptomatic);
        return { ...rest, ...(withOnset ? { onset } : {}), ...(extra === undefined ? {} : { extra }) };
      });
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(report, async (body) => {
        const status = await check({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect([201, 400]).toContain(status);
        statuses.push(status);
      }),
      { ...RUNS, numRuns: 120 },
    );
    // The generator reaches both sides of the schema, so the counter check above meant something.
    expect(statuses).toContain(201);
    expect(statuses).toContain(400);
  });

  it('refuses naughty strings wherever they go', async () => {
    const placed = fc.oneof(
      fc.constantFrom(...NAUGHTY).map((s) => JSON.stringify(s)),
      fc.constantFrom(...NAUGHTY).map((s) => s),
      fc.tuple(fc.constantFrom(...Object.keys(VALID_REPORT)), fc.constantFrom(...NAUGHTY)).map(([field, s]) => JSON.stringify({ ...VALID_REPORT, [field]: s })),
      fc.tuple(fc.constantFrom('symptoms', 'warningSigns'), fc.constantFrom(...NAUGHTY)).map(([field, s]) => JSON.stringify({ ...VALID_REPORT, [field]: [s] })),
      fc.constantFrom(...NAUGHTY).map((s) => JSON.stringify({ ...VALID_REPORT, [s]: true })),
    );
    await fc.assert(
      fc.asyncProperty(placed, async (body) => {
        expect(await check({ body, headers: { 'content-type': 'application/json' } })).toBe(400);
      }),
      RUNS,
    );
  });

  it('answers arbitrary bytes with 400 or 413', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 6000 }), async (bytes) => {
        expect([400, 413]).toContain(await check({ body: bytes, headers: { 'content-type': 'application/json' } }));
      }),
      RUNS,
    );
  });

  it('answers very long strings and deep nesting with 400 or 413', async () => {
    const long = fc
      .tuple(fc.constantFrom('x', 'é', '😀', '\\u0000', '"'), fc.integer({ min: 1000, max: 300_000 }), fc.constantFrom(...Object.keys(VALID_REPORT)))
      .map(([unit, n, field]) => JSON.stringify({ ...VALID_REPORT, [field]: unit.repeat(n) }));
    const deep = fc
      .tuple(fc.constantFrom(['[', ']'], ['{"a":', '}'], ['{"area":[', ']}']), fc.integer({ min: 1, max: 200_000 }), fc.boolean())
      .map(([[open, close], depth, closed]) => open.repeat(depth) + (closed ? '1' + close.repeat(depth) : ''));
    await fc.assert(
      fc.asyncProperty(fc.oneof(long, deep), async (body) => {
        expect([400, 413]).toContain(await check({ body, headers: { 'content-type': 'application/json' } }));
      }),
      RUNS,
    );
  });

  it('refuses wrong methods with 405 and wrong content types with 415', async () => {
    const method = fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST');
    const contentType = fc.oneof(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-patch+json', 'json', 'application/ld+json', ''),
      fc.constantFrom('application/json', 'APPLICATION/JSON', 'application/json; charset=utf-8', ' application/json ; q=1'),
      fc.stringMatching(/^[ -~]{0,40}$/),
    );
    await fc.assert(
      fc.asyncProperty(method, contentType, fc.constantFrom(JSON.stringify(VALID_REPORT), '{', ''), async (m, type, body) => {
        const status = await check({ method: m, body, headers: type ? { 'content-type': type } : {} });
        const json = type.split(';')[0]!.trim().toLowerCase() === 'application/json';
        if (m !== 'POST') expect(status).toBe(405);
        else if (!json) expect(status).toBe(415);
        else expect([201, 400]).toContain(status);
      }),
      RUNS,
    );
  });

  it('answers arbitrary paths and query strings without a 5xx', async () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,12}$/);
    const path = fc.tuple(fc.array(segment, { maxLength: 5 }), fc.stringMatching(/^[A-Za-z0-9=&%._-]{0,30}$/)).map(([segments, query]) => `/${segments.join('/')}${query ? `?${query}` : ''}`);
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('GET', 'POST', 'HEAD'), async (p, m) => {
        await check({ method: m, path: p, body: '{}', headers: { 'content-type': 'application/json' }, pow: false });
      }),
      RUNS,
    );
  });

  it('refuses anything but an unspent, untouched solution in X-Altcha', async () => {
    const valid = JSON.stringify(VALID_REPORT);
    const fresh = async () => JSON.parse(Buffer.from(await solvedPayload(service().url), 'base64').toString()) as Record<string, any>;
    const header = fc.oneof(
      fc.stringMatching(/^[ -~]{0,200}$/).map((s) => async () => s),
      fc.jsonValue().map((v) => async () => Buffer.from(JSON.stringify(v)).toString('base64')),
      // Every signed parameter, a new one, the signature, the derived key: each change must be caught.
      // (The counter and the solving time are not evidence: the derived key is.)
      fc.tuple(fc.nat(), fc.boolean(), fc.jsonValue({ maxDepth: 1 })).map(([pick, added, value]) => async () => {
        const payload = await fresh();
        const parameters = payload.challenge.parameters as Record<string, unknown>;
        const targets: [Record<string, unknown>, string][] = [
          ...Object.keys(parameters).map((key) => [parameters, key] as [Record<string, unknown>, string]),
          [payload.challenge, 'signature'],
          [payload.solution, 'derivedKey'],
        ];
        const [target, name] = added ? [parameters, `extra${pick % 3}`] : targets[pick % targets.length]!;
        if (JSON.stringify(target[name]) === JSON.stringify(value)) return 'unchanged';
        target[name] = value;
        return Buffer.from(JSON.stringify(payload)).toString('base64');
      }),
    );
    await fc.assert(
      fc.asyncProperty(header, async (make) => {
        const value = await make();
        expect([400, 409]).toContain(await check({ body: valid, headers: { 'content-type': 'application/json', 'x-altcha': value } }));
      }),
      RUNS,
    );
  });
});
