import { type Challenge, createChallenge, solveChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import { CHALLENGES_PER_REPORT } from '../server/abuse/abuse-guard.js';
import { forwardedAddress, rateLimitSubject } from '../server/abuse/client-address.js';
import { createProofOfWork, type ProofOfWork } from '../server/abuse/proof-of-work.js';
import { RateLimiter } from '../server/abuse/rate-limit.js';
import { ReplaySet } from '../server/abuse/replay-set.js';
import { verifyIssuedSolution } from '../server/abuse/verify-solution.js';
import { ProblemError, problemResponse } from '../server/problem.js';
import { reportsRoutes } from '../server/reports.routes.js';
import { solvedPayload } from './support/altcha.js';
import { readCounts } from './support/counts.js';
import { VALID_REPORT } from './support/reports.js';
import { expectSecurityHeaders } from './support/security-headers.js';
import { expectPrivateLogs, sharedService, startTestService, TEST_POW, TEST_USER_AGENT, type TestService } from './support/service.js';

const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64');
const decode = (header: string) =>
  JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { challenge: Challenge; solution: { counter: number; derivedKey: string } };

function reportsCounted(databasePath: string): number {
  return readCounts(databasePath)
    .filter((row) => row.metric === 'reports')
    .reduce((sum, row) => sum + row.n, 0);
}

async function expectProblem(res: Response, status: number): Promise<{ detail: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await res.json()) as { status: number; detail: string };
  expect(problem.status).toBe(status);
  return problem;
}

describe('proof of work (ALTCHA)', () => {
  let service: TestService;
  /** The service's clock, which challenges expire by; moved by the expiry test only. */
  let clock = Date.UTC(2026, 10, 25, 12);
  const payloads: string[] = [];
  const solved = async () => {
    const payload = await solvedPayload(service.url);
    payloads.push(payload);
    return payload;
  };
  const postWith = (altcha: string, body: unknown = VALID_REPORT) => service.post(body, { headers: { 'x-altcha': altcha } });

  beforeAll(async () => {
    service = await startTestService({ ...TEST_POW, powChallengeTtlMs: 600_000 }, { now: () => clock });
  });
  afterAll(async () => {
    await service.stop();
    // No payload, challenge signature or solution ever reaches a log line.
    const secrets = payloads.flatMap((p) => [p.slice(0, 40), decode(p).challenge.signature!, decode(p).solution.derivedKey]);
    expectPrivateLogs(service.logs, secrets);
  });

  it('issues signed, expiring, uncached challenges, each different', async () => {
    const [a, b] = await Promise.all([fetch(`${service.url}/api/v1/challenge`), fetch(`${service.url}/api/v1/challenge`)]);
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('no-store');
    expect(a.headers.get('content-type')).toMatch(/^application\/json/);
    const first = (await a.json()) as Challenge;
    const second = (await b.json()) as Challenge;
    expect(first.parameters).toMatchObject({ algorithm: 'PBKDF2/SHA-256', cost: 1, keyLength: 32 });
    expect(first.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(first.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/);
    expect(first.parameters.expiresAt).toBe(clock / 1000 + 600);
    expect(second.parameters.nonce).not.toBe(first.parameters.nonce);
    expect(second.signature).not.toBe(first.signature);
  });

  it('says in the status document that reports need proof of work', async () => {
    const status = (await (await fetch(`${service.url}/api/v1/status`)).json()) as { proofOfWork: boolean };
    expect(status.proofOfWork).toBe(true);
  });

  it('accepts a solved challenge once, and refuses it again with 409', async () => {
    const before = reportsCounted(service.databasePath);
    const payload = await solved();
    expect((await postWith(payload)).status).toBe(201);
    const again = await expectProblem(await postWith(payload), 409);
    expect(again.detail).toMatch(/already used/);
    expect(reportsCounted(service.databasePath)).toBe(before + 1);
  });

  it('accepts a solution once even when it is sent many times at once', async () => {
    const before = reportsCounted(service.databasePath);
    const payload = await solved();
    const answers = await Promise.all(Array.from({ length: 12 }, () => postWith(payload)));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([201, ...Array(11).fill(409)]);
    expect(reportsCounted(service.databasePath)).toBe(before + 1);
  });

  it('solves through the test helper as the form will: one challenge per report', async () => {
    const before = reportsCounted(service.databasePath);
    const answers = await Promise.all(Array.from({ length: 5 }, () => service.post(VALID_REPORT)));
    expect(answers.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    expect(reportsCounted(service.databasePath)).toBe(before + 5);
  });

  describe('refuses with 400 and counts nothing', () => {
    const tamper = async (change: (p: ReturnType<typeof decode>) => void) => {
      const payload = decode(await solved());
      change(payload);
      return encode(payload);
    };
    const cases: [string, () => Promise<string | undefined>][] = [
      ['no X-Altcha header', async () => undefined],
      ['a header that is not base64 JSON', async () => 'not base64 at all!!'],
      ['base64 of null', async () => encode(null)],
      ['base64 of an empty object', async () => encode({})],
      ['a payload of the wrong shape', async () => encode({ challenge: 1, solution: 2 })],
      ['a wrong derived key', () => tamper((p) => void (p.solution.derivedKey = p.solution.derivedKey.replace(/^./, (c) => (c === '0' ? '1' : '0'))))],
      ['a counter out of range', () => tamper((p) => void (p.solution.counter = -1))],
      ['a derived key in upper case', () => tamper((p) => void (p.solution.derivedKey = p.solution.derivedKey.toUpperCase()))],
      ['a lowered cost', () => tamper((p) => void (p.challenge.parameters.cost = 0))],
      ['an extended expiry', () => tamper((p) => void (p.challenge.parameters.expiresAt! += 86_400))],
      ['a removed signature', () => tamper((p) => void delete p.challenge.signature)],
      ['a removed key signature', () => tamper((p) => void delete p.challenge.parameters.keySignature)],
      [
        'a challenge signed with another key',
        async () => {
          const challenge = await createChallenge({ algorithm: 'PBKDF2/SHA-256', cost: 1, counter: 3, deriveKey, hmacSignatureSecret: 'guessed', hmacKeySignatureSecret: 'guessed too', expiresAt: new Date(clock + 60_000) });
          const solution = await solveChallenge({ challenge, deriveKey });
          return encode({ challenge, solution });
        },
      ],
      [
        'a solution for another instance of the service (keys are drawn at start)',
        async () => {
          const other = await startTestService(TEST_POW);
          try {
            return await solvedPayload(other.url);
          } finally {
            await other.stop();
          }
        },
      ],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const before = readCounts(service.databasePath);
      const header = await make();
      const res = header === undefined ? await fetch(`${service.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': TEST_USER_AGENT },
        body: JSON.stringify(VALID_REPORT),
      }) : await postWith(header);
      const problem = await expectProblem(res, 400);
      expect(problem.detail).toMatch(/challenge|X-Altcha|x-altcha/);
      expectSecurityHeaders(res, 'refused proof of work');
      expect(readCounts(service.databasePath)).toEqual(before);
    });
  });

  it('refuses a solution whose challenge expired while the resident answered, and counts nothing', async () => {
    const before = reportsCounted(service.databasePath);
    const payload = await solved();
    const issuedAt = clock;
    try {
      clock = issuedAt + 600_001;
      const problem = await expectProblem(await postWith(payload), 400);
      expect(problem.detail).toMatch(/expired/);
      expect(reportsCounted(service.databasePath)).toBe(before);
      // At the last millisecond of its life it counts: the expiry is the challenge's own.
      clock = issuedAt + 600_000;
      expect((await postWith(payload)).status).toBe(201);
    } finally {
      clock = issuedAt;
    }
  });

  it('gives a solution back when its report could not be stored (503), so the same one can send it again', async () => {
    const before = reportsCounted(service.databasePath);
    const payload = await solved();
    const locker = new Database(service.databasePath);
    locker.exec('BEGIN IMMEDIATE');
    try {
      const res = await postWith(payload);
      await expectProblem(res, 503);
      expect(res.headers.get('retry-after')).toBe('5');
      expectSecurityHeaders(res, '503');
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect(reportsCounted(service.databasePath)).toBe(before);
    expect((await postWith(payload)).status).toBe(201);
    expect(reportsCounted(service.databasePath)).toBe(before + 1);
  });

  it('gives a solution back when its report is refused (400), so 409 always means counted', async () => {
    const before = reportsCounted(service.databasePath);
    const payload = await solved();
    await expectProblem(await postWith(payload, { ...VALID_REPORT, ageBand: '200+' }), 400);
    await expectProblem(await postWith(payload, '{"not json'), 400);
    expect(reportsCounted(service.databasePath)).toBe(before);
    expect((await postWith(payload)).status).toBe(201);
    await expectProblem(await postWith(payload), 409);
    expect(reportsCounted(service.databasePath)).toBe(before + 1);
  });

});

describe('proof of work: a retry while the first attempt is still in flight', () => {
  const pack = loadAreaPack('si');
  const pow = createProofOfWork({ maxNumber: 10, cost: 1, ttlMs: 60_000, maxSpent: 100 });
  /** The real proof of work, with every verdict it gives recorded. */
  const verdicts: string[] = [];
  const watched: ProofOfWork = {
    issue: () => pow.issue(),
    sweep: () => pow.sweep(),
    get spent() {
      return pow.spent;
    },
    verify(header) {
      const verdict = pow.verify(header);
      verdicts.push(verdict.ok ? 'ok' : verdict.reason);
      return verdict;
    },
  };
  /** Each report's commit, settled by the test. */
  const commits: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const app = new Hono();
  app.route(
    '/',
    reportsRoutes({
      areaPack: pack,
      today: () => '2026-03-02',
      proofOfWork: watched,
      submit: () => new Promise<void>((resolve, reject) => void commits.push({ resolve, reject })),
      recordKey: () => 0,
    }),
  );
  app.onError((error, c) => (error instanceof ProblemError ? problemResponse(c, error.status, error.init) : c.text('unexpected', 500)));
  const send = (altcha: string) =>
    app.request('/api/v1/reports', { method: 'POST', headers: { 'content-type': 'application/json', 'x-altcha': altcha }, body: JSON.stringify(VALID_REPORT) });
  const solve = async () => {
    const challenge = await pow.issue();
    return encode({ challenge, solution: await solveChallenge({ challenge, deriveKey }) });
  };

  /** A first attempt held in its commit, and a retry with the same solution that waits for it. */
  const retryWhileCommitting = async () => {
    const altcha = await solve();
    const first = send(altcha);
    await vi.waitFor(() => expect(commits).toHaveLength(1));
    const retry = send(altcha);
    await vi.waitFor(() => expect(verdicts).toEqual(['ok', 'pending']));
    return { first, retry };
  };

  beforeEach(() => {
    verdicts.length = 0;
    commits.length = 0;
  });

  it('waits for the first attempt, and answers 409 once it is counted', async () => {
    const { first, retry } = await retryWhileCommitting();
    commits[0]!.resolve();
    expect((await first).status).toBe(201);
    expect((await retry).status).toBe(409);
    expect(commits).toHaveLength(1);
  });

  it('waits for the first attempt, and counts the retry itself when the first was not stored', async () => {
    const { first, retry } = await retryWhileCommitting();
    commits[0]!.reject(new Error('disk full'));
    expect((await first).status).toBe(503);
    await vi.waitFor(() => expect(commits).toHaveLength(2));
    commits[1]!.resolve();
    expect((await retry).status).toBe(201);
    expect(verdicts).toEqual(['ok', 'pending', 'ok']);
  });
});

describe('proof of work: the fast check agrees with altcha-lib', () => {
  // altcha-lib reads Date.now(); a fixed Date lets both verifiers judge expiry at the same instant.
  const CLOCK = Date.UTC(2026, 10, 25, 12);
  beforeAll(() => void vi.useFakeTimers({ toFake: ['Date'], now: CLOCK }));
  afterAll(() => void vi.useRealTimers());
  const secrets = { hmacSignatureSecret: 'a'.repeat(64), hmacKeySignatureSecret: 'b'.repeat(64) };
  const issue = async (expiresInS: number) => {
    const challenge = await createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: 1,
      counter: 5,
      deriveKey,
      expiresAt: CLOCK / 1000 + expiresInS,
      ...secrets,
    });
    const solution = (await solveChallenge({ challenge, deriveKey }))!;
    return { challenge, solution: solution as unknown as Record<string, unknown> };
  };
  const library = async (payload: { challenge: Challenge; solution: Record<string, unknown> }) => {
    try {
      const result = await verifySolution({ challenge: payload.challenge, solution: payload.solution as never, deriveKey, ...secrets });
      return { verified: result.verified, expired: result.expired };
    } catch {
      return { verified: false, expired: false };
    }
  };

  it('on valid, expired and reordered payloads', async () => {
    for (const expiresInS of [600, -5]) {
      const payload = await issue(expiresInS);
      const reordered = { ...payload, challenge: { ...payload.challenge, parameters: Object.fromEntries(Object.entries(payload.challenge.parameters).reverse()) as never } };
      for (const p of [payload, reordered]) {
        const expected = await library(p);
        expect(expected).toEqual({ verified: expiresInS > 0, expired: expiresInS < 0 });
        expect(verifyIssuedSolution(p, secrets, CLOCK)).toEqual(expected);
      }
    }
  });

  it('on tampered payloads', async () => {
    const fresh = await issue(600);
    const mutation = fc.record({
      part: fc.constantFrom('parameters', 'challenge', 'solution'),
      key: fc.constantFrom('algorithm', 'nonce', 'salt', 'cost', 'keyLength', 'keyPrefix', 'keySignature', 'expiresAt', 'signature', 'counter', 'derivedKey', 'time', 'extra', '__proto__'),
      change: fc.oneof(
        fc.constant({ remove: true } as const),
        fc.jsonValue({ maxDepth: 1 }).map((value) => ({ value })),
        fc.constantFrom(-1, 0, 1, 5, 6, 1.5, 2 ** 32, '5', '00', 'AB').map((value) => ({ value })),
        fc.constant({ upper: true } as const),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const p = structuredClone(fresh);
        for (const { part, key, change } of mutations) {
          const target = (part === 'parameters' ? p.challenge.parameters : part === 'challenge' ? p.challenge : p.solution) as Record<string, unknown>;
          if ('remove' in change) delete target[key];
          else if ('upper' in change) target[key] = typeof target[key] === 'string' ? (target[key] as string).toUpperCase() : target[key];
          else Object.defineProperty(target, key, { value: change.value, enumerable: true, configurable: true, writable: true });
        }
        // The payload as the server receives it: through JSON.
        const received = JSON.parse(JSON.stringify(p)) as typeof p;
        if (typeof received.challenge?.parameters !== 'object' || received.challenge.parameters === null) return;
        expect(verifyIssuedSolution(received, secrets, CLOCK)).toEqual(await library(received));
      }),
      { numRuns: 300 },
    );
  });
});

describe('proof of work: expiry and the replay set', () => {
  it('refuses an expired challenge, and forgets its spent solution only once it has expired', async () => {
    let now = Date.UTC(2026, 10, 25, 12);
    const pow = createProofOfWork({ maxNumber: 10, cost: 1, ttlMs: 60_000, maxSpent: 100, now: () => now });
    const challenge = await pow.issue();
    expect(challenge.parameters.expiresAt).toBe(now / 1000 + 60);
    const solution = await solveChallenge({ challenge, deriveKey });
    const header = encode({ challenge, solution });
    const first = pow.verify(header);
    if (!first.ok) throw new Error(`refused: ${first.reason}`);
    first.settle(true);
    expect(await pow.verify(header)).toEqual({ ok: false, reason: 'replayed' });
    expect(pow.spent).toBe(1);

    now = challenge.parameters.expiresAt! * 1000;
    pow.sweep();
    // At the expiry second the challenge is still valid, so its solution is still remembered.
    expect(pow.spent).toBe(1);
    expect(await pow.verify(header)).toEqual({ ok: false, reason: 'replayed' });

    now = challenge.parameters.expiresAt! * 1000 + 1001;
    expect(await pow.verify(header)).toEqual({ ok: false, reason: 'expired' });
    pow.sweep();
    expect(pow.spent).toBe(0);
  });

  it('holds at most maxEntries solutions and says when there is room again', () => {
    let now = 1_000_000;
    const set = new ReplaySet({ maxEntries: 2, now: () => now });
    expect(set.spend('a', 1_010)).toBe('first');
    expect(set.spend('b', 1_020)).toBe('first');
    expect(set.spend('a', 1_010)).toBe('replayed');
    expect(set.spend('c', 1_030)).toBe('full');
    expect(set.secondsUntilRoom).toBe(10);
    now = 1_010_001;
    expect(set.spend('c', 1_030)).toBe('first');
    expect(set.size).toBe(2);
    set.release('c');
    expect(set.spend('c', 1_030)).toBe('first');
  });
});

describe('rate limit', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['2001:db8:a:b::1', '2001:db8:a:b::/64'],
    ['2001:db8:a:b:ffff:ffff:ffff:ffff', '2001:db8:a:b::/64'],
    ['2001:0DB8:000a:000b:1::', '2001:db8:a:b::/64'],
    ['2001:db8::1', '2001:db8::/64'],
    ['::1', '::/64'],
    ['fe80::1%eth0', 'fe80::/64'],
    ['64:ff9b::198.51.100.7', '64:ff9b::/64'],
  ])('counts %s as %s', (address, subject) => {
    expect(rateLimitSubject(address)).toBe(subject);
  });

  it.each([
    { peer: '127.0.0.1', forwarded: '203.0.113.9', counted: '203.0.113.9' },
    { peer: '::1', forwarded: '198.51.100.1, 203.0.113.9', counted: '203.0.113.9' },
    { peer: '::ffff:127.0.0.1', forwarded: '2001:db8::7', counted: '2001:db8::7' },
    { peer: '198.51.100.20', forwarded: '203.0.113.9', counted: '198.51.100.20' },
    { peer: '2001:db8::20', forwarded: '203.0.113.9', counted: '2001:db8::20' },
    { peer: '127.0.0.1', forwarded: 'not an address', counted: '127.0.0.1' },
  ])('behind a trusted proxy, from peer $peer with X-Forwarded-For "$forwarded", counts $counted', ({ peer, forwarded, counted }) => {
    expect(forwardedAddress(peer, forwarded)).toBe(counted);
  });

  it('allows max requests per window and subject, then refuses until the window ends', () => {
    let now = 600_000 * 1000 + 1;
    const limiter = new RateLimiter({ max: 3, windowMs: 600_000, maxSubjects: 100, now: () => now });
    for (let i = 0; i < 3; i++) expect(limiter.hit('a')).toEqual({ ok: true });
    now += 100_000;
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterS: 500 });
    expect(limiter.hit('b')).toEqual({ ok: true });
    expect(limiter.size).toBe(2);
    now += 500_000;
    expect(limiter.hit('a')).toEqual({ ok: true });
    expect(limiter.size).toBe(1);
  });

  it('drops every counter with its key when the window ends, even without traffic', () => {
    let now = 0;
    const limiter = new RateLimiter({ max: 3, windowMs: 60_000, maxSubjects: 100, now: () => now });
    limiter.hit('a');
    limiter.hit('b');
    limiter.sweep();
    expect(limiter.size).toBe(2);
    now = 60_000;
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });

  it('lets new subjects through uncounted when the table is full, and says so once', () => {
    const onFull = vi.fn();
    const limiter = new RateLimiter({ max: 1, windowMs: 60_000, maxSubjects: 2, now: () => 1, onFull });
    limiter.hit('a');
    limiter.hit('b');
    for (let i = 0; i < 3; i++) expect(limiter.hit('c')).toEqual({ ok: true });
    expect(limiter.hit('a').ok).toBe(false);
    expect(limiter.size).toBe(2);
    expect(onFull).toHaveBeenCalledTimes(1);
    expect(onFull).toHaveBeenCalledWith();
  });

  it('refuses a window of zero or longer than a day, so the key rotates at least daily', () => {
    expect(() => new RateLimiter({ max: 1, windowMs: 0, maxSubjects: 1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ max: 1, windowMs: 86_400_001, maxSubjects: 1 })).toThrow(RangeError);
  });

  // Steps of one story on one service, each starting where the one before left it: kept in this order when the suite is shuffled.
  describe('on the socket address', { shuffle: false }, () => {
    const WINDOW_MS = 600_000;
    let now = 1_000 * WINDOW_MS + 42_000;
    const service = sharedService({ rateLimitMax: 3, rateLimitWindowMs: WINDOW_MS }, { now: () => now, forbiddenInLogs: ['203.0.113.9'] });

    it('answers 429 with Retry-After once the budget is spent, before any other check but the type', async () => {
      for (let i = 0; i < 3; i++) expect((await service().post(VALID_REPORT)).status).toBe(201);
      const res = await service().post(VALID_REPORT);
      const problem = await expectProblem(res, 429);
      expect(problem.detail).toMatch(/too many/);
      expect(res.headers.get('retry-after')).toBe(String((WINDOW_MS - 42_000) / 1000));
      expectSecurityHeaders(res, '429');
      // Broken JSON is refused for the budget, not for its content; a wrong type is cheaper still.
      await expectProblem(await service().post('{"area":'), 429);
      await expectProblem(await service().post(VALID_REPORT, { headers: { 'content-type': 'text/plain' } }), 415);
      expect(reportsCounted(service().databasePath)).toBe(3);
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY says a proxy sets it', async () => {
      await expectProblem(await service().post(VALID_REPORT, { headers: { 'x-forwarded-for': '203.0.113.9' } }), 429);
    });

    it('gives a new budget in the next window', async () => {
      now += WINDOW_MS;
      expect((await service().post(VALID_REPORT)).status).toBe(201);
      expect(reportsCounted(service().databasePath)).toBe(4);
    });
  });

  describe('on fetching challenges', () => {
    const service = sharedService({ ...TEST_POW, rateLimitMax: 2, rateLimitWindowMs: 600_000 });

    it('allows CHALLENGES_PER_REPORT challenges per report of the budget, then answers 429 with Retry-After', async () => {
      const fetchChallenge = () => fetch(`${service().url}/api/v1/challenge`, { headers: { 'user-agent': TEST_USER_AGENT } });
      for (let i = 0; i < 2 * CHALLENGES_PER_REPORT; i++) expect((await fetchChallenge()).status).toBe(200);
      const res = await fetchChallenge();
      await expectProblem(res, 429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY)', () => {
    const ADDRESSES = ['198.51.100.1', '203.0.113.7', '203.0.113.8', '2001:db8:a:b::1', '2001:db8:a:b:ffff::2', '2001:db8:a:c::1'];
    const service = sharedService({ rateLimitMax: 2, rateLimitWindowMs: 600_000, trustProxy: true }, { forbiddenInLogs: ADDRESSES });
    const from = (forwardedFor: string) => service().post(VALID_REPORT, { headers: { 'x-forwarded-for': forwardedFor } });

    it('counts the last X-Forwarded-For hop, the address the proxy saw', async () => {
      expect((await from('198.51.100.1, 203.0.113.7')).status).toBe(201);
      expect((await from('198.51.100.2, 203.0.113.7')).status).toBe(201);
      await expectProblem(await from('203.0.113.7'), 429);
      expect((await from('203.0.113.7, 203.0.113.8')).status).toBe(201);
    });

    it('counts an IPv6 /64 network as one sender', async () => {
      expect((await from('2001:db8:a:b::1')).status).toBe(201);
      expect((await from('2001:db8:a:b:ffff::2')).status).toBe(201);
      await expectProblem(await from('2001:db8:a:b::1'), 429);
      expect((await from('2001:db8:a:c::1')).status).toBe(201);
    });

    it('falls back to the socket address when the last hop is not an address', async () => {
      expect((await from('garbage')).status).toBe(201);
      expect((await service().post(VALID_REPORT)).status).toBe(201);
      await expectProblem(await from('unknown'), 429);
    });
  });
});
